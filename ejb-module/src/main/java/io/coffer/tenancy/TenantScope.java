package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import io.coffer.tenancy.internal.ExplicitTenant;
import io.coffer.tenancy.internal.TenantBinding;
import jakarta.annotation.security.PermitAll;
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

    /** Runs {@code work} in a new transaction bound to {@code tenant}. */
    @ExplicitTenant
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T call(TenantId tenant, Supplier<T> work) {
        return work.get();
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
