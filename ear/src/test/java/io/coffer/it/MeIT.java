package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin vertical slice: {@code GET/PATCH /api/v1/me} through web → EJB → JPA → PostgreSQL, isolated by tenant.
 * FD-1 (tenant only from the verified token), FD-7 (problem answers), FD-13 (token version).
 */
class MeIT {
    static ItDatabase.User alice;
    static ItDatabase.User bob;

    @BeforeAll
    static void seed() {
        UUID acme = ItDatabase.tenant("acme");
        UUID globex = ItDatabase.tenant("globex");
        alice = ItDatabase.user(acme, "alice@acme.test", "OWNER");
        bob = ItDatabase.user(globex, "bob@globex.test", "MEMBER");
    }

    @Test
    void fd1_aVerifiedTokenGetsItsOwnProfile() {
        HttpResponse<String> response = Http.get("/api/v1/me", Tokens.accessToken(alice));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject me = Http.json(response);
        assertEquals(alice.id().toString(), me.getString("userId"));
        assertEquals(alice.tenant().toString(), me.getString("tenantId"));
        assertEquals(alice.tenantSlug(), me.getString("tenantSlug"));
        assertEquals("alice@acme.test", me.getString("email"));
        assertEquals("OWNER", me.getString("role"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void fd1_aTokenNamingAnotherTenantThanItsUserSeesNothingOfThatUser() {
        // Bob's user id presented with Alice's tenant: the lookup runs in Alice's tenant and finds no such user.
        ItDatabase.User forged = new ItDatabase.User(bob.id(), alice.tenant(), alice.tenantSlug(), bob.email(),
                "OWNER", 0);
        assertProblem(Http.get("/api/v1/me", Tokens.accessToken(forged)), 401, "unauthenticated");
    }

    @Test
    void fd1_aTokenWithoutATenantFailsClosed() {
        String token = Tokens.sign(Tokens.TEST_KEY, alice, c -> c.claim("tenant", null));
        assertProblem(Http.get("/api/v1/me", token), 401, "unauthenticated");
    }

    @Test
    void fd7_noTokenIsAnUnauthenticatedProblem() {
        HttpResponse<String> response = Http.get("/api/v1/me");
        assertProblem(response, 401, "unauthenticated");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void fd7_everyTokenRefusedBeforeApplicationCodeRunsIsTheSameProblem() throws Exception {
        Instant now = Instant.now();
        String genuine = Tokens.accessToken(alice);
        String publicKeyPem = Files.readString(Path.of(System.getProperty("it.keys.dir",
                "src/test/resources/it-keys"), "test-signing-key.pub.pem"));
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                JWTClaimsSet.parse(SignedJWT.parse(genuine).getJWTClaimsSet().toJSONObject()));
        hs256.sign(new MACSigner(padTo32(publicKeyPem.getBytes(StandardCharsets.US_ASCII))));
        String unsigned = new PlainJWT(SignedJWT.parse(genuine).getJWTClaimsSet()).serialize();
        String[] parts = genuine.split("\\.");
        List<String> refused = List.of(
                "not-a-jwt",
                unsigned,                                     // alg: none
                hs256.serialize(),                            // HS256 keyed with the server's public key
                parts[0] + "." + parts[1] + ".",              // signature stripped
                Tokens.sign(Tokens.FOREIGN_KEY, alice, c -> { }),
                Tokens.sign(Tokens.TEST_KEY, alice, c -> c.expirationTime(Date.from(now.minusSeconds(120)))
                        .issueTime(Date.from(now.minusSeconds(1000)))),
                Tokens.sign(Tokens.TEST_KEY, alice, c -> c.issuer("someone-else")),
                Tokens.sign(Tokens.TEST_KEY, alice, c -> c.audience("another-api")));
        String firstBody = null;
        for (String token : refused) {
            HttpResponse<String> response = Http.get("/api/v1/me", token);
            assertProblem(response, 401, "unauthenticated");
            if (firstBody == null) {
                firstBody = withoutInstance(response.body());
            }
            assertEquals(firstBody, withoutInstance(response.body()), "one body for every refusal");
        }
    }

    @Test
    void fd13_aTokenIssuedBeforeTheUsersVersionChangedIsRefusedOnTheNextRequest() {
        UUID tenant = ItDatabase.tenant("versioned");
        ItDatabase.User carol = ItDatabase.user(tenant, "carol@v.test", "ADMIN");
        String token = Tokens.accessToken(carol);
        assertEquals(200, Http.get("/api/v1/me", token).statusCode());
        ItDatabase.bumpTokenVersion(carol);
        assertProblem(Http.get("/api/v1/me", token), 401, "unauthenticated");
    }

    @Test
    void aUserChangesTheirDisplayNameAndOnlyTheirOwn() {
        HttpResponse<String> changed = Http.patchJson("/api/v1/me", Tokens.accessToken(bob),
                "{\"displayName\": \"  Bob of Globex  \"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("Bob of Globex", Http.json(changed).getString("displayName"));
        assertEquals("Bob of Globex", Http.json(Http.get("/api/v1/me", Tokens.accessToken(bob)))
                .getString("displayName"));
        assertEquals("User alice@acme.test", Http.json(Http.get("/api/v1/me", Tokens.accessToken(alice)))
                .getString("displayName"));
    }

    @Test
    void fd7_badBodiesAreValidationProblemsAndChangeNothing() {
        String token = Tokens.accessToken(alice);
        assertProblem(Http.patchJson("/api/v1/me", token, "{\"displayName\": "), 400, "validation");
        assertProblem(Http.patchJson("/api/v1/me", token, "{\"displayName\": \"x\", \"tenantId\": \"evil\"}"),
                400, "validation");
        JsonObject empty = assertProblem(Http.patchJson("/api/v1/me", token, "{\"displayName\": \"   \"}"),
                400, "validation");
        assertEquals("displayName", empty.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertProblem(Http.patchJson("/api/v1/me", token, "{\"displayName\": \"" + "x".repeat(101) + "\"}"),
                400, "validation");
        assertEquals("User alice@acme.test", Http.json(Http.get("/api/v1/me", token)).getString("displayName"));
    }

    @Test
    void fd7_authenticationIsDecidedBeforeTheBodyIsValidated() {
        assertProblem(Http.patchJson("/api/v1/me", null, "{not json"), 401, "unauthenticated");
    }

    @Test
    void fd13_aRevokedTokenIsRefusedBeforeItsBodyIsRead() {
        ItDatabase.User dave = ItDatabase.user(ItDatabase.tenant("revoked"), "dave@r.test", "MEMBER");
        String token = Tokens.accessToken(dave);
        ItDatabase.bumpTokenVersion(dave);
        assertProblem(Http.patchJson("/api/v1/me", token, "{not json"), 401, "unauthenticated");
        assertProblem(Http.patchJson("/api/v1/me", token, "{\"displayName\": \"\"}"), 401, "unauthenticated");
    }

    private static byte[] padTo32(byte[] secret) {
        return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
    }
}
