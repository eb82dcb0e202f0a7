package io.coffer.sharelinks.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The tenant's HMAC key for visitor tokens, sealed with the platform's SecretBox ({@code visitor_token_keys}). */
@Entity
@Table(name = "visitor_token_keys")
public class VisitorKeyEntity extends TenantOwned {
    @Id
    UUID id;
    @Column(name = "sealed_key", nullable = false)
    byte[] sealedKey;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected VisitorKeyEntity() {
    }

    VisitorKeyEntity(byte[] sealedKey, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.sealedKey = sealedKey;
        this.createdAt = createdAt;
    }
}
