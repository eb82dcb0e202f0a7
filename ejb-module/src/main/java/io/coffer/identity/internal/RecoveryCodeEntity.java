package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An unused recovery code of a user (table {@code mfa_recovery_codes}, tenant-owned): its SHA-256 only (MFA-4). */
@Entity
@Table(name = "mfa_recovery_codes")
public class RecoveryCodeEntity extends TenantOwned {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RecoveryCodeEntity() {
    }

    RecoveryCodeEntity(String codeHash, UUID userId, Instant createdAt) {
        this.codeHash = codeHash;
        this.userId = userId;
        this.createdAt = createdAt;
    }

    String codeHash() {
        return codeHash;
    }

    UUID userId() {
        return userId;
    }
}
