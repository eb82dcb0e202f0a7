package io.coffer.idempotency.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An idempotency key and, once known, the first answer of its request (tenant table {@code idempotency_keys}). */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyKeyEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String key;

    @Column(nullable = false)
    private String fingerprint;

    @Column
    private Integer status;

    @Column(name = "content_type")
    private String contentType;

    @Column
    private byte[] body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected IdempotencyKeyEntity() {
    }

    public IdempotencyKeyEntity(UUID userId, String key, String fingerprint, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.key = key;
        this.fingerprint = fingerprint;
        this.createdAt = createdAt;
    }

    public void complete(int status, String contentType, byte[] body, Instant at) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.completedAt = at;
    }

    public UUID id() {
        return id;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Integer status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean completed() {
        return completedAt != null;
    }
}
