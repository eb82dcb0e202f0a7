package io.coffer.sharelinks.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A visitor session (tenant table {@code visitor_sessions}): one view of a link. */
@Entity
@Table(name = "visitor_sessions")
public class VisitorSessionEntity extends TenantOwned {
    @Id
    UUID id;
    @Column(name = "link_id", nullable = false)
    UUID linkId;
    @Column(name = "email")
    String email;
    @Column(name = "email_verified", nullable = false)
    boolean emailVerified;
    @Column(name = "client_address")
    String clientAddress;
    @Column(name = "security_version", nullable = false)
    int securityVersion;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    protected VisitorSessionEntity() {
    }

    VisitorSessionEntity(UUID linkId, String email, boolean emailVerified, String clientAddress, int securityVersion,
                         Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.linkId = linkId;
        this.email = email;
        this.emailVerified = emailVerified;
        this.clientAddress = clientAddress;
        this.securityVersion = securityVersion;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }
}
