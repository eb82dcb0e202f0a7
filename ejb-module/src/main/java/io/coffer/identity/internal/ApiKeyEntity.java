package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An integration's API key (ID-19): scoped, optionally expiring, revocable; only the key's hash is stored. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String scopes;

    @Column(name = "key_hash", nullable = false)
    private String keyHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKeyEntity() {
    }

    ApiKeyEntity(UUID createdBy, String name, List<String> scopes, String keyHash, Instant createdAt,
                 Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.createdBy = createdBy;
        this.name = name;
        this.scopes = String.join(" ", scopes);
        this.keyHash = keyHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> scopes() {
        return Arrays.asList(scopes.split(" "));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
