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
     * message for every reason.
     */
    public UserEntity requireUser(Principal principal) {
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
     * The caller's user and the role they act with: the role in the database (a promotion or demotion takes effect on
     * the next request); for an API-key token (it carries {@code scope}) capped by the role the token names, so that a
     * key never acts above what it was exchanged for.
     */
    public Actor requireActor(Principal principal) {
        UserEntity user = requireUser(principal);
        Role role = user.role();
        if (principal instanceof JsonWebToken token && token.getClaim("scope") != null && token.getGroups() != null) {
            Role named = token.getGroups().stream().map(Caller::role).filter(java.util.Objects::nonNull)
                    .reduce((a, b) -> a.atLeast(b) ? a : b).orElse(Role.MEMBER);
            if (role.atLeast(named)) {
                role = named;
            }
        }
        return new Actor(user, role);
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Who acts, and with which role. */
    public record Actor(UserEntity user, Role role) {
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
