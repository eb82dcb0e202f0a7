package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ValidationException;
import io.coffer.tenancy.internal.TenantEntity;
import io.coffer.tenancy.internal.TenantRows;
import jakarta.inject.Inject;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The global lookup of tenants, kept outside the tenant tables: a flow that starts without a token finds its tenant
 * here (by slug), then runs tenant-scoped through {@link TenantScope}.
 */
@Stateless
@PermitAll
public class TenantDirectory {

    /** Lower-case letters, digits and inner hyphens, 1 to 63 characters (as the database checks too). */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    @Inject
    TenantRows rows;

    /** Registers a new tenant; a taken slug is a {@link ConflictException} (slugs are public, telling is no leak). */
    public Tenant create(String slug, String name) {
        return create(new TenantId(UUID.randomUUID()), slug, name);
    }

    /**
     * Registers a new tenant with a given id, inside the caller's transaction: signup creates the tenant and its first
     * user in one transaction bound to the new tenant, so that neither exists without the other.
     */
    public Tenant create(TenantId id, String slug, String name) {
        String normalized = slug == null ? "" : slug.trim().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(normalized).matches()) {
            throw ValidationException.of("tenantSlug", "1 to 63 lower-case letters, digits or inner hyphens");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ValidationException.of("tenantName", "1 to 200 characters");
        }
        if (findBySlug(normalized).isPresent()) {
            throw new ConflictException("This tenant slug is taken.");
        }
        TenantEntity tenant = new TenantEntity(id.value(), normalized, name.strip(), Instant.now());
        try {
            rows.add(tenant);
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new ConflictException("This tenant slug is taken.");
        }
        return tenant.toTenant();
    }

    public Optional<Tenant> find(TenantId id) {
        return rows.find(id.value()).map(TenantEntity::toTenant);
    }

    public Optional<Tenant> findBySlug(String slug) {
        if (slug == null || slug.isBlank()) {
            return Optional.empty();
        }
        return rows.bySlug(slug.trim().toLowerCase(Locale.ROOT)).map(TenantEntity::toTenant);
    }

    /** Every tenant's id, for background jobs that work tenant by tenant. */
    public java.util.List<TenantId> all() {
        return rows.ids().stream().map(TenantId::new).toList();
    }
}
