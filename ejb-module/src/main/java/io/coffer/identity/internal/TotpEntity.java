package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's TOTP secret (table {@code mfa_totp}, tenant-owned): sealed with {@code SecretBox} (MFA-12), pending until
 * confirmed, with the last accepted time step (MFA-3).
 */
@Entity
@Table(name = "mfa_totp")
public class TotpEntity extends TenantOwned {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "secret_sealed", nullable = false)
    private byte[] secretSealed;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "last_step")
    private Long lastStep;

    protected TotpEntity() {
    }

    TotpEntity(UUID userId, byte[] secretSealed, Instant createdAt) {
        this.userId = userId;
        this.secretSealed = secretSealed;
        this.createdAt = createdAt;
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    byte[] secretSealed() {
        return secretSealed;
    }

    Long lastStep() {
        return lastStep;
    }

    /** A new pending secret in place of the one not yet confirmed (MFA-2). */
    void replacePending(byte[] sealed, Instant at) {
        this.secretSealed = sealed;
        this.createdAt = at;
        this.lastStep = null;
    }

    void accepted(long step) {
        this.lastStep = step;
    }

    void confirm(Instant at) {
        this.confirmedAt = at;
    }
}
