package io.coffer.tenancy.internal;

import io.coffer.identity.internal.UserEntity;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantOwned;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * Test-only EJB deployed with {@link TenantWallsIT}: it acts inside the container, through the real tenant interceptor
 * (bound to every EJB of the test archive by the same ejb-jar.xml rule as Coffer's), on Coffer's real tables.
 */
@Stateless
public class WallProbe {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** Coffer's unit with the second-level cache switched on: see the test archive's persistence.xml. */
    @PersistenceContext(unitName = "coffer-cached")
    EntityManager cached;

    @EJB
    TenantScope tenancy;

    @Inject
    TenantBinding binding;

    /** Global: the tenant directory is outside the tenant tables. */
    public void createTenant(UUID id) {
        em.persist(new TenantEntity(id, "walls-" + id.toString().substring(0, 8), "Walls", java.time.Instant.now()));
    }

    /** Inserts a user of the transaction's tenant (row-level security's WITH CHECK must accept it). */
    public void insertUser(TenantId tenant, UUID id, String email) {
        tenancy.call(tenant, () -> em.createNativeQuery("insert into users (id, tenant_id, email, display_name, role)"
                        + " values (?1, ?2, ?3, 'Probe', 'MEMBER')")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, id).setParameter(2, tenant.value()).setParameter(3, email)
                .executeUpdate());
    }

    /** JPA only (first wall): every user the tenant's transaction can see through EclipseLink. */
    public List<String> jpaEmails(TenantId tenant) {
        return tenancy.call(tenant, () -> em.createQuery("select u from UserEntity u", UserEntity.class)
                .getResultStream().map(UserEntity::email).sorted().toList());
    }

    public boolean jpaFinds(TenantId tenant, UUID userId) {
        return tenancy.call(tenant, () -> em.find(UserEntity.class, userId) != null);
    }

    /**
     * Through the unit whose second-level cache is on: {@code tenant}'s transaction, with row-level security pointed
     * at {@code rlsOpenFor} (so the database would hand that tenant's rows over), finds {@code userId} or not; and
     * whether the shared cache holds the user afterwards.
     */
    public boolean[] cachedFinds(TenantId tenant, TenantId rlsOpenFor, UUID userId) {
        return tenancy.call(tenant, () -> {
            cached.setProperty(TenantOwned.TENANT_PROPERTY, tenant.toString());
            cached.createNativeQuery("select set_config('coffer.tenant', ?1, true)")
                    .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                    .setParameter(1, rlsOpenFor.toString()).getSingleResult();
            boolean found = cached.find(UserEntity.class, userId) != null;
            return new boolean[] {found, cached.getEntityManagerFactory().getCache().contains(UserEntity.class, userId)};
        });
    }

    /**
     * First wall alone: the transaction is bound to {@code tenant}, then PostgreSQL's setting is pointed at
     * {@code rlsOpenFor}, so row-level security would let that tenant's rows through; only EclipseLink stands.
     */
    public List<String> jpaEmailsWithRowLevelSecurityOpenFor(TenantId tenant, TenantId rlsOpenFor) {
        return tenancy.call(tenant, () -> {
            em.createNativeQuery("select set_config('coffer.tenant', ?1, true)")
                    .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                    .setParameter(1, rlsOpenFor.toString()).getSingleResult();
            List<String> emails = em.createQuery("select u from UserEntity u", UserEntity.class)
                    .getResultStream().map(UserEntity::email).sorted().toList();
            return emails;
        });
    }

    /** Second wall alone: native SQL gets no tenant filter from EclipseLink; it "forgets" the tenant. */
    @SuppressWarnings("unchecked")
    public List<String> nativeEmails(TenantId tenant) {
        return tenancy.call(tenant, () -> ((List<Object>) em.createNativeQuery("select email from users order by email")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .getResultList()).stream().map(Object::toString).toList());
    }

    /** No tenant bound (no token, no TenantScope): a JPA query must fail. */
    public int jpaWithoutTenant() {
        return em.createQuery("select u from UserEntity u", UserEntity.class).getResultList().size();
    }

    /** No tenant bound: a native query sees no row at all. */
    public long nativeCountWithoutTenant() {
        return ((Number) em.createNativeQuery("select count(*) from users")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true).getSingleResult()).longValue();
    }

    /** Outside any transaction, even right after a tenant's transaction: nothing. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long nativeCountOutsideTransaction(TenantId tenant) {
        tenancy.call(tenant, () -> 0);
        return nativeCountWithoutTenant();
    }

    /** One tenant per transaction: binding a second one in the same transaction fails. */
    public void bindTwoTenantsInOneTransaction(TenantId first, TenantId second) {
        binding.bind(first);
        binding.bind(second);
    }
}
