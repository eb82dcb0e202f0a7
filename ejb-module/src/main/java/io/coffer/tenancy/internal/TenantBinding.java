package io.coffer.tenancy.internal;

import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantOwned;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;

/**
 * Binds a tenant to the current JTA transaction, once: EclipseLink's tenant property on the transaction's
 * persistence context (first wall) and PostgreSQL's transaction-local {@code coffer.tenant} setting that the
 * row-level security policies read (second wall). Both are undone by the end of the transaction.
 */
@ApplicationScoped
public class TenantBinding {

    private static final Object KEY = TenantBinding.class.getName() + ".tenant";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry tsr;

    public Optional<TenantId> current() {
        if (!inTransaction()) {
            return Optional.empty();
        }
        return Optional.ofNullable((TenantId) tsr.getResource(KEY));
    }

    boolean inTransaction() {
        return tsr.getTransactionKey() != null && tsr.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /**
     * Binds {@code tenant} to the current transaction; a no-op when it is already bound to it, and an error when it is
     * bound to another (one tenant per transaction).
     */
    void bind(TenantId tenant) {
        TenantId bound = (TenantId) tsr.getResource(KEY);
        if (bound != null) {
            if (!bound.equals(tenant)) {
                throw new TenantMismatchException();
            }
            return;
        }
        em.setProperty(TenantOwned.TENANT_PROPERTY, tenant.toString());
        em.createNativeQuery("select set_config('coffer.tenant', ?1, true)")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, tenant.toString())
                .getSingleResult();
        tsr.putResource(KEY, tenant);
    }

    /** A second tenant was asked for inside one transaction. Never shown to a client (it becomes a 500). */
    public static final class TenantMismatchException extends IllegalStateException {
        TenantMismatchException() {
            super("one tenant per transaction: another tenant is already bound");
        }
    }
}
