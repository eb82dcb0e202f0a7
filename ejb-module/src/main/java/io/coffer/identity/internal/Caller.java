package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.identity.TokenClaims;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.UnauthenticatedException;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
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

    /**
     * The user row of {@code principal} (the EJB's caller principal), or {@link UnauthenticatedException} with one
     * message for every reason. Private: the caller's role is asked of {@link #requireActor} only, so that no module
     * can read the database role of a caller whose token acts below it.
     */
    private UserEntity requireUser(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            throw new UnauthenticatedException(REFUSED);
        }
        UserId id;
        try {
            id = UserId.of(token.getSubject());
        } catch (RuntimeException malformed) {
            throw new UnauthenticatedException(REFUSED);
        }
        if (tenancy.current().isEmpty() || !keys.published(keyId(token))) {
            throw new UnauthenticatedException(REFUSED); // a retired signing key verifies nothing (ID-35)
        }
        UserEntity user = users.find(id).orElseThrow(() -> new UnauthenticatedException(REFUSED));
        if (!String.valueOf(user.tokenVersion()).equals(claim(token, TokenClaims.VERSION))) {
            throw new UnauthenticatedException(REFUSED);
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
        JsonWebToken token = (JsonWebToken) principal; // requireUser refused anything else
        Role role = user.role();
        Object scope = token.getClaim("scope");
        if (scope == null) {
            return new Actor(user, role, false);
        }
        java.util.List<String> scopes = ApiKeyScopes.parse(scope.toString().replace("\"", ""));
        Role named = token.getGroups() == null ? Role.MEMBER : token.getGroups().stream().map(Caller::role)
                .filter(java.util.Objects::nonNull).reduce(Caller::lower).orElse(Role.MEMBER);
        role = lower(lower(role, named), ApiKeyScopes.highestRole(scopes));
        return new Actor(user, role, !ApiKeyScopes.writes(scopes));
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
     * Who acts, with which role, and whether only reading (an API key of scope {@code read}: the web layer refuses its
     * every method but GET and HEAD).
     */
    public record Actor(UserEntity user, Role role, boolean readOnly) {
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
