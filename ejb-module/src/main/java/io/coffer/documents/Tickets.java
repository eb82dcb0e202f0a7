package io.coffer.documents;

import io.coffer.shared.TenantId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.tenancy.TenantScope;
import io.coffer.tenancy.TokenDirectory;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Token-less redemption of download tickets: find the tenant by the ticket's hash, then act tenant-scoped. */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Tickets {

    @Inject
    TokenDirectory directory;

    @EJB
    TenantScope tenancy;

    @EJB
    Documents documents;

    public DocumentContent redeem(String ticket) {
        TenantId tenant = directory.tenantOf(ticket, Documents.TICKET_KIND)
                .orElseThrow(() -> new NotFoundException("no such ticket"));
        return tenancy.call(tenant, () -> documents.redeemTicket(ticket, tenant));
    }
}
