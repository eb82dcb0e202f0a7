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
 * Mints access tokens the way identity will (RS256, iss "coffer", aud "coffer-api", sub, groups, tenant, ver), signed
 * with the test key that only the integration-test server trusts.
 */
public final class Tokens {
    public static final PrivateKey TEST_KEY = privateKey("it-keys/test-signing-key.pem");
    public static final PrivateKey FOREIGN_KEY = privateKey("it-keys/foreign-signing-key.pem");

    private Tokens() {
    }

    public static String accessToken(ItDatabase.User user) {
        return sign(TEST_KEY, user, c -> { });
    }

    public static String sign(PrivateKey key, ItDatabase.User user, Consumer<JWTClaimsSet.Builder> change) {
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
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("it-test").build(),
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
