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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The tenant's OpenID Connect provider (table {@code tenant_sso}, at most one row per tenant; SSO-1..3). */
@Entity
@Table(name = "tenant_sso")
public class SsoConfigEntity extends TenantOwned {

    @Id
    private UUID id;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private String issuer;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    /** Sealed with {@code SecretBox} (SSO-2); null until one is given. */
    @Column(name = "client_secret_sealed")
    private byte[] clientSecretSealed;

    /** The domains, space-separated, lower case. */
    @Column(name = "email_domains", nullable = false)
    private String emailDomains;

    @Column(name = "auto_provision", nullable = false)
    private boolean autoProvision;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_role", nullable = false)
    private Role defaultRole;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private UUID updatedBy;

    protected SsoConfigEntity() {
    }

    SsoConfigEntity(UUID id) {
        this.id = id;
    }

    void change(boolean enabled, String issuer, String clientId, byte[] sealedSecretOrNull, List<String> domains,
                boolean autoProvision, Role defaultRole, UUID by, Instant now) {
        this.enabled = enabled;
        this.issuer = issuer;
        this.clientId = clientId;
        if (sealedSecretOrNull != null) {
            this.clientSecretSealed = sealedSecretOrNull;
        }
        this.emailDomains = String.join(" ", domains);
        this.autoProvision = autoProvision;
        this.defaultRole = defaultRole;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    boolean enabled() {
        return enabled;
    }

    String issuer() {
        return issuer;
    }

    String clientId() {
        return clientId;
    }

    byte[] clientSecretSealed() {
        return clientSecretSealed;
    }

    List<String> emailDomains() {
        return Arrays.stream(emailDomains.split(" ")).filter(d -> !d.isBlank()).toList();
    }

    boolean autoProvision() {
        return autoProvision;
    }

    Role defaultRole() {
        return defaultRole;
    }
}
