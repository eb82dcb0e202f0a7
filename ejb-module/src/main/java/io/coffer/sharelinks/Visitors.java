package io.coffer.sharelinks;

import io.coffer.documents.Content;
import io.coffer.documents.PageImage;
import io.coffer.documents.Zip;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.sharelinks.internal.VisitorWork;
import io.coffer.tenancy.TenantScope;
import io.coffer.documents.Tickets;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The visitor side of share links (contract "Share links", visitor table): no bearer token; the link token is the
 * capability. Each call finds the link's tenant by the token's hash ({@link OneTimeSecrets}), then does its work in a
 * transaction bound to that tenant, where every request passes the same composed policies (LinkGate). Unknown and
 * revoked links are one {@link NotFoundException}.
 */
// Not an EJB: it has no transaction of its own (each step runs in TenantScope's), and a refusal (an application
// exception with rollback) thrown out of an EJB method without a transaction marks Liberty's local transaction,
// which logs an ERROR (WLTC0017E) for every wrong password or unknown token (FD-22).
@ApplicationScoped
public class Visitors {

    @Inject
    OneTimeSecrets secrets;

    @Inject
    Tickets tickets;

    @EJB
    TenantScope tenancy;

    @EJB
    VisitorWork work;

    private TenantId tenantOf(String linkToken) {
        return secrets.tenantOf(linkToken, SecretKind.SHARE_LINK)
                .orElseThrow(() -> new NotFoundException("no such link"));
    }

    public VisitorViews.Intro open(String linkToken, String client) {
        TenantId t = tenantOf(linkToken);
        return tenancy.call(t, () -> work.open(t, linkToken, client));
    }

    public VisitorViews.Session createSession(String linkToken, VisitorViews.Credentials given, String client) {
        TenantId t = tenantOf(linkToken);
        return tenancy.call(t, () -> work.createSession(t, linkToken, given, client));
    }

    public List<VisitorViews.Node> tree(VisitorViews.Request r) {
        TenantId t = tenantOf(r.linkToken());
        return tenancy.call(t, () -> work.tree(t, r));
    }

    public PageImage page(VisitorViews.Request r, DocumentId documentId, int page) {
        TenantId t = tenantOf(r.linkToken());
        return tenancy.call(t, () -> work.page(t, r, documentId, page));
    }

    /**
     * What the visitor downloads. {@code counts} tells from the content whether the answer made of it is a download
     * to record (the web layer's one rule: a GET answered from the first byte; never a HEAD, a 304 or a later range).
     */
    public Content content(VisitorViews.Request r, DocumentId documentId, Predicate<Content> counts) {
        TenantId t = tenantOf(r.linkToken());
        return tenancy.call(t, () -> work.content(t, r, documentId, counts));
    }

    public String ticket(VisitorViews.Request r, UUID documentId) {
        TenantId t = tenantOf(r.linkToken());
        return tenancy.call(t, () -> work.ticket(t, r, documentId));
    }

    /** Uses a visitor's download ticket up (documents' {@link Tickets}) and serves it through the link's gate. */
    public Content redeemTicket(String ticket, String client) {
        return tickets.redeemForVisitor(ticket, found -> work.redeem(found, client));
    }

    public Zip zip(VisitorViews.Request r, FolderId folderId) {
        TenantId t = tenantOf(r.linkToken());
        return tenancy.call(t, () -> work.zip(t, r, folderId));
    }

    public void beacons(VisitorViews.Request r, List<VisitorViews.Beacon> beacons) {
        TenantId t = tenantOf(r.linkToken());
        tenancy.call(t, () -> {
            work.beacons(t, r, beacons);
            return null;
        });
    }
}
