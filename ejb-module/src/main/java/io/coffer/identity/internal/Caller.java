package io.coffer.identity.internal;

import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.identity.TokenClaims;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.MfaEnrolmentRequiredException;
import io.coffer.shared.error.UnauthenticatedException;
import io.coffer.tenancy.TenantClaims;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current EJB call, as the verified access token names them, checked against the database: the
 * token's signing key must still be published (not retired), the user must exist in the token's tenant and the
 * token's version must be the user's current one.
 */
@ApplicationScoped
public class Caller {

    private static final String REFUSED = "A valid bearer token is required.";

    @EJB
    TenantScope tenancy;

    @Inject
    Users users;

    @Inject
    SigningKeys keys;

    @Inject
    CallerStatement statement;

    @Inject
    CheckedCallers checked;

    @Inject
    TokenStore sessions;

    @Inject
    SignInPolicies policies;

    @Inject
    java.time.Clock clock;

    @Inject
    SecondFactors factors;

    /** MFA-18: the refusal of a session without a factor: enrol one. */
    public static final String ENROL = "This tenant requires a second factor: set one up under /me/mfa, then go on.";

    /** MFA-18: the refusal of a session signed in without the account's factor: only a new sign-in passes it. */
    public static final String SIGN_IN_AGAIN = "This tenant requires a second factor, and this session was signed in"
            + " without the one this account has: sign in again and complete the second step.";

