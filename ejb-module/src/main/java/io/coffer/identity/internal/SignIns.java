package io.coffer.identity.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.coffer.shared.TenantId;
import java.time.Duration;

/**
 * The end of every sign-in, whichever way it went (a password, its second step, single sign-on): a new session and its
 * first tokens (ID-39), the refresh token living no longer than the tenant's session hours allow (MFA-16). Runs in
 * the tenant's transaction.
 */
@ApplicationScoped
public class SignIns {

    /** How long a refresh token lives at most, whatever the session hours (ID-7). */
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(7);

    /** The first access token and refresh token of a new session. */
    public record Signed(String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Signed[]";
        }
    }

    @Inject
    TokenStore tokens;

    @Inject
    AccessTokens accessTokens;

    @Inject
    SignInPolicies policies;

    public Signed begin(UserEntity user, TenantId tenant, String clientAddress, String userAgent,
                        boolean secondFactor) {
        return begin(user, tenant, clientAddress, userAgent, secondFactor, policies.current());
    }

    /** {@link #begin} under {@code policy}, the tenant's policy the caller has just read (read once per sign-in). */
    public Signed begin(UserEntity user, TenantId tenant, String clientAddress, String userAgent,
                        boolean secondFactor, SignInPolicies.Policy policy) {
        Duration hours = Duration.ofHours(policy.sessionHours());
        Duration lifetime = REFRESH_LIFETIME.compareTo(hours) <= 0 ? REFRESH_LIFETIME : hours;
        TokenStore.Issued<LoginSessionEntity> session =
                tokens.startSession(user, lifetime, userAgent, clientAddress, secondFactor);
        return new Signed(accessTokens.issue(user, tenant, session.entity().id()), session.secret());
    }
}
