package io.coffer.documents.internal;

import io.coffer.datarooms.Holder;
import io.coffer.identity.Role;
import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.UserId;
import io.coffer.tenancy.TenantOwned;
import io.coffer.platform.NullableUuid;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A 60 s download ticket (tenant table {@code download_tickets}, DOC-30): a member's (its creator and the role they
 * acted with, PERM-16) or a share-link visitor's (the link and the visitor session). Only the hash is stored; its
 * single use is {@code OneTimeSecrets}' ({@code token_index.used_at}, FD-30).
 */
@Entity
@Table(name = "download_tickets")
public class TicketEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "document_id", nullable = false)
    private UUID documentId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_by")
    @Convert(converter = NullableUuid.class)
    private UUID createdBy;

    /** PERM-16: the role the creator acted with (an API key acts below its user's role); null on older tickets. */
    @Column(name = "acted_as")
    private String actedAs;

    @Column(name = "link_id")
    @Convert(converter = NullableUuid.class)
    private UUID linkId;

    @Column(name = "session_id")
    @Convert(converter = NullableUuid.class)
    private UUID sessionId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected TicketEntity() {
    }

    private TicketEntity(DocumentId document, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.documentId = document.value();
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** A member's ticket: redeemed with at most the rights {@code creator} holds then, at {@code actedAs}. */
    public static TicketEntity member(DocumentId document, String tokenHash, UserId creator, Role actedAs,
                                      Instant createdAt, Instant expiresAt) {
        TicketEntity t = new TicketEntity(document, tokenHash, createdAt, expiresAt);
        t.createdBy = creator.value();
        t.actedAs = actedAs.name();
        return t;
    }

    /** A visitor's ticket: redeemed through the link's gate for {@code session}, as at the content endpoint. */
    public static TicketEntity visitor(DocumentId document, String tokenHash, LinkId link, UUID session,
                                       Instant createdAt, Instant expiresAt) {
        TicketEntity t = new TicketEntity(document, tokenHash, createdAt, expiresAt);
        t.linkId = link.value();
        t.sessionId = session;
        return t;
    }

    public DocumentId documentId() {
        return new DocumentId(documentId);
    }

    /** Whom a member's ticket acts for: its creator, at most at the role they acted with (PERM-16). */
    public Optional<Holder> holder() {
        return Optional.ofNullable(createdBy).map(user -> new Holder(new UserId(user),
                Optional.ofNullable(actedAs).map(Role::valueOf)));
    }

    /** The link of a visitor's ticket. */
    public Optional<LinkId> link() {
        return Optional.ofNullable(linkId).map(LinkId::new);
    }

    public UUID sessionId() {
        return sessionId;
    }
}
