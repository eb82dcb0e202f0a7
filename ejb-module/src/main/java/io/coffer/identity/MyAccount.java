package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.SecondFactors;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.shared.error.ValidationException;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** The caller's own account: {@code GET /me} and the changes a user may make to it. */
@Stateless
@PermitAll
public class MyAccount {

    static final int MAX_DISPLAY_NAME = 100;

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    Users users;

    @EJB
    TenantDirectory tenants;

    @Inject
    SecondFactors factors;

    /** {@code GET /me}: the caller's profile and the summary of their second factors (MFA-20), read together. */
    public record Me(UserProfile profile, SecondFactor.Status mfa) {
    }

    /**
     * The caller's profile and second factors, in one transaction (REL-5: one request, one wait for the database);
     * {@link io.coffer.shared.error.UnauthenticatedException} when the token is no longer valid.
     */
    public Me me() {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        return new Me(withRole(profile(actor.user()), actor), factors.status(actor.user().userId()));
    }

    /** The profile with the role this token acts with (an API-key token may act below its creator: ID-25). */
    private static UserProfile withRole(UserProfile profile, Caller.Actor actor) {
        return new UserProfile(profile.userId(), profile.tenantId(), profile.tenantSlug(), profile.email(),
                profile.displayName(), actor.role());
    }

    /** Changes the caller's display name (trimmed, 1 to 100 characters, no control characters). */
    public Me changeDisplayName(String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
            throw ValidationException.of("displayName", "must be 1 to " + MAX_DISPLAY_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of("displayName", "must not contain control characters");
        }
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        actor.user().rename(name);
        return new Me(withRole(profile(actor.user()), actor), factors.status(actor.user().userId()));
    }

    private UserProfile profile(UserEntity user) {
        String slug = tenants.find(caller.tenant()).map(Tenant::slug).orElseThrow();
        return new UserProfile(user.userId(), caller.tenant(), slug, user.email(), user.displayName(), user.role());
    }
}
