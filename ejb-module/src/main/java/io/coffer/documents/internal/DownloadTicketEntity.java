package io.coffer.documents.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A single-use, short-lived download ticket (tenant table {@code download_tickets}). */
@Entity
@Table(name = "download_tickets")
public class DownloadTicketEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "document_id", nullable = false)
    private UUID documentId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    /** PERM-16: the role the creator acted with (an API key acts below its user's role); null on older tickets. */
    @Column(name = "acted_as")
    private String actedAs;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected DownloadTicketEntity() {
    }

    public DownloadTicketEntity(UUID documentId, String tokenHash, UUID createdBy, io.coffer.identity.Role actedAs,
                                Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.documentId = documentId;
        this.tokenHash = tokenHash;
        this.createdBy = createdBy;
        this.actedAs = actedAs.name();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public UUID documentId() {
        return documentId;
    }

    public UUID createdBy() {
        return createdBy;
    }

    /** Whom the ticket acts for: its creator, at most at the role they acted with (PERM-16). */
    public io.coffer.datarooms.Holder holder() {
        return new io.coffer.datarooms.Holder(new io.coffer.shared.UserId(createdBy),
                java.util.Optional.ofNullable(actedAs).map(io.coffer.identity.Role::valueOf));
    }

    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }
}
