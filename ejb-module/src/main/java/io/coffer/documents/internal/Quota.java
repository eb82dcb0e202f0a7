package io.coffer.documents.internal;

import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.PayloadTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * The per-tenant storage quota (table {@code storage_usage}), called inside the caller's transaction. Every version's
 * size counts, the trash included, until it is purged: what a tenant is charged does not depend on which other
 * uploads happened to carry identical bytes. {@link #charge} locks the tenant's row until the recording transaction
 * ends, so parallel uploads are charged one after the other and the quota holds; the bytes themselves are streamed
 * before, outside any transaction.
 */
@ApplicationScoped
public class Quota {

    /** Multitenant entities disable native SQL unless a query opts in; each native query here states its tenant. */
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    CofferSettings settings;

    /** Refuses at once an upload whose declared size cannot fit (no lock: {@link #charge} decides). */
    public void precheck(TenantId tenant, long declaredBytes) {
        if (declaredBytes <= 0) {
            return;
        }
        Object[] row = usage(tenant, false);
        long limit = limit(row);
        long used = ((Number) row[0]).longValue();
        if (limit > 0 && used + declaredBytes > limit) {
            throw PayloadTooLargeException.quota(limit, used);
        }
    }

    /** Charges {@code bytes} to the tenant, or refuses; the row stays locked until the transaction ends. */
    public void charge(TenantId tenant, long bytes) {
        Object[] row = usage(tenant, true);
        long limit = limit(row);
        long used = ((Number) row[0]).longValue();
        if (limit > 0 && used + bytes > limit) {
            throw PayloadTooLargeException.quota(limit, used);
        }
        em.createNativeQuery("update storage_usage set used_bytes = used_bytes + ?1 where tenant_id = ?2")
                .setHint(NATIVE, true)
                .setParameter(1, bytes).setParameter(2, tenant.value()).executeUpdate();
    }

    /** Gives back the bytes of purged versions. */
    public void release(TenantId tenant, long bytes) {
        usage(tenant, true);
        em.createNativeQuery("update storage_usage set used_bytes = greatest(0, used_bytes - ?1) where tenant_id = ?2")
                .setHint(NATIVE, true)
                .setParameter(1, bytes).setParameter(2, tenant.value()).executeUpdate();
    }

    /** The tenant's bytes in use and its limit (0: none). */
    public long[] usageAndLimit(TenantId tenant) {
        Object[] row = usage(tenant, false);
        return new long[] {((Number) row[0]).longValue(), limit(row)};
    }

    private long limit(Object[] row) {
        return row[1] != null ? ((Number) row[1]).longValue() : settings.tenantQuotaBytes();
    }

    private Object[] usage(TenantId tenant, boolean lock) {
        UUID id = tenant.value();
        // Native SQL gets no tenant filter from EclipseLink: the tenant is stated here, row-level security behind it.
        em.createNativeQuery("insert into storage_usage (tenant_id, used_bytes) select ?1, coalesce(sum(size), 0)"
                + " from document_versions where tenant_id = ?1 on conflict (tenant_id) do nothing")
                .setHint(NATIVE, true)
                .setParameter(1, id).executeUpdate();
        return (Object[]) em.createNativeQuery("select used_bytes, quota_bytes from storage_usage where tenant_id = ?1"
                        + (lock ? " for update" : ""))
                .setHint(NATIVE, true).setParameter(1, id).getSingleResult();
    }
}
