package io.coffer.tenancy.internal;

import io.coffer.shared.TenantId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.TenantClaims;
import io.coffer.tenancy.TenantOfSecret;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bound to every EJB business method by ejb-jar.xml (a default interceptor, so no bean can forget it). It decides the
 * tenant of the call and binds it to the transaction:
 * <ol>
 *   <li>the tenant claim of the caller's verified token, else</li>
 *   <li>the explicit tenant of an {@link ExplicitTenant} method ({@link io.coffer.tenancy.TenantScope#call}),
 *       or the tenant of the secret a {@link TenantOfSecret} method starts from, which a token of another tenant may
 *       not use;</li>
 *   <li>no tenant: nothing is bound and tenant data stays out of reach (fails closed).</li>
 * </ol>
 */
public class TenantInterceptor {

    @Inject
    TenantBinding binding;

    @Inject
    OneTimeSecrets secrets;

    @Resource
    EJBContext context;

    @AroundInvoke
    public Object bindTenant(InvocationContext invocation) throws Exception {
        Optional<TenantId> fromToken = tokenTenant();
        Optional<TenantId> explicit = explicitTenant(invocation).or(() -> tenantOfSecret(invocation));
        if (explicit.isPresent() && fromToken.isPresent() && !explicit.equals(fromToken)) {
            throw new TenantBinding.TenantMismatchException();
        }
        Optional<TenantId> requested = explicit.or(() -> fromToken);
        if (requested.isPresent() && binding.inTransaction()) {
            binding.bind(requested.get());
        }
        return invocation.proceed();
    }

    private Optional<TenantId> tokenTenant() {
        Principal principal;
        try {
            principal = context.getCallerPrincipal();
        } catch (IllegalStateException notAvailable) {
            return Optional.empty();
        }
        return principal instanceof JsonWebToken token ? TenantClaims.of(token) : Optional.empty();
    }

    /** The tenant of a {@link TenantOfSecret} method's secret; an unknown secret is refused before the method runs. */
    private Optional<TenantId> tenantOfSecret(InvocationContext invocation) {
        TenantOfSecret marked = invocation.getMethod() == null ? null
                : invocation.getMethod().getAnnotation(TenantOfSecret.class);
        if (marked == null) {
            return Optional.empty();
        }
        Object[] parameters = invocation.getParameters();
        Object first = parameters.length == 0 ? null : parameters[0];
        String secret = first instanceof TenantOfSecret.Carrier carrier ? carrier.secret()
                : first instanceof String given ? given : null;
        return Optional.of(secrets.tenantOf(secret, marked.value())
                .orElseThrow(() -> new NotFoundException("no such " + marked.value().name().toLowerCase())));
    }

    private static Optional<TenantId> explicitTenant(InvocationContext invocation) {
        if (invocation.getMethod() == null || !invocation.getMethod().isAnnotationPresent(ExplicitTenant.class)) {
            return Optional.empty();
        }
        Object[] parameters = invocation.getParameters();
        if (parameters.length == 0 || !(parameters[0] instanceof TenantId tenant)) {
            throw new IllegalStateException("@ExplicitTenant method without a TenantId first parameter");
        }
        return Optional.of(tenant);
    }
}
