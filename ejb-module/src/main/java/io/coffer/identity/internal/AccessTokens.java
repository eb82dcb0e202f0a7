package io.coffer.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.identity.TokenClaims;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues access tokens (ID-3): RS256 with a {@code kid}, 15 minutes, issuer {@code coffer}, audience
 * {@code coffer-api}, {@code sub} = user id, {@code tenant}, {@code ver} = the user's token version, {@code groups} =
 * the role. Refresh tokens and every other Coffer secret are opaque random strings, never JWTs, so none of them can
 * pass as an access token.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String ISSUER = "coffer";
    public static final String AUDIENCE = "coffer-api";
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    /** A token of a session (ID-39): its {@code sid} names the session, so that ending it stops the token (ID-41). */
    public String issue(UserEntity user, TenantId tenant, UUID session) {
        return issue(user, tenant, user.role(), null, null, java.util.Objects.requireNonNull(session));
    }

    /**
     * A token for {@code user} acting with {@code role} (never above the user's own: API keys) and, for API keys,
     * their {@code scope}.
     */
    public String issue(UserEntity user, TenantId tenant, io.coffer.identity.Role role, List<String> scopes,
                        UUID apiKey) {
        return issue(user, tenant, role, scopes, apiKey, null);
    }

    /**
     * A token for {@code user} acting with {@code role} (never above the user's own); for an API key ({@code apiKey},
     * {@link TokenClaims#API_KEY}) with its {@code scope} and no session, for a login with its {@code session}.
     */
    private String issue(UserEntity user, TenantId tenant, io.coffer.identity.Role role, List<String> scopes,
                         UUID apiKey, UUID session) {
        if (!user.role().atLeast(role)) {
            role = user.role();
        }
        RSAKey key = keys.signingKey();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.userId().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("upn", user.email())
                .claim("groups", List.of(role.name()))
                .claim(TenantClaims.TENANT, tenant.toString())
                .claim(TokenClaims.VERSION, user.tokenVersion())
                .claim("scope", scopes == null ? null : String.join(" ", scopes))
                .claim(TokenClaims.API_KEY, apiKey == null ? null : apiKey.toString())
                .claim(TokenClaims.SESSION, session == null ? null : session.toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}
