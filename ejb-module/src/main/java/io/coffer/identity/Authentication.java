package io.coffer.identity;

import io.coffer.identity.IdentityEvents.LoginFailed;
import io.coffer.identity.IdentityEvents.LoginSucceeded;
import io.coffer.identity.internal.AccessTokens;
import io.coffer.identity.internal.Passwords;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.UnauthenticatedException;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Login and token issue (ID-1, ID-2, ID-3). A login starts without a token: the tenant is looked up by slug in the
 * global directory, then the credentials are checked inside that tenant's transaction. Every wrong part — tenant,
 * email, password — gives the same answer after the same work (a dummy hash when there is no user).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Authentication {

    static final String REFUSED = "The tenant, email or password is wrong.";

    @EJB
    TenantDirectory tenants;

    @EJB
    TenantScope tenancy;

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    AccessTokens accessTokens;

    @Inject
    Clock clock;

    @Inject
    Event<Object> events;

    /** An access token and its lifetime in seconds. */
    public record IssuedToken(String accessToken, long expiresIn) {
    }

    /**
     * Logs in to tenant {@code tenantSlug}. Throws {@link UnauthenticatedException} (one message) for any wrong part,
     * {@link ForbiddenException} when the password is right but the email is not verified yet.
     */
    public IssuedToken login(String tenantSlug, String email, String password, String clientAddress) {
        Optional<Tenant> tenant = tenants.findBySlug(tenantSlug);
        if (tenant.isEmpty() || email == null || email.isBlank()) {
            passwords.matches(password, null);
            events.fire(new LoginFailed(null, null, clientAddress, clock.instant()));
            throw new UnauthenticatedException(REFUSED);
        }
        TenantId tenantId = tenant.get().id();
        Outcome outcome = tenancy.call(tenantId, () -> check(tenantId, email, password));
        if (outcome.token() == null) {
            events.fire(new LoginFailed(tenantId, outcome.user() == null ? null : outcome.user().userId(),
                    clientAddress, clock.instant()));
            if (outcome.unverified()) {
                throw new ForbiddenException("The email address is not verified yet: follow the link in the mail"
                        + " we sent.");
            }
            throw new UnauthenticatedException(REFUSED);
        }
        events.fire(new LoginSucceeded(tenantId, outcome.user().userId(), clientAddress, clock.instant()));
        return new IssuedToken(outcome.token(), AccessTokens.LIFETIME.toSeconds());
    }

    private Outcome check(TenantId tenant, String email, String password) {
        Optional<UserEntity> user = users.findByEmail(email);
        if (!passwords.matches(password, user.map(UserEntity::passwordHash).orElse(null)) || user.isEmpty()) {
            return new Outcome(user.orElse(null), null, false);
        }
        if (!user.get().emailVerified()) {
            return new Outcome(user.get(), null, true);
        }
        return new Outcome(user.get(), accessTokens.issue(user.get(), tenant), false);
    }

    private record Outcome(UserEntity user, String token, boolean unverified) {
    }
}
