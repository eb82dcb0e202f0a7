package io.coffer.sharelinks.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A single-use 60 s download URL of a visitor session ({@code link_tickets}); only its hash is stored. */
@Entity
@Table(name = "link_tickets")
public class LinkTicketEntity extends TenantOwned {
    @Id
    UUID id;
    @Column(name = "link_id", nullable = false)
    UUID linkId;
    @Column(name = "session_id", nullable = false)
    UUID sessionId;
    @Column(name = "document_id", nullable = false)
    UUID documentId;
    @Column(name = "token_hash", nullable = false)
    String tokenHash;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;
    @Column(name = "used_at")
    Instant usedAt;

    protected LinkTicketEntity() {
    }

    LinkTicketEntity(UUID linkId, UUID sessionId, UUID documentId, String tokenHash, Instant createdAt,
                     Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.linkId = linkId;
        this.sessionId = sessionId;
        this.documentId = documentId;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }
}
