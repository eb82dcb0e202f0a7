package io.coffer.documents;

import io.coffer.datarooms.RoomDocuments;
import io.coffer.datarooms.DocumentEntry;
import io.coffer.datarooms.Holder;
import io.coffer.datarooms.Permission;
import io.coffer.documents.internal.Versions;
import io.coffer.documents.internal.Renditions;
import io.coffer.documents.internal.DocumentVersionEntity;
import io.coffer.documents.internal.TicketEntity;
import io.coffer.documents.internal.TicketRows;
import io.coffer.identity.Role;
import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * Download tickets (DOC-30): single-use URLs that live {@link #LIFETIME}, for a browser's native download without a
 * bearer token — a member's (issued by {@link Documents#issueTicket}, redeemed with the rights its creator holds at
 * use, PERM-16) or a share-link visitor's (issued by sharelinks after the link's gate, redeemed by sharelinks through
 * the gate again, SL-40). One table for both; the issue, the tenant lookup and the single use are
 * {@link OneTimeSecrets}'; every failure is one {@link NotFoundException}.
 */
// Not an EJB: redeem runs in OneTimeSecrets' transaction and throws its refusal out of a method without one (FD-22).
@ApplicationScoped
public class Tickets {

    /** How long a ticket lives (contract: {@code expiresIn} 60). */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    /** What a redeemed visitor ticket names; sharelinks checks it with the link's gate again before serving. */
    public record VisitorTicket(TenantId tenant, LinkId link, UUID visitorSession, DocumentId document) {
    }

    @Inject
    TicketRows rows;

    @Inject
    Versions versions;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    Clock clock;

    @Inject
    Event<DocumentEvent> events;

    @EJB
    RoomDocuments entries;

    @Inject
    Renditions renditions;

    /**
     * A member's ticket, in the creator's transaction, after {@link Documents#issueTicket} checked DOWNLOAD; it is
     * checked again at use against what {@code creator} holds then, at most at {@code actedAs} (PERM-16).
     */
    public String issueForMember(DocumentId document, UserId creator, Role actedAs) {
        Instant now = clock.instant();
        OneTimeSecrets.Issued issued = secrets.issue(SecretKind.DOWNLOAD_TICKET, now.plus(LIFETIME));
        rows.add(TicketEntity.member(document, issued.hash(), creator, actedAs, now, now.plus(LIFETIME)));
        return issued.secret();
    }

    /**
     * A share-link visitor's ticket for {@code document}, in the link's tenant transaction, once the link's gate has
     * let this visitor session download it; it is checked by that gate again at use.
     */
    public String issueForVisitor(LinkId link, UUID visitorSession, DocumentId document) {
        Instant now = clock.instant();
        OneTimeSecrets.Issued issued = secrets.issue(SecretKind.LINK_TICKET, now.plus(LIFETIME));
        rows.add(TicketEntity.visitor(document, issued.hash(), link, visitorSession, now, now.plus(LIFETIME)));
        return issued.secret();
    }

    /** Uses a member's ticket up and answers what to download, checked against the rights its creator holds now. */
    public Content redeem(String ticket) {
        return secrets.redeem(ticket, SecretKind.DOWNLOAD_TICKET, Tickets::refused, tenant -> {
            TicketEntity found = row(ticket);
            Holder holder = found.holder().orElseThrow(Tickets::refused);
            DocumentId document = found.documentId();
            DocumentEntry entry = entries.onBehalfOf(holder, document, Permission.DOWNLOAD)
                    .orElseThrow(Tickets::refused);
            DocumentVersionEntity newest = versions.newest(document.value()).orElseThrow(Tickets::refused);
            events.fire(new DocumentEvents.Downloaded(tenant, entry.roomId(), document, newest.version(),
                    newest.sha256(), DocumentEvents.Reader.member(holder.user()), DocumentEvents.Via.TICKET, false,
                    null, clock.instant()));
            return renditions.stored(tenant, newest, entry.name());
        });
    }

    /**
     * Uses a visitor's ticket up and runs {@code serve} (sharelinks' gate and download) in the same transaction,
     * bound to the ticket's tenant; a refusal of {@code serve} rolls the redemption back.
     */
    public <T> T redeemForVisitor(String ticket, Function<VisitorTicket, T> serve) {
        return secrets.redeem(ticket, SecretKind.LINK_TICKET, Tickets::refused, tenant -> {
            TicketEntity found = row(ticket);
            LinkId link = found.link().orElseThrow(Tickets::refused);
            return serve.apply(new VisitorTicket(tenant, link, found.sessionId(), found.documentId()));
        });
    }

    private TicketEntity row(String ticket) {
        return rows.byHash(Secrets.hash(ticket)).orElseThrow(Tickets::refused);
    }

    private static NotFoundException refused() {
        return new NotFoundException("no such ticket");
    }
}
