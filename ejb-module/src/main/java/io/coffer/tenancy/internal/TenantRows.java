package io.coffer.tenancy.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rows of the global {@code tenants} table (in the caller's transaction). */
@ApplicationScoped
public class TenantRows {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** Stores a new tenant now; a {@code PersistenceException} when its slug was taken meanwhile. */
    public void add(TenantEntity tenant) {
        em.persist(tenant);
        em.flush();
    }

    public Optional<TenantEntity> find(UUID id) {
        return Optional.ofNullable(em.find(TenantEntity.class, id));
    }

    /** By a normalised slug. */
    public Optional<TenantEntity> bySlug(String slug) {
        return em.createNamedQuery(TenantEntity.BY_SLUG, TenantEntity.class).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    public List<UUID> ids() {
        return em.createQuery("select t.id from TenantEntity t order by t.id", UUID.class).getResultList();
    }
}
