package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import io.coffer.tenancy.internal.TenantEntity;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.Optional;

/**
 * The global lookup of tenants, kept outside the tenant tables: a flow that starts without a token finds its tenant
 * here (by slug), then runs tenant-scoped through {@link TenantScope}.
 */
@Stateless
@PermitAll
public class TenantDirectory {

    @PersistenceContext(unitName = "coffer")
    private EntityManager em;

    public Optional<Tenant> find(TenantId id) {
        return Optional.ofNullable(em.find(TenantEntity.class, id.value())).map(TenantEntity::toTenant);
    }

    public Optional<Tenant> findBySlug(String slug) {
        if (slug == null || slug.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(TenantEntity.BY_SLUG, TenantEntity.class)
                .setParameter("slug", slug.trim().toLowerCase(Locale.ROOT))
                .getResultStream()
                .findFirst()
                .map(TenantEntity::toTenant);
    }
}
