package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.shared.UserId;
import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user of one tenant (table {@code users}, tenant-owned). */
@Entity
@Table(name = "users")
public class UserEntity extends TenantOwned {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "token_version", nullable = false)
    private int tokenVersion;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected UserEntity() {
    }

    /** A new user of the transaction's tenant (the tenant column is set by EclipseLink, never by code). */
    public UserEntity(UUID id, String email, String displayName, Role role, String passwordHash,
                      Instant emailVerifiedAt) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.role = role;
        this.passwordHash = passwordHash;
        this.emailVerifiedAt = emailVerifiedAt;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public UserId userId() {
        return new UserId(id);
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public int tokenVersion() {
        return tokenVersion;
    }

    public void rename(String newName) {
        this.displayName = newName;
    }

    public boolean removed() {
        return removedAt != null;
    }

    /** Every token issued before this stops working on its next use (ID-5, ID-14). */
    public void revokeTokens() {
        tokenVersion++;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
        revokeTokens();
    }

    public void verifyEmail(Instant at) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = at;
        }
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
    }

    public void remove(Instant at) {
        this.removedAt = at;
        revokeTokens();
    }
}
