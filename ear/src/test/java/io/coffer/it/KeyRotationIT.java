package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jose.jwk.JWKSet;
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
}
