package io.coffer.identity.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's sign-in policy (MFA-13..MFA-16), read in the transaction's tenant: the stored row, or the defaults when
 * the tenant never set one.
 */
@ApplicationScoped
public class SignInPolicies {

    /** The contract's methods, in its order. */
    public static final List<String> METHODS = List.of("password", "webauthn", "oidc");
    public static final int DEFAULT_SESSION_HOURS = 168;
    public static final int MAX_SESSION_HOURS = 720;

    /** One tenant's policy. */
    public record Policy(boolean requireMfa, List<String> allowedLoginMethods, int sessionHours) {
        /** How long a session started at {@code created} may live, whatever its refreshes (MFA-16). */
        public Instant sessionEnd(Instant created) {
            return created.plus(Duration.ofHours(sessionHours));
        }
    }

    public static final Policy DEFAULTS = new Policy(false, METHODS, DEFAULT_SESSION_HOURS);

    /** SSO-11: single sign-on signs anyone in only when it is enabled and the methods allow {@code oidc}. */
    public static boolean ssoUsable(List<String> methods, boolean ssoEnabled) {
        return ssoEnabled && methods.contains("oidc");
    }

    /**
     * SSO-11: whether {@code methods} leave every member a way in: a password, or single sign-on that is usable. A
     * policy change and an SSO change that would leave none are refused (409), each on its side.
     */
    public static boolean leavesAWayIn(List<String> methods, boolean ssoEnabled) {
        return methods.contains("password") || ssoUsable(methods, ssoEnabled);
    }

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    Clock clock;

    public Policy current() {
        return row().map(r -> new Policy(r.requireMfa(), r.allowedLoginMethods(), r.sessionHours())).orElse(DEFAULTS);
    }

    public Policy save(Policy policy, UUID by) {
        Optional<TenantSecurityEntity> row = row();
        if (row.isPresent()) {
            row.get().change(policy.requireMfa(), policy.allowedLoginMethods(), policy.sessionHours(), by,
                    clock.instant());
        } else {
            em.persist(new TenantSecurityEntity(policy.requireMfa(), policy.allowedLoginMethods(),
                    policy.sessionHours(), by, clock.instant()));
        }
        em.flush();
        return current();
    }

    private Optional<TenantSecurityEntity> row() {
        return em.createQuery("select t from TenantSecurityEntity t", TenantSecurityEntity.class)
                .getResultStream().findFirst();
    }
}
