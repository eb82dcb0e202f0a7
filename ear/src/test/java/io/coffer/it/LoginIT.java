package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login and access tokens against the running server (docs/features/identity.md, ID-1, ID-2, ID-3, ID-6, ID-22). */
class LoginIT {
    static UUID acme;
    static ItDatabase.User alice;
    static String acmeSlug;

    @BeforeAll
    static void seed() {
        acme = ItDatabase.tenant("login");
        // unique per run: throttling counts failures per email, and the test server's database outlives a run
        alice = ItDatabase.user(acme, "alice-" + UUID.randomUUID().toString().substring(0, 8) + "@login.test",
                "ADMIN");
        acmeSlug = alice.tenantSlug();
    }

    private static HttpResponse<String> login(String tenant, String email, String password) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + tenant + "\", \"email\": \"" + email
                + "\", \"password\": \"" + password + "\"}");
    }

    @Test
    void id3_aCorrectLoginGetsAShortLivedRs256TokenWithKidTenantVersionAndRole() throws Exception {
        HttpResponse<String> response = login(acmeSlug, alice.email().toUpperCase(), ItDatabase.PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = Http.json(response);
        assertEquals("Bearer", body.getString("tokenType"));
        assertTrue(body.getInt("expiresIn") <= 900);
        SignedJWT jwt = SignedJWT.parse(body.getString("accessToken"));
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertNotNull(jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("coffer", claims.getIssuer());
        assertEquals(List.of("coffer-api"), claims.getAudience());
        assertEquals(alice.id().toString(), claims.getSubject());
        assertEquals(acme.toString(), claims.getStringClaim("tenant"));
        assertEquals(0L, claims.getLongClaim("ver"));
        assertEquals(List.of("ADMIN"), claims.getStringListClaim("groups"));
        long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertTrue(lifetime > 0 && lifetime <= 900, "lifetime " + lifetime);

        HttpResponse<String> me = Http.get("/api/v1/me", body.getString("accessToken"));
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(alice.id().toString(), Http.json(me).getString("userId"));
    }

    @Test
    void id6_theJwksPublishesTheSigningKeyAndNoPrivatePart() throws Exception {
        String token = Tokens.login(alice);
        HttpResponse<String> response = Http.get("/api/v1/auth/jwks");
        assertEquals(200, response.statusCode());
        JWKSet jwks = JWKSet.parse(response.body());
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        JWK key = jwks.getKeyByKeyId(kid);
        assertNotNull(key, "the token's key is published");
        assertFalse(key.isPrivate());
        for (String privatePart : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
            assertFalse(response.body().contains(privatePart), "no private part " + privatePart);
        }
    }

    @Test
    void id6_theStoredPrivateKeyIsEncrypted() throws Exception {
        Tokens.login(alice);
        try (Connection c = ItDatabase.owner().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select private_key_enc from signing_keys where private_key_enc is not null")) {
            assertTrue(r.next(), "a signing key is stored");
            String stored = new String(r.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(stored.contains("\"d\"") || stored.contains("\"kty\""), "no clear-text JWK in the database");
        }
    }

    @Test
    void id1_everyWrongPartGetsTheSameAnswer() {
        List<HttpResponse<String>> answers = List.of(
                login(acmeSlug, alice.email(), "a wrong password, long enough"),
                login(acmeSlug, "nobody@login.test", ItDatabase.PASSWORD),
                login(unknownTenant(), alice.email(), ItDatabase.PASSWORD),
                login(acmeSlug, "", ""));
        String first = withoutInstance(answers.get(0).body());
        for (HttpResponse<String> answer : answers) {
            assertProblem(answer, 401, "unauthenticated");
            assertEquals(first, withoutInstance(answer.body()), "one body for every wrong part");
        }
    }

    @Test
    void id1_aWrongEmailOrTenantTakesAboutAsLongAsAWrongPassword() {
        List<Supplier<HttpResponse<String>>> kinds = List.of(
                () -> login(acmeSlug, alice.email(), "a wrong password, long enough"),
                () -> login(acmeSlug, "nobody@login.test", "a wrong password, long enough"),
                () -> login(unknownTenant(), alice.email(), "a wrong password, long enough"));
        kinds.forEach(kind -> kind.get()); // warm up: the first hashes of a fresh JVM are slow
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < 5; round++) { // interleaved, so that load on the machine hits all alike
            for (int k = 0; k < kinds.size(); k++) {
                long start = System.nanoTime();
                kinds.get(k).get();
                times.get(k).add((System.nanoTime() - start) / 1_000_000);
            }
        }
        long wrongPassword = median(times.get(0));
        long unknownEmail = median(times.get(1));
        long unknownTenant = median(times.get(2));
        // The password hash dominates (~0.2 s here); skipping it for an unknown user would answer in a few ms.
        assertTrue(unknownEmail * 2 > wrongPassword && wrongPassword * 2 > unknownEmail,
                unknownEmail + " ms vs " + wrongPassword + " ms");
        assertTrue(unknownTenant * 2 > wrongPassword && wrongPassword * 2 > unknownTenant,
                unknownTenant + " ms vs " + wrongPassword + " ms");
    }

    @Test
    void id2_anUnverifiedEmailIsTold403OnlyAfterTheRightPassword() {
        ItDatabase.User bob = ItDatabase.unverifiedUser(acme, "bob-" + UUID.randomUUID().toString().substring(0, 8)
                + "@login.test", "MEMBER");
        JsonObject refused = assertProblem(login(acmeSlug, bob.email(), ItDatabase.PASSWORD), 403, "forbidden");
        assertTrue(refused.getString("detail").contains("verified"), refused.getString("detail"));
        assertProblem(login(acmeSlug, bob.email(), "a wrong password, long enough"), 401, "unauthenticated");
    }

    @Test
    void id22_theBootstrapOwnerCanLogIn() {
        HttpResponse<String> response = login(ItDatabase.BOOTSTRAP_TENANT, ItDatabase.BOOTSTRAP_EMAIL,
                ItDatabase.PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        String token = Http.json(response).getString("accessToken");
        assertEquals("OWNER", Http.json(Http.get("/api/v1/me", token)).getString("role"));
    }

    @Test
    void loginBodiesAreValidated() {
        assertProblem(Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"x\", \"isAdmin\": true}"), 400,
                "validation");
        assertProblem(Http.postJson("/api/v1/auth/login", null, "not json"), 400, "validation");
    }

    private static String unknownTenant() {
        return "no-such-tenant-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
