package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A session: one refresh family started by a login (id = the family id), with what its owner sees in the list
 * (ID-39, ID-40). Written at login and at each refresh, never per request.
 */
@Entity
@Table(name = "login_sessions")
public class LoginSessionEntity extends TenantOwned {

    /** How much of a User-Agent header is kept. */
    static final int AGENT_LENGTH = 256;

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "second_factor", nullable = false)
    private boolean secondFactor;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected LoginSessionEntity() {
    }

    LoginSessionEntity(UUID family, UUID userId, Instant now, Instant expiresAt, String userAgent,
                       String clientAddress, boolean secondFactor) {
        this.secondFactor = secondFactor;
        this.id = family;
        this.userId = userId;
        this.createdAt = now;
        this.lastUsedAt = now;
        this.expiresAt = expiresAt;
        this.userAgent = agent(userAgent);
        this.clientAddress = clientAddress;
    }

    /** A refresh: used now, from {@code clientAddress}, until the new refresh token's expiry. */
    void used(Instant now, Instant until, String address) {
        this.lastUsedAt = now;
        this.expiresAt = until;
        if (address != null) {
            this.clientAddress = address;
        }
    }

    /** The session passed a second factor (TOTP confirmed in it: MFA-14). */
    void passedSecondFactor() {
        this.secondFactor = true;
    }

    public boolean secondFactor() {
        return secondFactor;
    }

    static String agent(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String clean = header.strip().replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= AGENT_LENGTH ? clean : clean.substring(0, AGENT_LENGTH);
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public String userAgent() {
        return userAgent;
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** Whether a token of {@code user} naming this session is refused: ended, or not this user's (ID-41). */
    public boolean endedFor(UUID user) {
        return revokedAt != null || !userId.equals(user);
    }

    public boolean liveAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
