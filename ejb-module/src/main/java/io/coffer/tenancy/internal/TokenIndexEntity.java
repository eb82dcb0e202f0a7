package io.coffer.tenancy.internal;

import io.coffer.tenancy.SecretKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Global: a secret's hash → its tenant and kind, for flows that start with nothing but the secret, and when it was
 * used (a single-use secret is redeemed by one conditional update of {@code used_at}, FD-30). Written only by
 * {@link io.coffer.tenancy.OneTimeSecrets} (FD-31).
 */
@Entity
@Table(name = "token_index")
public class TokenIndexEntity {
    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SecretKind kind;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected TokenIndexEntity() {
    }

    public TokenIndexEntity(String tokenHash, UUID tenantId, SecretKind kind, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.tenantId = tenantId;
        this.kind = kind;
        this.expiresAt = expiresAt;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public SecretKind kind() {
        return kind;
    }

    public boolean usedOrExpiredAt(Instant now) {
        return usedAt != null || expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean used() {
        return usedAt != null;
    }
}
