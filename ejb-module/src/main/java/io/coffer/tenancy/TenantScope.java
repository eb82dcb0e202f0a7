package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import io.coffer.tenancy.internal.ExplicitTenant;
import io.coffer.tenancy.internal.TenantBinding;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs work as one tenant, in a transaction of its own: the way in for flows that start without a token (after a
 * {@link TenantDirectory} lookup) and for background jobs, which work tenant by tenant. A caller that holds a token
 * of another tenant is refused: a request never acts for a tenant its token does not name.
 */
@Stateless
@PermitAll
public class TenantScope {

    @Inject
    TenantBinding binding;

    @Resource
    SessionContext context;

    /** Runs {@code work} in a new transaction bound to {@code tenant}. */
    @ExplicitTenant
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T call(TenantId tenant, Supplier<T> work) {
        return work.get();
    }

    /**
     * Runs {@code work} in the caller's transaction when it is bound to {@code tenant} (an observer of an action
     * writes with the action and commits with it), else in a new transaction bound to {@code tenant} ({@link #call}).
     * The one rule for "with the caller if it is this tenant's, else on its own" of the modules that observe events.
     */
    public <T> T within(TenantId tenant, Supplier<T> work) {
        if (binding.current().filter(tenant::equals).isPresent()) {
            return work.get();
        }
        return context.getBusinessObject(TenantScope.class).call(tenant, work);
    }

    /** The tenant the current transaction is bound to, if any. */
    public Optional<TenantId> current() {
        return binding.current();
    }

    /** The tenant of the current transaction; fails closed when there is none. */
    public TenantId require() {
        return binding.current().orElseThrow(() -> new IllegalStateException("no tenant bound to this transaction"));
    }
}
