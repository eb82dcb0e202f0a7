package io.coffer.documents;

import io.coffer.shared.TenantId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.tenancy.TenantScope;
import io.coffer.tenancy.TokenDirectory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Token-less redemption of download tickets: find the tenant by the ticket's hash, then act tenant-scoped. */
// Not an EJB: it has no transaction of its own (each step runs in TenantScope's), and a refusal (an application
// exception with rollback) thrown out of an EJB method without a transaction marks Liberty's local transaction,
// which logs an ERROR (WLTC0017E) for every wrong password or unknown token (FD-22).
@ApplicationScoped
public class Tickets {

    @Inject
    TokenDirectory directory;

    @EJB
    TenantScope tenancy;

    @EJB
    Documents documents;

    public Content redeem(String ticket) {
        TenantId tenant = directory.tenantOf(ticket, Documents.TICKET_KIND)
                .orElseThrow(() -> new NotFoundException("no such ticket"));
        return tenancy.call(tenant, () -> documents.redeemTicket(ticket, tenant));
    }
}
