package io.coffer.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Access tokens for the integration tests. {@link #login} gets a real one from Coffer; {@link #sign} mints one like
 * Coffer's (RS256, iss "coffer", aud "coffer-api", sub, groups, tenant, ver) with a test key that the tests publish
 * in the test server's JWKS (a {@code signing_keys} row without a private part), so that forgeries can vary one
 * claim at a time and still be refused for that claim only.
 */
public final class Tokens {
    public static final String TEST_KID = "it-test";
    public static final PrivateKey TEST_KEY = privateKey("it-keys/test-signing-key.pem");
    public static final PrivateKey FOREIGN_KEY = privateKey("it-keys/foreign-signing-key.pem");

    static {
        ItDatabase.trustTestKey(TEST_KID, testPublicJwk());
    }

    private Tokens() {
    }

    /** A test-key token for {@code user} (fast: no password hash). */
    public static String accessToken(ItDatabase.User user) {
        return sign(TEST_KEY, user, c -> { });
    }

    /** A real token from {@code POST /api/v1/auth/login}. */
    public static String login(ItDatabase.User user) {
        var response = Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug()
                + "\", \"email\": \"" + user.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return Http.json(response).getString("accessToken");
    }

    private static String testPublicJwk() {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("it-keys/test-signing-key.pub.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) KeyFactory
                    .getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
                            Base64.getDecoder().decode(pem)));
            return new com.nimbusds.jose.jwk.RSAKey.Builder(key).keyID(TEST_KID)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .build().toJSONString();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(PrivateKey key, ItDatabase.User user, Consumer<JWTClaimsSet.Builder> change) {
        return sign(key, TEST_KID, user, change);
    }

    /** Like {@link #sign(PrivateKey, ItDatabase.User, Consumer)}, naming the key {@code kid} in the header. */
    public static String sign(PrivateKey key, String kid, ItDatabase.User user, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("coffer")
                .audience("coffer-api")
                .subject(user.id().toString())
                .claim("upn", user.email())
                .claim("groups", List.of(user.role()))
                .claim("tenant", user.tenant().toString())
                .claim("ver", user.tokenVersion())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static PrivateKey privateKey(String resource) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
