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
 * A share link (tenant table {@code share_links}): its settings, the SHA-256 of its token, and the security version
 * that visitor tokens carry. Mutated only through {@link LinkStore}.
 */
/* Fields are written by LinkStore and VisitorWork of this package: deferred change tracking compares them with
 * the loaded copy at commit (woven attribute tracking sees only writes inside the entity class). */
@ChangeTracking(ChangeTrackingType.DEFERRED)
@Entity
@Table(name = "share_links")
public class ShareLinkEntity extends TenantOwned {
    @Id
    UUID id;
    @Column(name = "token_hash", nullable = false)
    String tokenHash;
    @Column(name = "target_type", nullable = false)
    String targetType;
    @Column(name = "target_id", nullable = false)
    UUID targetId;
    @Column(name = "room_id", nullable = false)
    UUID roomId;
    @Column(name = "name")
    String name;
    @Column(name = "password_hash")
    String passwordHash;
    @Column(name = "expires_at")
    Instant expiresAt;
    @Column(name = "require_email", nullable = false)
    boolean requireEmail;
    @Column(name = "verify_email", nullable = false)
    boolean verifyEmail;
    @Column(name = "allow_emails", nullable = false)
    String allowEmails = "";
    @Column(name = "allow_domains", nullable = false)
    String allowDomains = "";
    @Column(name = "deny_emails", nullable = false)
    String denyEmails = "";
    @Column(name = "deny_domains", nullable = false)
    String denyDomains = "";
    @Column(name = "allow_download", nullable = false)
    boolean allowDownload;

    /** Visitors may search the text of what the link shows (search, SR-5). */
    @Column(name = "allow_search", nullable = false)
    boolean allowSearch;

    /** Visitors may ask questions about what the link shows (questions, QA-4). */
    @Column(name = "allow_questions", nullable = false)
    boolean allowQuestions;
    @Column(name = "watermark_enabled", nullable = false)
    boolean watermarkEnabled;
    @Column(name = "watermark_text")
    String watermarkText;
    @Column(name = "max_views")
    Integer maxViews;
    @Column(name = "view_count", nullable = false)
    int viewCount;
    @Column(name = "nda_text")
    String ndaText;
    @Column(name = "nda_version", nullable = false)
    int ndaVersion;
    @Column(name = "item_overrides", nullable = false)
    String itemOverrides = "";
    @Column(name = "security_version", nullable = false)
    int securityVersion = 1;
    @Column(name = "created_by", nullable = false)
    UUID createdBy;
    /** SL-18: who last set the link's reach; the link serves at most what both they and the creator hold now. */
    @Column(name = "reach_by", nullable = false)
    UUID reachBy;
    /** SL-18: the role the creator acted with (an API key acts below its user's role); null on links made before. */
    @Column(name = "created_role")
    String createdRole;
    /** SL-18: the role {@link #reachBy} acted with when they set the reach; null on links set before. */
    @Column(name = "reach_role")
    String reachRole;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Column(name = "revoked_at")
    Instant revokedAt;

    protected ShareLinkEntity() {
    }

    ShareLinkEntity(String tokenHash, String targetType, UUID targetId, UUID roomId, UUID createdBy,
                    io.coffer.identity.Role actedAs, Instant now) {
        this.id = UUID.randomUUID();
        this.tokenHash = tokenHash;
        this.targetType = targetType;
        this.targetId = targetId;
        this.roomId = roomId;
        this.createdBy = createdBy;
        this.reachBy = createdBy;
        this.createdRole = actedAs.name();
        this.reachRole = actedAs.name();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String tokenHash() {
        return tokenHash;
    }
}
