package io.coffer.sharelinks.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.persistence.annotations.ChangeTracking;
import org.eclipse.persistence.annotations.ChangeTrackingType;
import java.time.Instant;
import java.util.UUID;

/**
 * A mailed 6-digit code (tenant table {@code email_codes}): 10 minutes, 5 tries; {@code code_hash} is its hash in
 * {@code token_index}, where its single use is decided (FD-30, SL-27). Written by {@link EmailCodes}.
 */
/* Fields are written by other classes of this package: deferred change tracking compares them with
 * the loaded copy at commit (woven attribute tracking sees only writes inside the entity class). */
@ChangeTracking(ChangeTrackingType.DEFERRED)
@Entity
@Table(name = "email_codes")
public class EmailCodeEntity extends TenantOwned {
    @Id
    UUID id;
    @Column(name = "link_id", nullable = false)
    UUID linkId;
    @Column(name = "email", nullable = false)
    String email;
    @Column(name = "code_hash", nullable = false)
    String codeHash;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;
    @Column(name = "tries", nullable = false)
    int tries;
    protected EmailCodeEntity() {
    }

    EmailCodeEntity(UUID id, UUID linkId, String email, String codeHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.linkId = linkId;
        this.email = email;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }
}
