package io.coffer.identity.internal;

import io.coffer.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The tenant's sign-in policy (table {@code tenant_security}, at most one row per tenant; MFA-13). */
@Entity
@Table(name = "tenant_security")
public class TenantSecurityEntity extends TenantOwned {

    @Id
    private UUID id;

    @Column(name = "require_mfa", nullable = false)
    private boolean requireMfa;

    /** The methods, space-separated, in the contract's order. */
    @Column(name = "allowed_login_methods", nullable = false)
    private String allowedLoginMethods;

    @Column(name = "session_hours", nullable = false)
    private int sessionHours;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private UUID updatedBy;

    protected TenantSecurityEntity() {
    }

    public TenantSecurityEntity(boolean requireMfa, List<String> methods, int sessionHours, UUID by, Instant now) {
        this.id = UUID.randomUUID();
        change(requireMfa, methods, sessionHours, by, now);
    }

    public void change(boolean requireMfa, List<String> methods, int sessionHours, UUID by, Instant now) {
        this.requireMfa = requireMfa;
        this.allowedLoginMethods = String.join(" ", methods);
        this.sessionHours = sessionHours;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public boolean requireMfa() {
        return requireMfa;
    }

    public List<String> allowedLoginMethods() {
        return Arrays.stream(allowedLoginMethods.split(" ")).filter(m -> !m.isBlank()).toList();
    }

    public int sessionHours() {
        return sessionHours;
    }
}
