package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A registered passkey (table {@code webauthn_credentials}, tenant-owned, PK-10): the credential id and the attested
 * credential data as webauthn4j serialises them (base64url; a public key, nothing secret), its sign counter (PK-5).
 */
@Entity
@Table(name = "webauthn_credentials")
public class PasskeyEntity extends TenantOwned {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "credential_id", nullable = false)
    private String credentialId;

    @Column(name = "attested_data", nullable = false)
    private String attestedData;

    @Column(name = "sign_count", nullable = false)
    private long signCount;

    @Column(name = "uv_initialized", nullable = false)
    private boolean uvInitialized;

    @Column(name = "backup_eligible", nullable = false)
    private boolean backupEligible;

    @Column(name = "backup_state", nullable = false)
    private boolean backupState;

    @Column(nullable = false)
    private String transports;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected PasskeyEntity() {
    }

    PasskeyEntity(UUID id, UUID userId, String credentialId, String attestedData, long signCount,
                  boolean uvInitialized, boolean backupEligible, boolean backupState, String transports, String name,
                  Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.credentialId = credentialId;
        this.attestedData = attestedData;
        this.signCount = signCount;
        this.uvInitialized = uvInitialized;
        this.backupEligible = backupEligible;
        this.backupState = backupState;
        this.transports = transports;
        this.name = name;
        this.createdAt = createdAt;
    }

    /** PK-5: the counter and the flags of an accepted assertion. */
    void used(long counter, boolean uv, boolean backedUp, Instant at) {
        this.signCount = counter;
        this.uvInitialized = uvInitialized || uv;
        this.backupState = backedUp;
        this.lastUsedAt = at;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    String credentialId() {
        return credentialId;
    }

    String attestedData() {
        return attestedData;
    }

    long signCount() {
        return signCount;
    }

    boolean uvInitialized() {
        return uvInitialized;
    }

    boolean backupEligible() {
        return backupEligible;
    }

    boolean backupState() {
        return backupState;
    }

    String transports() {
        return transports;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
