package io.coffer.identity;

import io.coffer.identity.IdentityEvents.LoginFailed;
import io.coffer.identity.IdentityEvents.LoginSucceeded;
import io.coffer.identity.internal.AccessTokens;
import io.coffer.identity.internal.LoginSessionEntity;
import io.coffer.identity.internal.RefreshTokenEntity;
import io.coffer.identity.internal.SecondFactors;
import io.coffer.identity.internal.SignInPolicies;
import io.coffer.identity.internal.SignIns;
import io.coffer.shared.error.LoginMethodNotAllowedException;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.identity.internal.TokenStore;
import io.coffer.shared.UserId;
import io.coffer.identity.internal.Passwords;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.identity.internal.WebAuthn;
import com.webauthn4j.data.AuthenticationData;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.MfaRequiredException;
import io.coffer.shared.error.ValidationException;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.shared.error.UnauthenticatedException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login and token issue (ID-1, ID-2, ID-3). A login starts without a token: the tenant is looked up by slug in the
 * global directory, then the credentials are checked inside that tenant's transaction. Every wrong part — tenant,
 * email, password — gives the same answer after the same work (a dummy hash when there is no user).
 */
// Not an EJB: it has no transaction of its own (each step runs in TenantScope's), and a refusal (an application
// exception with rollback) thrown out of an EJB method without a transaction marks Liberty's local transaction,
// which logs an ERROR (WLTC0017E) for every wrong password or unknown token (FD-22).
@ApplicationScoped
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
    Event<IdentityEvent> events;

    static final Duration REFRESH_LIFETIME = SignIns.REFRESH_LIFETIME;
    static final int FAILURES_PER_ACCOUNT = 20;
    static final int FAILURES_PER_ADDRESS = 100;

    @EJB
    ThrottlingGate throttle;

    @Inject
    TokenStore tokens;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    SecondFactors factors;

    @Inject
    SignInPolicies policies;

    @Inject
    SignIns signIns;

    @Inject
    WebAuthn webAuthn;

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** How long the mfaToken of a login's second step lives (MFA-5). */
    static final Duration MFA_LIFETIME = Duration.ofMinutes(5);
    /** The kind of the second step's throttle keys: counted as passwords are (MFA-7). */
    static final String MFA_THROTTLE = "mfa";
    static final String REFUSED_MFA = "The sign-in has expired or was completed: log in again.";

    /** An access token, its lifetime in seconds, and (from login and refresh) the next refresh token. */
    public record IssuedToken(String accessToken, long expiresIn, String refreshToken) {
        @Override
        public String toString() {
            return "IssuedToken[" + expiresIn + "s]";
        }
    }

    /**
     * Logs in to tenant {@code tenantSlug}. Throws {@link UnauthenticatedException} (one message) for any wrong part,
     * {@link ForbiddenException} when the password is right but the email is not verified yet.
     * <p>
     * Throttling (ID-16, ID-30): an account over its limit is refused before any hash is computed, whoever asks. An
     * address over its limit is decided after the check: a correct password of any account still logs in, a wrong one
     * is answered 429 instead of 401, and an unknown tenant or email costs no hash at all from there (the answer waits
     * as long as a hash would take), so that the address gets at most the per-account budget of hashes per real
     * account.
     */
    public IssuedToken login(String tenantSlug, String email, String password, String clientAddress,
                             String userAgent) {
        String addressKey = Throttling.addressKey("login", clientAddress);
        Optional<Tenant> tenant = tenants.findBySlug(tenantSlug);
        String accountKey = loginAccountKey(tenant.map(t -> t.id().toString()).orElse("-"), email);
        throttle.check(accountKey, FAILURES_PER_ACCOUNT);
        Optional<RateLimitedException> addressOver = throttle.refusal(addressKey, FAILURES_PER_ADDRESS);
        if (tenant.isEmpty() || email == null || email.isBlank()) {
            if (addressOver.isPresent()) {
                passwords.waitLikeAVerification();
            } else {
                passwords.matches(password, null);
            }
            throttle.fail(addressKey, accountKey);
            events.fire(new LoginFailed(null, null, clientAddress, clock.instant()));
            throw addressOver.isPresent() ? addressOver.get() : new UnauthenticatedException(REFUSED);
        }
        TenantId tenantId = tenant.get().id();
        boolean hashUnknown = addressOver.isEmpty();
        Outcome outcome = tenancy.call(tenantId,
                () -> check(tenantId, email, password, hashUnknown, new Client(clientAddress, userAgent)));
        if (outcome.methodRefused()) {
            throttle.fail(addressKey, accountKey);
            events.fire(new LoginFailed(tenantId, outcome.user() == null ? null : outcome.user().userId(),
                    clientAddress, clock.instant()));
            throw new LoginMethodNotAllowedException("This tenant signs in with single sign-on only: use \"Sign in"
                    + " with SSO\".");
        }
        if (outcome.mfaToken() != null) {
            throw new MfaRequiredException(outcome.mfaToken(), outcome.methods()); // committed: the token lives (MFA-5)
        }
        if (outcome.token() == null && !outcome.unverified()) {
            throttle.fail(addressKey, accountKey);
        }
        if (outcome.token() == null) {
            events.fire(new LoginFailed(tenantId, outcome.user() == null ? null : outcome.user().userId(),
                    clientAddress, clock.instant()));
            if (outcome.unverified()) {
                throw new ForbiddenException("The email address is not verified yet: follow the link in the mail"
                        + " we sent.");
            }
            if (outcome.user() == null && !hashUnknown) {
                passwords.waitLikeAVerification();
            }
            throw addressOver.isPresent() ? addressOver.get() : new UnauthenticatedException(REFUSED);
        }
        events.fire(new LoginSucceeded(tenantId, outcome.user().userId(), clientAddress, clock.instant()));
        return new IssuedToken(outcome.token(), AccessTokens.LIFETIME.toSeconds(), outcome.refresh());
    }

    /**
     * Rotates a refresh token (ID-7): the presented one is spent and a new one of the same family comes back with a new
     * access token. A token used twice means it was stolen: the whole family is revoked (committed) and the answer is
     * 401, as for an unknown, expired or revoked one, or one issued before the user's tokens were revoked. The session
     * keeps its id ({@code sid}) and was used now, from {@code clientAddress} (ID-39).
     */
    public IssuedToken refresh(String refreshToken, String clientAddress) {
        return secrets.inTenantOf(refreshToken, SecretKind.REFRESH, tenant -> {
            RefreshTokenEntity presented = tokens.findRefresh(refreshToken).orElse(null);
            if (presented == null) {
                return null;
            }
            // redeemed here, not by OneTimeSecrets.redeem: a second use must revoke the family and commit (ID-7)
            OneTimeSecrets.Redemption redeemed = secrets.redeemHere(refreshToken, SecretKind.REFRESH);
            if (redeemed == OneTimeSecrets.Redemption.INVALID) {
                return null; // expired
            }
            if (redeemed == OneTimeSecrets.Redemption.ALREADY_USED || presented.revoked()) {
                tokens.revokeFamily(presented.familyId()); // reuse: kill the family, commit, then refuse
                return null;
            }
            UserEntity user = users.find(new UserId(presented.userId())).orElse(null);
            if (user == null || user.tokenVersion() != presented.tokenVersion() || !user.emailVerified()) {
                tokens.revokeFamily(presented.familyId());
                return null;
            }
            // MFA-16: a session lives at most the tenant's session hours from its login, under today's policy
            Instant now = clock.instant();
            Optional<LoginSessionEntity> session = tokens.session(presented.familyId());
            Instant end = session.map(s -> policies.current().sessionEnd(s.createdAt()))
                    .orElse(now.plus(REFRESH_LIFETIME));
            if (!end.isAfter(now)) {
                tokens.revokeFamily(presented.familyId());
                return null;
            }
            Duration lifetime = min(REFRESH_LIFETIME, Duration.between(now, end));
            String next = tokens.issueRefresh(user, presented.familyId(), lifetime);
            session.ifPresent(s -> tokens.sessionUsed(s, now.plus(lifetime), clientAddress));
            return new IssuedToken(accessTokens.issue(user, tenant, presented.familyId()),
                    AccessTokens.LIFETIME.toSeconds(), next);
        }).orElseThrow(() -> new UnauthenticatedException(REFUSED_REFRESH));
    }

    /**
     * Ends the session of {@code refreshToken} when it belongs to the caller's tenant (a no-op otherwise): its refresh
     * family, and its access tokens at their next request (ID-41).
     */
    public void logout(String refreshToken) {
        secrets.inTenantOf(refreshToken, SecretKind.REFRESH, tenant -> {
            tokens.findRefresh(refreshToken).ifPresent(t -> tokens.revokeFamily(t.familyId()));
            return null;
        });
    }

    static final String REFUSED_REFRESH = "The session has ended: log in again.";

    /** {@code hashUnknown}: whether an unknown email costs the dummy hash (false: no hash, the caller waits). */
    private Outcome check(TenantId tenant, String email, String password, boolean hashUnknown, Client client) {
        Optional<UserEntity> user = users.findByEmail(email);
        if (user.isEmpty() && !hashUnknown) {
            return new Outcome(null, null, false);
        }
        // SSO-11: a policy without password leaves only the OWNERs theirs (the break-glass accounts); every other
        // attempt gets the same 403, whatever the password, so that the answer tells nothing about it
        SignInPolicies.Policy policy = policies.current(); // read once: here and for the session's length
        boolean ownersOnly = !policy.allowedLoginMethods().contains("password");
        boolean right = passwords.matches(password, user.map(UserEntity::passwordHash).orElse(null));
        if (ownersOnly && !(right && user.isPresent() && user.get().role() == Role.OWNER
                && user.get().emailVerified())) {
            return new Outcome(user.orElse(null), null, false, null, null, List.of(), true);
        }
        if (!right || user.isEmpty()) {
            return new Outcome(user.orElse(null), null, false);
        }
        if (!user.get().emailVerified()) {
            return new Outcome(user.get(), null, true);
        }
        List<String> methods = factors.methods(user.get().userId()); // empty: no second factor (PK-8, MFA-5)
        if (!methods.isEmpty()) {
            String mfaToken = tokens.issueOneTime(user.get().userId(), SecretKind.MFA, MFA_LIFETIME);
            return new Outcome(user.get(), null, false, null, mfaToken, methods, false);
        }
        return signedIn(user.get(), tenant, client, false, policy);
    }

    /** Who signs in from where: the client address and the User-Agent header of the login (ID-39). */
    private record Client(String address, String userAgent) {
    }

    /** A login's end (the password, or its second step: {@code secondFactor}): {@link SignIns#begin}. */
    private Outcome signedIn(UserEntity user, TenantId tenant, Client client, boolean secondFactor,
                             SignInPolicies.Policy policy) {
        SignIns.Signed signed = signIns.begin(user, tenant, client.address(), client.userAgent(), secondFactor,
                policy);
        return new Outcome(user, signed.accessToken(), false, signed.refreshToken());
    }

    private record Outcome(UserEntity user, String token, boolean unverified, String refresh, String mfaToken,
                           List<String> methods, boolean methodRefused) {
        Outcome(UserEntity user, String token, boolean unverified) {
            this(user, token, unverified, null);
        }

        Outcome(UserEntity user, String token, boolean unverified, String refresh) {
            this(user, token, unverified, refresh, null, List.of(), false);
        }
    }

    /** PK-12: passkey sign-in options one address may ask for in the throttle's window (each stores a challenge). */
    static final int OPTIONS_PER_ADDRESS = 300;
    static final String REFUSED_PASSKEY = "The passkey was not accepted: try again, or sign in another way.";

    /**
     * PK-4, PK-11: the options of a passkey sign-in in tenant {@code tenantSlug}, with a fresh challenge of that
     * tenant. With the {@code email} of a verified user who has passkeys they are listed and user verification is
     * preferred (the second step after a password); otherwise the list is empty and user verification required (a
     * usernameless sign-in). An unknown tenant gets the same shape with a challenge that is nobody's. At most
     * {@link #OPTIONS_PER_ADDRESS} per address in the throttle's window, then 429 (PK-12).
     */
    public Passkeys.RequestOptions passkeyOptions(String tenantSlug, String email, String clientAddress) {
        throttle.attempt(Throttling.addressKey("webauthn-options", clientAddress), OPTIONS_PER_ADDRESS); // PK-12
        Optional<Tenant> tenant = tenants.findBySlug(tenantSlug);
        if (tenant.isEmpty()) {
            return requestOptions(WebAuthn.unusableChallenge(), List.of());
        }
        return tenancy.call(tenant.get().id(), () -> {
            List<Passkeys.CredentialRef> allow = email == null || email.isBlank() ? List.of()
                    : users.findByEmail(email).filter(UserEntity::emailVerified)
                    .map(u -> webAuthn.of(u.userId()).stream()
                            .map(p -> new Passkeys.CredentialRef(p.credentialId(), p.transports())).toList())
                    .orElse(List.of());
            return requestOptions(webAuthn.signInChallenge(), allow);
        });
    }

    private Passkeys.RequestOptions requestOptions(String challenge, List<Passkeys.CredentialRef> allow) {
        return new Passkeys.RequestOptions(challenge, webAuthn.rpId(), Passkeys.TIMEOUT_MILLIS,
                allow.isEmpty() ? "required" : "preferred", allow);
    }

    /**
     * PK-4..PK-6: a sign-in with a passkey alone (usernameless: the credential and its user handle name the user).
     * The assertion's challenge must be one issued for this tenant; webauthn4j verifies it with user verification
     * required; the tenant must allow {@code webauthn} (403 {@code login-method-not-allowed} otherwise). Any other
     * refusal is one 401 and counts to the address's login throttle (and the account's, when the credential names
     * one). The session has passed a second factor. Answers as a login.
     */
    public IssuedToken loginWithPasskey(String tenantSlug, String assertionJson, String clientAddress,
                                        String userAgent) {
        String addressKey = Throttling.addressKey("login", clientAddress);
        throttle.check(addressKey, FAILURES_PER_ADDRESS);
        Optional<AuthenticationData> data = webAuthn.parseAssertion(assertionJson);
        Optional<TenantId> tenant = tenants.findBySlug(tenantSlug).map(Tenant::id);
        Optional<TenantId> ofChallenge = data.flatMap(d -> secrets.tenantOf(WebAuthn.challengeOf(d),
                SecretKind.WEBAUTHN_SIGN_IN));
        if (data.isEmpty() || tenant.isEmpty() || !tenant.equals(ofChallenge)) {
            throttle.fail(addressKey);
            events.fire(new LoginFailed(tenant.orElse(null), null, clientAddress, clock.instant()));
            throw new UnauthenticatedException(REFUSED_PASSKEY);
        }
        TenantId tenantId = tenant.get();
        Outcome outcome = tenancy.call(tenantId, () -> {
            Optional<WebAuthn.Asserted> asserted = webAuthn.verify(data.get(), Optional.empty(), true);
            UserEntity user = asserted.flatMap(a -> users.find(a.user())).filter(UserEntity::emailVerified)
                    .orElse(null);
            if (user == null) {
                return new Outcome(null, null, false);
            }
            SignInPolicies.Policy policy = policies.current();
            if (!policy.allowedLoginMethods().contains(SecondFactors.WEBAUTHN)) {
                return new Outcome(user, null, false, null, null, List.of(), true);
            }
            return signedIn(user, tenantId, new Client(clientAddress, userAgent), true, policy);
        });
        if (outcome.token() == null) {
            if (outcome.user() != null) {
                throttle.fail(addressKey, loginAccountKey(tenantId.toString(), outcome.user().email()));
            } else {
                throttle.fail(addressKey);
            }
            events.fire(new LoginFailed(tenantId, outcome.user() == null ? null : outcome.user().userId(),
                    clientAddress, clock.instant()));
            if (outcome.methodRefused()) {
                throw new LoginMethodNotAllowedException("This tenant does not allow signing in with a passkey"
                        + " alone: sign in with your password.");
            }
            throw new UnauthenticatedException(REFUSED_PASSKEY);
        }
        events.fire(new LoginSucceeded(tenantId, outcome.user().userId(), clientAddress, clock.instant()));
        return new IssuedToken(outcome.token(), AccessTokens.LIFETIME.toSeconds(), outcome.refresh());
    }

    /**
     * The second step of a login with MFA (MFA-6, MFA-7): the {@code mfaToken} of {@link #login} with a current TOTP
     * code or an unused recovery code (exactly one). Answers as a login. An unknown, used or expired token is
     * {@link UnauthenticatedException}; a wrong code is {@link ValidationException}, counts to the throttle and leaves
     * the token unspent (the refusal rolls its redemption back); over the throttle's limit the token is spent
     * (committed) and the answer is {@link RateLimitedException}.
     */
    public IssuedToken completeMfa(String mfaToken, String code, String recoveryCode, String webauthn,
                                   String clientAddress, String userAgent) {
        String field = oneFactorField(code, recoveryCode, webauthn);
        TenantId tenantId = secrets.tenantOf(mfaToken, SecretKind.MFA)
                .orElseThrow(() -> new UnauthenticatedException(REFUSED_MFA));
        String addressKey = Throttling.addressKey(MFA_THROTTLE, clientAddress);
        MfaOutcome outcome = tenancy.call(tenantId, () -> {
            if (secrets.redeemHere(mfaToken, SecretKind.MFA) != OneTimeSecrets.Redemption.REDEEMED) {
                return new MfaOutcome(null, null, null);
            }
            UserEntity user = users.find(tokens.userOf(mfaToken)).filter(UserEntity::emailVerified).orElse(null);
            if (user == null) {
                return new MfaOutcome(null, null, null);
            }
            String accountKey = mfaAccountKey(tenantId, user.userId());
            Optional<RateLimitedException> over = throttle.refusal(accountKey, FAILURES_PER_ACCOUNT)
                    .or(() -> throttle.refusal(addressKey, FAILURES_PER_ADDRESS));
            if (over.isPresent()) {
                return new MfaOutcome(user, null, over.get()); // committed: the token is spent
            }
            // PK-7: a passkey's assertion must be of this user's credential (and its challenge of this tenant)
            boolean right = webauthn != null
                    ? webAuthn.parseAssertion(webauthn)
                    .flatMap(data -> webAuthn.verify(data, Optional.of(user.userId()), false)).isPresent()
                    : factors.accept(user.userId(), code, recoveryCode);
            if (!right) {
                throttle.fail(accountKey, addressKey);
                events.fire(new LoginFailed(tenantId, user.userId(), clientAddress, clock.instant()));
                throw ValidationException.of(field, "is wrong or was used before"); // rolls the redemption back
            }
            Outcome signed = signedIn(user, tenantId, new Client(clientAddress, userAgent), true,
                    policies.current());
            return new MfaOutcome(user, new IssuedToken(signed.token(), AccessTokens.LIFETIME.toSeconds(),
                    signed.refresh()), null);
        });
        if (outcome.throttled() != null) {
            throw outcome.throttled();
        }
        if (outcome.token() == null) {
            throw new UnauthenticatedException(REFUSED_MFA);
        }
        events.fire(new LoginSucceeded(tenantId, outcome.user().userId(), clientAddress, clock.instant()));
        return outcome.token();
    }

    private record MfaOutcome(UserEntity user, IssuedToken token, RateLimitedException throttled) {
    }

    /** The throttle key of an account's login failures (ID-16), by password or passkey (PK-4). */
    static String loginAccountKey(String tenant, String email) {
        return Throttling.key("login", "account", tenant,
                email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** The throttle key of an account's second-step failures (MFA-7). */
    static String mfaAccountKey(TenantId tenant, io.coffer.shared.UserId user) {
        return Throttling.key(MFA_THROTTLE, "account", tenant.toString(), user.toString());
    }

    /**
     * The field of the one second factor given at the second step: {@code code}, {@code recoveryCode} or
     * {@code webauthn} (an assertion, PK-7); 400 for none or more than one.
     */
    static String oneFactorField(String code, String recoveryCode, String webauthn) {
        if (webauthn == null) {
            return oneCodeField(code, recoveryCode);
        }
        if ((code != null && !code.isBlank()) || (recoveryCode != null && !recoveryCode.isBlank())) {
            throw ValidationException.of("webauthn", "give either a passkey's assertion or a code, not both");
        }
        return "webauthn";
    }

    /** The field of the one code given ({@code code} or {@code recoveryCode}); 400 for none or both. */
    static String oneCodeField(String code, String recoveryCode) {
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecovery = recoveryCode != null && !recoveryCode.isBlank();
        if (hasCode == hasRecovery) {
            throw ValidationException.of(hasCode ? "recoveryCode" : "code",
                    "give either a code of the authenticator app or a recovery code");
        }
        return hasCode ? "code" : "recoveryCode";
    }
}
