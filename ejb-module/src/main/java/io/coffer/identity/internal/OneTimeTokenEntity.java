package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An email-verification or password-reset token of one user (tenant table; only the hash is stored). Its single use
 * is {@code OneTimeSecrets}' ({@code token_index.used_at}, FD-30).
 */
@Entity
@Table(name = "one_time_tokens")
public class OneTimeTokenEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String kind;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected OneTimeTokenEntity() {
    }

    OneTimeTokenEntity(UUID userId, String kind, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.kind = kind;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }
}