    /**
     * The user row of {@code principal} (the EJB's caller principal), or {@link UnauthenticatedException} with one
     * message for every reason. Private: the caller's role is asked of {@link #requireActor} only, so that no module
     * can read the database role of a caller whose token acts below it.
     */
    private UserEntity requireUser(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            throw new UnauthenticatedException(REFUSED);
        }
        UserId id = subject(token);
        Optional<TenantId> bound = tenancy.current();
        boolean checkedNow = checkedHere(token, bound).filter(c -> c.user().equals(id)).isPresent();
        if (bound.isEmpty() || !(checkedNow || keys.published(keyId(token)))) {
            throw new UnauthenticatedException(REFUSED); // a retired signing key verifies nothing (ID-35)
        }
        UserEntity user = users.find(id).orElseThrow(() -> new UnauthenticatedException(REFUSED));
        if (!String.valueOf(user.tokenVersion()).equals(claim(token, TokenClaims.VERSION))) {
            throw new UnauthenticatedException(REFUSED);
        }
        Optional<java.util.UUID> session = session(token);
        if (!checkedNow && session.isPresent()
                && sessions.session(session.get()).map(s -> s.endedFor(id.value())).orElse(false)) {
            throw new UnauthenticatedException(REFUSED); // an ended session's tokens stop (ID-41)
        }
        return user;
    }

    /**
     * The caller: their user and how they act now, the one answer every module asks (ID-25). A session acts with the
     * role in the database (a promotion or demotion takes effect on the next request). An API-key token (it carries
     * {@code scope}) acts with the lowest of: the database role, the role the token names, and what its scopes allow
     * — MEMBER, or ADMIN with {@code admin}; and only a {@code write} or {@code admin} scope may change anything
     * ({@link ApiKeyScopes}).
     */
    public Actor requireActor(Principal principal) {
        UserEntity user = requireUser(principal);
        Acting acting = acting(user.role(), (JsonWebToken) principal); // requireUser refused anything else
        return new Actor(user, acting.role(), acting.readOnly(), acting.apiKey());
    }

    /**
     * The caller when they act through a signed-in session (MFA-11, PK-1, ID-39): an API-key token, whatever its
     * scope, is refused with 403 and {@code refusal} (what is managed only from a session).
     */
    public Actor requireSession(Principal principal, String refusal) {
        Actor actor = requireActor(principal);
        if (actor.apiKey()) {
            throw new io.coffer.shared.error.ForbiddenException(refusal);
        }
        return actor;
    }

    /**
     * ID-38: the check of an authenticated request at its start, before its body is read and outside any transaction:
     * the same rules as {@link #requireActor} (signing key still published, a current user of the token's tenant,
     * the token's version the user's current one, the role capped for an API key) in one statement
     * ({@link CallerStatement}). The answer is kept for the rest of the request ({@link CheckedCallers}), where
     * {@link #requireCurrent} gives it to the modules' calls instead of reading the database again.
     */
    public CurrentCaller checkRequest(JsonWebToken token) {
        UserId id = subject(token);
        TenantId tenant = TenantClaims.of(token).orElseThrow(() -> new UnauthenticatedException(REFUSED));
        CallerStatement.Row row = statement.check(tenant, id, keyId(token), clock.instant(),
                        session(token).orElse(null))
                .orElseThrow(() -> new UnauthenticatedException(REFUSED));
        if (!row.keyPublished() || !String.valueOf(row.tokenVersion()).equals(claim(token, TokenClaims.VERSION))
                || row.sessionEnded()) {
            throw new UnauthenticatedException(REFUSED); // a retired signing key (ID-35), an ended session (ID-41)
        }
        Acting acting = acting(row.role(), token);
        CurrentCaller caller = new CurrentCaller(id, tenant, acting.role(), acting.readOnly(),
                secondFactorDue(row.requireMfa(), acting.apiKey(), row.sessionSecondFactor()));
        checked.remember(token.getRawToken(), caller);
        return caller;
    }

    /**
     * The caller for a module's call (ID-25): what this request's check found ({@link #checkRequest}) when the call
     * comes with the same token in the same tenant, else the full way ({@link #requireActor}).
     */
    public CurrentCaller requireCurrent(Principal principal) {
        if (principal instanceof JsonWebToken token) {
            Optional<CurrentCaller> known = checkedHere(token, tenancy.current());
            if (known.isPresent()) {
                return known.get();
            }
        }
        Actor actor = requireActor(principal);
        // requireActor refused an ended session: what is left to ask is whether this one passed a second factor
        boolean due = !actor.apiKey() && policies.current().requireMfa() && !sessionOf(principal)
                .flatMap(sessions::session).map(LoginSessionEntity::secondFactor).orElse(false);
        return new CurrentCaller(actor.user().userId(), tenant(), actor.role(), actor.readOnly(), due);
    }

    /**
     * MFA-14, MFA-15, the one place of the rule: with the tenant's {@code requireMfa} a session must have passed a
     * second factor; an API-key token is never asked for one.
     */
    static boolean secondFactorDue(boolean requireMfa, boolean apiKey, boolean sessionPassed) {
        return requireMfa && !apiKey && !sessionPassed;
    }

    /**
     * MFA-15, MFA-18: refuses a caller whose session must still pass a second factor ({@link #secondFactorDue}) with
     * {@link MfaEnrolmentRequiredException}: {@link #ENROL} when the user has none, {@link #SIGN_IN_AGAIN} when they
     * have one (a session signed in password-only before the factor was confirmed in another session). Runs in a
     * tenant transaction. A no-op for API-key tokens and sessions that passed.
     */
    public CurrentCaller requireSecondFactorPassed(Principal principal) {
        CurrentCaller current = requireCurrent(principal);
        if (current.secondFactorDue()) {
            throw new MfaEnrolmentRequiredException(factors.any(current.user()) ? SIGN_IN_AGAIN : ENROL);
        }
        return current;
    }

    /** This request's check of {@code token} ({@link #checkRequest}), if it was made in the tenant now bound. */
    private Optional<CurrentCaller> checkedHere(JsonWebToken token, Optional<TenantId> bound) {
        if (bound.isEmpty()) {
            return Optional.empty();
        }
        try {
            return checked.of(token.getRawToken()).filter(c -> c.tenant().equals(bound.get()));
        } catch (jakarta.enterprise.context.ContextNotActiveException noRequest) {
            return Optional.empty(); // asynchronous work: the full way
        }
    }

    /**
     * How the bearer of {@code token} acts, given the user's role in the database: a session with that role; an
     * API-key token (it carries {@code scope}) with the lowest of that role, the role the token names and what its
     * scopes allow, and read-only unless a scope writes ({@link ApiKeyScopes}). The one place of this rule.
     */
    private static Acting acting(Role databaseRole, JsonWebToken token) {
        Object scope = token.getClaim("scope");
        if (scope == null) {
            return new Acting(databaseRole, false, false);
        }
        java.util.List<String> scopes = ApiKeyScopes.parse(scope.toString().replace("\"", ""));
        Role named = token.getGroups() == null ? Role.MEMBER : token.getGroups().stream().map(Caller::role)
                .filter(java.util.Objects::nonNull).reduce(Caller::lower).orElse(Role.MEMBER);
        return new Acting(lower(lower(databaseRole, named), ApiKeyScopes.highestRole(scopes)),
                !ApiKeyScopes.writes(scopes), true);
    }

    private record Acting(Role role, boolean readOnly, boolean apiKey) {
    }

    /**
     * The session a token names ({@code sid}, ID-39); empty for a token without one (an API key's, one issued before
     * sessions were kept). A malformed one refuses the token.
     */
    public static Optional<java.util.UUID> sessionOf(Principal principal) {
        return principal instanceof JsonWebToken token ? session(token) : Optional.empty();
    }

    private static Optional<java.util.UUID> session(JsonWebToken token) {
        String sid = claim(token, TokenClaims.SESSION);
        if (sid == null || sid.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.util.UUID.fromString(sid));
        } catch (IllegalArgumentException malformed) {
            throw new UnauthenticatedException(REFUSED);
        }
    }

    private static UserId subject(JsonWebToken token) {
        try {
            return UserId.of(token.getSubject());
        } catch (RuntimeException malformed) {
            throw new UnauthenticatedException(REFUSED);
        }
    }

    private static Role lower(Role a, Role b) {
        return a.atLeast(b) ? b : a;
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Who acts, with which role, whether only reading (an API key of scope {@code read}: the web layer refuses its
     * every method but GET and HEAD), and whether through an API-key token rather than a session (MFA-11).
     */
    public record Actor(UserEntity user, Role role, boolean readOnly, boolean apiKey) {
    }

    public TenantId tenant() {
        return tenancy.require();
    }

    /** The {@code kid} of the token's header, as MicroProfile JWT verified it; null when it has none. */
    private static String keyId(JsonWebToken token) {
        String raw = token.getRawToken();
        if (raw == null) {
            return null;
        }
        try {
            return com.nimbusds.jwt.SignedJWT.parse(raw).getHeader().getKeyID();
        } catch (java.text.ParseException malformed) {
            return null;
        }
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
