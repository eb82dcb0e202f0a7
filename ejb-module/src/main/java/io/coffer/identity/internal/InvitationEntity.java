package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An invitation to join the tenant (ID-18); single use, expiring, revocable (ID-32); only the token's hash is stored. */
@Entity
@Table(name = "invitations")
public class InvitationEntity extends TenantOwned {
    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "invited_by", nullable = false)
    private UUID invitedBy;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    protected InvitationEntity() {
    }

    InvitationEntity(String email, Role role, UUID invitedBy, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.role = role;
        this.invitedBy = invitedBy;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public UUID invitedBy() {
        return invitedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Revoked: it expires now (ID-32), and the row stays as the record of what was sent. */
    public void revoke(Instant now) {
        if (now.isBefore(expiresAt)) {
            this.expiresAt = now;
        }
    }

    /** Records the acceptance; the single use itself is OneTimeSecrets' ({@code token_index.used_at}, FD-30). */
    void accept(Instant now) {
        this.acceptedAt = now;
    }

    public boolean usableAt(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }
}
