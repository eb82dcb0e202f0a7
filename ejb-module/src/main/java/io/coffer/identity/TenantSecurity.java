package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.SignInPolicies;
import io.coffer.identity.internal.SsoConfigs;
import io.coffer.identity.internal.SignInPolicies.Policy;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The tenant's sign-in policy (docs/features/mfa.md, MFA-13..MFA-16): whether every session must pass a second
 * factor, which sign-in methods the tenant allows, and how long a session may live. OWNER and ADMIN only.
 */
@Stateless
@PermitAll
public class TenantSecurity {

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    SignInPolicies policies;

    @Inject
    SsoConfigs ssoConfigs;

    @Inject
    Event<IdentityEvent> events;

    @Inject
    Clock clock;

    /** What the API shows and takes. */
    public record Settings(boolean requireMfa, List<String> allowedLoginMethods, int sessionHours) {
    }

    public Settings get() {
        requireAdmin();
        return settings(policies.current());
    }

    /**
     * MFA-13: replaces the policy. 400 for an unknown or repeated method, an empty list or hours outside 1..720; 409
     * for a list without {@code password} unless it allows {@code oidc} and the tenant's SSO is enabled (SSO-11).
     */
    public Settings update(Boolean requireMfa, List<String> methods, Integer sessionHours) {
        Caller.Actor actor = requireAdmin();
        if (requireMfa == null) {
            throw ValidationException.of("requireMfa", "is required");
        }
        if (methods == null || methods.isEmpty()) {
            throw ValidationException.of("allowedLoginMethods", "must name at least one of " + SignInPolicies.METHODS);
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String method : methods) {
            if (method == null || !SignInPolicies.METHODS.contains(method) || !unique.add(method)) {
                throw ValidationException.of("allowedLoginMethods",
                        "each must be one of " + SignInPolicies.METHODS + ", at most once");
            }
        }
        if (sessionHours == null || sessionHours < 1 || sessionHours > SignInPolicies.MAX_SESSION_HOURS) {
            throw ValidationException.of("sessionHours", "must be between 1 and " + SignInPolicies.MAX_SESSION_HOURS);
        }
        if (!SignInPolicies.leavesAWayIn(List.copyOf(unique),
                ssoConfigs.current().filter(SsoConfigs.Config::enabled).isPresent())) {
            throw new ConflictException("Without password sign-in nobody could sign in: enable single sign-on"
                    + " (/tenant/sso) and allow \"oidc\" first.");
        }
        List<String> ordered = SignInPolicies.METHODS.stream().filter(unique::contains).toList();
        Policy saved = policies.save(new Policy(requireMfa, ordered, sessionHours), actor.user().userId().value());
        events.fire(new IdentityEvents.SecurityPolicyChanged(caller.tenant(), actor.user().userId(),
                "requireMfa=" + saved.requireMfa() + " allowedLoginMethods=" + String.join(",",
                        saved.allowedLoginMethods()) + " sessionHours=" + saved.sessionHours(), clock.instant()));
        return settings(saved);
    }

    private static Settings settings(Policy p) {
        return new Settings(p.requireMfa(), p.allowedLoginMethods(), p.sessionHours());
    }

    private Caller.Actor requireAdmin() {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        if (!actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("The tenant's security settings need the ADMIN or OWNER role.");
        }
        return actor;
    }
}
