package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One refresh token of a family (a login and its rotations); only the hash is stored (ID-7). */
@Entity
@Table(name = "refresh_tokens")
public class RefreshTokenEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "family_id", nullable = false)
    private UUID familyId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "token_version", nullable = false)
    private int tokenVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RefreshTokenEntity() {
    }

    RefreshTokenEntity(UUID userId, UUID familyId, String tokenHash, int tokenVersion, Instant createdAt,
                       Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.tokenVersion = tokenVersion;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public UUID familyId() {
        return familyId;
    }

    public int tokenVersion() {
        return tokenVersion;
    }

    /** Revoked with its family (reuse, logout, a reset, a removal); its single use is OneTimeSecrets' (FD-30). */
    public boolean revoked() {
        return revokedAt != null;
    }
}
