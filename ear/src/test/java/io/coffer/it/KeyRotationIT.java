package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ID-6: a signing key older than 30 days is replaced; the old public key keeps verifying the tokens it signed. */
class KeyRotationIT {

    @AfterEach
    void clock() {
        ItClock.reset();
    }

    /** How far the newest signing key's creation lies ahead of now (an earlier run of this test moved the clock). */
    private static Duration newestKeyAheadOfNow() throws Exception {
        try (var c = ItDatabase.owner().getConnection(); var s = c.createStatement();
             var r = s.executeQuery("select max(created_at) from signing_keys where private_key_enc is not null")) {
            r.next();
            java.time.Instant newest = r.getTimestamp(1).toInstant();
            Duration ahead = Duration.between(java.time.Instant.now(), newest);
            return ahead.isNegative() ? Duration.ZERO : ahead.plusMinutes(1);
        }
    }

    @Test
    void id6_anOldKeyIsRotatedAndItsTokensStayValidUntilTheyExpire() throws Exception {
        ItDatabase.User user = ItDatabase.user(ItDatabase.tenant("rotation"), "r@rotation.test", "MEMBER");
        String before = Tokens.login(user);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        ItClock.advance(Duration.ofDays(31).plus(newestKeyAheadOfNow())); // the signing key is now 31 days old
        Tokens.login(user);                   // the next signature rotates it
        ItClock.reset();

        String after = Tokens.login(user);
        String newKid = SignedJWT.parse(after).getHeader().getKeyID();
        assertNotEquals(oldKid, newKid, "a new key signs");
        JWKSet jwks = JWKSet.parse(Http.get("/api/v1/auth/jwks").body());
        assertNotNull(jwks.getKeyByKeyId(oldKid), "the old key is still published");
        assertNotNull(jwks.getKeyByKeyId(newKid));
        assertEquals(200, Http.get("/api/v1/me", after).statusCode(), "new tokens verify");
        assertEquals(200, Http.get("/api/v1/me", before).statusCode(), "old tokens verify until they expire");
    }

    /** The operator's command of docs/strategy/operations.md ("Retire a signing key at once"). */
    private static void retire(String kid) throws Exception {
        try (var c = ItDatabase.owner().getConnection();
             var p = c.prepareStatement("update signing_keys set not_after = now() where kid = ?")) {
            p.setString(1, kid);
            assertEquals(1, p.executeUpdate());
        }
    }

    /**
     * ID-35: a key retired by the operator verifies nothing from the next request on, without a restart, although
     * Liberty's JWT consumer still holds it in its cache (it verified a token of that key before).
     */
    @Test
    void id35_aTokenOfARetiredKeyIsRefusedOnTheNextRequestWithoutRestart() throws Exception {
        ItDatabase.User user = ItDatabase.user(ItDatabase.tenant("retire"), "r@retire.test", "MEMBER");
        RSAKey key = new RSAKeyGenerator(2048).keyID("it-retire-" + java.util.UUID.randomUUID())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        ItDatabase.trustTestKey(key.getKeyID(), key.toPublicJWK().toJSONString());
        String token = Tokens.sign(key.toPrivateKey(), key.getKeyID(), user, c -> { });
        assertEquals(200, Http.get("/api/v1/me", token).statusCode(), "verified while published");

        retire(key.getKeyID());
        assertNull(JWKSet.parse(Http.get("/api/v1/auth/jwks").body()).getKeyByKeyId(key.getKeyID()), "unpublished");
        var refused = Http.get("/api/v1/me", token);
        assertEquals(401, refused.statusCode(), "a retired key's token is refused at once");
        Problems.assertProblem(refused, 401, "unauthenticated");
        assertEquals(401, Http.get("/api/v1/datarooms", token).statusCode());
    }

    /**
     * ID-35: retiring the key that signs now (the compromise case) refuses its tokens at once, and the next login is
     * signed by a fresh key that verifies.
     */
    @Test
    void id35_retiringTheCurrentSigningKeyRefusesItsTokensAndTheNextLoginGetsANewKey() throws Exception {
        ItDatabase.User user = ItDatabase.user(ItDatabase.tenant("retire-now"), "n@retire.test", "MEMBER");
        String before = Tokens.login(user);
        String kid = SignedJWT.parse(before).getHeader().getKeyID();
        assertEquals(200, Http.get("/api/v1/me", before).statusCode());

        retire(kid);
        assertEquals(401, Http.get("/api/v1/me", before).statusCode(), "refused on the next request");
        String after = Tokens.login(user);
        assertNotEquals(kid, SignedJWT.parse(after).getHeader().getKeyID(), "never signed by a retired key");
        assertEquals(200, Http.get("/api/v1/me", after).statusCode());
    }
}
