package io.coffer.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Global: a secret's hash → its tenant and kind, for flows that start with nothing but the secret. */
@Entity
@Table(name = "token_index")
public class TokenIndexEntity {
    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String kind;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected TokenIndexEntity() {
    }

    public TokenIndexEntity(String tokenHash, UUID tenantId, String kind, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.tenantId = tenantId;
        this.kind = kind;
        this.expiresAt = expiresAt;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String kind() {
        return kind;
    }
}
