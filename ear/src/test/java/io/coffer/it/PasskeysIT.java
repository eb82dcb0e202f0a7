package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Passkeys against the running server (docs/features/passkeys.md, PK-1..PK-11), driven by {@link SoftwareAuthenticator}:
 * registration from a session, usernameless sign-in, the second step after a password, sign counters, deletion, and
 * the tenant wall. The relying party is the host of {@code COFFER_PUBLIC_URL} (it.xml: http://localhost:port).
 */
class PasskeysIT {

    record Tenant(UUID id, String slug, ItDatabase.User owner) {
    }

    static Tenant tenant(String tag) {
        UUID id = ItDatabase.tenant("pk-" + tag);
        ItDatabase.User owner = ItDatabase.user(id, "owner-" + tag + "@" + id.toString().substring(0, 8) + ".pk.test",
                "OWNER");
        return new Tenant(id, owner.tenantSlug(), owner);
    }

    static ItDatabase.User user(Tenant t, String tag) {
        return ItDatabase.user(t.id(), tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@pk.test", "ADMIN");
    }

    static JsonObject startRegistration(String access) {
        HttpResponse<String> r = Http.postJson("/api/v1/me/webauthn/registrations", access, "");
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static HttpResponse<String> finish(String access, String name, String credential) {
        return Http.postJson("/api/v1/me/webauthn/registrations/finish", access,
                "{\"name\": \"" + name + "\", \"credential\": " + credential + "}");
    }

    /** A registered passkey of {@code access}'s user. */
    static SoftwareAuthenticator registered(String access) {
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        HttpResponse<String> r = finish(access, "Laptop", key.register(startRegistration(access)));
        assertEquals(201, r.statusCode(), r.body());
        return key;
    }

    static JsonObject options(String tenantSlug, String email) {
        HttpResponse<String> r = Http.postJson("/api/v1/auth/webauthn/options", null, "{\"tenant\": \"" + tenantSlug
                + "\"" + (email == null ? "" : ", \"email\": \"" + email + "\"") + "}");
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static String challenge(String tenantSlug) {
        return options(tenantSlug, null).getString("challenge");
    }

    static HttpResponse<String> signIn(String tenantSlug, String assertion) {
        return Http.postJson("/api/v1/auth/webauthn", null, "{\"tenant\": \"" + tenantSlug + "\", \"assertion\": "
                + assertion + "}");
    }

    static long stored(Tenant t, String sql, Object... parameters) {
        return ItDatabase.number(t.id(), sql, parameters);
    }

    static long passkeysOf(Tenant t, ItDatabase.User u) {
        return stored(t, "select count(*) from webauthn_credentials where user_id = ?", u.id());
    }

    @Test
    void pk1_registrationNeedsASessionAndAChallengeIssuedToTheSameUser() {
        Tenant t = tenant("reg");
        ItDatabase.User alice = user(t, "alice");
        ItDatabase.User bob = user(t, "bob");
        String aliceAccess = Tokens.login(alice);
        String bobAccess = Tokens.login(bob);

        String apiKey = ApiKeyScopesIT.keyToken(aliceAccess, "\"admin\"");
        assertProblem(Http.postJson("/api/v1/me/webauthn/registrations", apiKey, ""), 403, "forbidden");

        // Bob's challenge answered in Alice's session: refused, nothing stored
        JsonObject bobs = startRegistration(bobAccess);
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        assertProblem(finish(aliceAccess, "x", key.register(bobs)), 400, "validation");
        assertEquals(0, passkeysOf(t, alice));
        assertEquals(0, passkeysOf(t, bob));

        // an invented challenge
        JsonObject own = startRegistration(aliceAccess);
        String invented = own.toString().replace(own.getString("challenge"),
                SoftwareAuthenticator.b64(new byte[32]));
        assertProblem(finish(aliceAccess, "x", key.register(jakarta.json.Json.createReader(new java.io.StringReader(invented)).readObject())), 400, "validation");

        // the own challenge works once
        String response = key.register(own);
        HttpResponse<String> created = finish(aliceAccess, "Laptop", response);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject passkey = Http.json(created);
        assertEquals("Laptop", passkey.getString("name"));
        assertNotNull(passkey.getString("createdAt"));
        assertTrue(passkey.isNull("lastUsedAt"));
        assertProblem(finish(aliceAccess, "again", new SoftwareAuthenticator().register(own)), 400, "validation");
        assertEquals(1, passkeysOf(t, alice), "a used challenge stores nothing");

        // the stored row is the public key and counter only: no secret, the credential id as the browser sent it
        assertEquals(List.of(key.id()), ItDatabase.texts(t.id(),
                "select credential_id from webauthn_credentials where user_id = ?", alice.id()));
    }

    @Test
    void pk2_aResponseMadeForAnotherOriginOrRpIdIsRefused() {
        Tenant t = tenant("origin");
        ItDatabase.User u = user(t, "u");
        String access = Tokens.login(u);
        assertProblem(finish(access, "x", new SoftwareAuthenticator().register(startRegistration(access),
                "https://coffer.evil.example", SoftwareAuthenticator.RP_ID)), 400, "validation");
        assertProblem(finish(access, "x", new SoftwareAuthenticator().register(startRegistration(access),
                SoftwareAuthenticator.ORIGIN, "evil.example")), 400, "validation");
        assertEquals(0, passkeysOf(t, u));

        // the options name the rp id of COFFER_PUBLIC_URL and the user by the 16 bytes of their id, not the email
        JsonObject options = startRegistration(access);
        assertEquals(SoftwareAuthenticator.RP_ID, options.getJsonObject("rp").getString("id"));
        byte[] handle = Base64.getUrlDecoder().decode(options.getJsonObject("user").getString("id"));
        assertEquals(16, handle.length);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(handle);
        assertEquals(u.id(), new UUID(bytes.getLong(0), bytes.getLong(8)));
        assertEquals("none", options.getString("attestation"));
        assertTrue(options.getJsonArray("pubKeyCredParams").stream()
                .anyMatch(p -> p.asJsonObject().getInt("alg") == -7), "ES256 offered");
    }

    @Test
    void pk3_theSameCredentialIsRegisteredOnce() {
        Tenant t = tenant("dup");
        ItDatabase.User u = user(t, "u");
        String access = Tokens.login(u);
        SoftwareAuthenticator key = registered(access);
        JsonObject again = startRegistration(access);
        assertEquals(key.id(), again.getJsonArray("excludeCredentials").getJsonObject(0).getString("id"),
                "the options exclude the registered passkey");
        assertProblem(finish(access, "twice", key.register(again)), 409, "conflict");
        assertEquals(1, passkeysOf(t, u));
    }

    @Test
    void pk4_aSignInNeedsAFreshChallengeOfTheTenantAndAValidSignature() {
        Tenant t = tenant("signin");
        Tenant other = tenant("signin-other");
        ItDatabase.User u = user(t, "u");
        SoftwareAuthenticator key = registered(Tokens.login(u));

        // usernameless: the credential names the user; the token works
        String assertion = key.assertion(challenge(t.slug()));
        HttpResponse<String> ok = signIn(t.slug(), assertion);
        assertEquals(200, ok.statusCode(), ok.body());
        HttpResponse<String> me = Http.get("/api/v1/me", Http.json(ok).getString("accessToken"));
        assertEquals(u.email(), Http.json(me).getString("email"));
        assertTrue(ok.headers().firstValue("Set-Cookie").orElse("").startsWith("coffer_refresh="), "as a login");

        assertProblem(signIn(t.slug(), assertion), 401, "unauthenticated"); // the challenge is spent
        assertProblem(signIn(t.slug(), key.assertion(SoftwareAuthenticator.b64(new byte[32]))), 401,
                "unauthenticated"); // a challenge nobody issued
        assertProblem(signIn(t.slug(), key.assertion(challenge(other.slug()))), 401, "unauthenticated");
        assertProblem(signIn(other.slug(), key.assertion(challenge(other.slug()))), 401, "unauthenticated");
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()), "https://coffer.evil.example",
                SoftwareAuthenticator.RP_ID, true, ++key.counter, true)), 401, "unauthenticated");
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                "evil.example", true, ++key.counter, true)), 401, "unauthenticated");
        // another key's signature over the same credential id
        SoftwareAuthenticator forger = new SoftwareAuthenticator();
        System.arraycopy(key.credentialId, 0, forger.credentialId, 0, key.credentialId.length);
        forger.userHandle = key.userHandle;
        assertProblem(signIn(t.slug(), forger.assertion(challenge(t.slug()))), 401, "unauthenticated");
        assertProblem(signIn(t.slug(), "{\"id\": \"x\"}"), 401, "unauthenticated");
    }

    @Test
    void pk5_aCounterThatDoesNotGrowIsRefusedAndNotStored() {
        Tenant t = tenant("counter");
        ItDatabase.User u = user(t, "u");
        SoftwareAuthenticator key = registered(Tokens.login(u));
        String sql = "select sign_count from webauthn_credentials where user_id = ?";

        assertEquals(200, signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                SoftwareAuthenticator.RP_ID, true, 5, true)).statusCode());
        assertEquals(5, stored(t, sql, u.id()));
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                SoftwareAuthenticator.RP_ID, true, 5, true)), 401, "unauthenticated");
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                SoftwareAuthenticator.RP_ID, true, 4, true)), 401, "unauthenticated");
        assertEquals(5, stored(t, sql, u.id()), "a refused counter is not stored");
        assertEquals(200, signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                SoftwareAuthenticator.RP_ID, true, 6, true)).statusCode());
        assertEquals(6, stored(t, sql, u.id()));
        assertEquals(1, stored(t, "select count(*) from webauthn_credentials where user_id = ? and last_used_at"
                + " is not null", u.id()));
    }

    @Test
    void pk6_usernamelessNeedsUserVerificationTheMethodAndTheRightUserHandle() {
        Tenant t = tenant("uv");
        ItDatabase.User u = user(t, "u");
        ItDatabase.User v = user(t, "v");
        SoftwareAuthenticator key = registered(Tokens.login(u));

        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                SoftwareAuthenticator.RP_ID, false, ++key.counter, true)), 401, "unauthenticated");
        byte[] own = key.userHandle;
        key.userHandle = Base64.getUrlDecoder().decode(startRegistration(Tokens.login(v)).getJsonObject("user")
                .getString("id"));
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()))), 401, "unauthenticated");
        key.userHandle = own;
        assertEquals(200, signIn(t.slug(), key.assertion(challenge(t.slug()), SoftwareAuthenticator.ORIGIN,
                SoftwareAuthenticator.RP_ID, true, ++key.counter, false)).statusCode(), "without a user handle");

        // a policy without webauthn refuses the passkey alone
        String owner = Tokens.login(t.owner());
        assertEquals(200, SignInPolicyIT.put(owner, "{\"requireMfa\": false, \"allowedLoginMethods\":"
                + " [\"password\"], \"sessionHours\": 168}").statusCode());
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()))), 403, "login-method-not-allowed");

        // the session passed a second factor: under requireMfa it creates an API key
        assertEquals(200, SignInPolicyIT.put(owner, "{\"requireMfa\": true, \"allowedLoginMethods\": [\"password\","
                + " \"webauthn\"], \"sessionHours\": 168}").statusCode());
        String access = Http.json(signIn(t.slug(), key.assertion(challenge(t.slug())))).getString("accessToken");
        HttpResponse<String> created = Http.postJson("/api/v1/api-keys", access,
                "{\"name\": \"k" + UUID.randomUUID() + "\", \"scopes\": [\"read\"]}");
        assertEquals(201, created.statusCode(), created.body());
    }

    @Test
    void pk7_pk8_asTheSecondStepThePasskeyMustBeTheUsersOwn() {
        Tenant t = tenant("mfa");
        ItDatabase.User u = user(t, "u");
        ItDatabase.User v = user(t, "v");
        SoftwareAuthenticator key = registered(Tokens.login(u));
        SoftwareAuthenticator vKey = registered(Tokens.login(v));

        HttpResponse<String> login = Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + t.slug()
                + "\", \"email\": \"" + u.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}");
        JsonObject required = assertProblem(login, 401, "mfa-required");
        assertTrue(required.getJsonArray("methods").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(m -> m.getString().equals("webauthn")), required.toString());
        assertFalse(required.getJsonArray("methods").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(m -> m.getString().equals("totp")), "no TOTP: not offered");
        String mfaToken = required.getString("mfaToken");

        JsonObject options = options(t.slug(), u.email());
        assertEquals(key.id(), options.getJsonArray("allowCredentials").getJsonObject(0).getString("id"));
        assertEquals("preferred", options.getString("userVerification"));

        HttpResponse<String> wrong = Http.postJson("/api/v1/auth/mfa", null, "{\"mfaToken\": \"" + mfaToken
                + "\", \"webauthn\": " + vKey.assertion(options.getString("challenge")) + "}");
        assertProblem(wrong, 400, "validation");
        HttpResponse<String> right = Http.postJson("/api/v1/auth/mfa", null, "{\"mfaToken\": \"" + mfaToken
                + "\", \"webauthn\": " + key.assertion(options(t.slug(), u.email()).getString("challenge")) + "}");
        assertEquals(200, right.statusCode(), "the token was kept by the wrong try: " + right.body());
        JsonObject me = Http.json(Http.get("/api/v1/me", Http.json(right).getString("accessToken")));
        assertEquals(1, me.getJsonObject("mfa").getInt("passkeys"));
        assertFalse(me.getJsonObject("mfa").getBoolean("totp"));
    }

    @Test
    void pk9_pk10_aDeletedPasskeyNoLongerSignsInAndOnlyItsOwnerDeletesIt() {
        Tenant t = tenant("delete");
        Tenant other = tenant("delete-other");
        ItDatabase.User u = user(t, "u");
        ItDatabase.User v = user(t, "v");
        String access = Tokens.login(u);
        SoftwareAuthenticator key = registered(access);
        JsonObject list = Http.json(Http.get("/api/v1/me/webauthn/credentials", access));
        assertEquals(1, list.getJsonArray("items").size());
        String id = list.getJsonArray("items").getJsonObject(0).getString("id");

        assertProblem(Http.send(Http.request("/api/v1/me/webauthn/credentials/" + id)
                .header("Authorization", "Bearer " + Tokens.login(v)).DELETE()), 404, "not-found");
        assertProblem(Http.send(Http.request("/api/v1/me/webauthn/credentials/" + id)
                .header("Authorization", "Bearer " + Tokens.login(other.owner())).DELETE()), 404, "not-found");
        assertEquals(0, Http.json(Http.get("/api/v1/me/webauthn/credentials", Tokens.login(other.owner())))
                .getJsonArray("items").size(), "another tenant sees none of them");
        assertEquals(1, passkeysOf(t, u));

        // the session that registered the passkey deletes it (a new password login would now need the passkey)
        assertEquals(204, Http.send(Http.request("/api/v1/me/webauthn/credentials/" + id)
                .header("Authorization", "Bearer " + access).DELETE()).statusCode());
        assertEquals(0, passkeysOf(t, u));
        assertProblem(signIn(t.slug(), key.assertion(challenge(t.slug()))), 401, "unauthenticated");
        Tokens.login(u); // no second factor left: the password alone signs in again
    }

    @Test
    void pk11_theOptionsTellNothingAboutAnEmailWithoutPasskeys() {
        Tenant t = tenant("enum");
        ItDatabase.User without = user(t, "without");
        JsonObject usernameless = options(t.slug(), null);
        JsonObject unknown = options(t.slug(), "nobody-" + UUID.randomUUID() + "@pk.test");
        JsonObject known = options(t.slug(), without.email());
        JsonObject noTenant = options("no-such-tenant-" + UUID.randomUUID().toString().substring(0, 8), null);
        for (JsonObject o : List.of(unknown, known, noTenant)) {
            assertEquals(usernameless.keySet(), o.keySet());
            assertEquals(0, o.getJsonArray("allowCredentials").size());
            assertEquals("required", o.getString("userVerification"));
            assertEquals(usernameless.getString("rpId"), o.getString("rpId"));
            assertEquals(43, o.getString("challenge").length(), "32 random bytes");
        }
    }

    @Test
    void pk12_oneAddressAsksForAtMost300OptionsInTheWindow() {
        Tenant t = tenant("flood");
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String other = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        String body = "{\"tenant\": \"" + t.slug() + "\"}";
        java.util.function.Function<String, HttpResponse<String>> ask = from -> Http.send(
                Http.request("/api/v1/auth/webauthn/options").header("X-Forwarded-For", from)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = ask.apply(address);
            assertEquals(200, r.statusCode(), "request " + (i + 1) + ": " + r.body());
        }
        HttpResponse<String> refused = ask.apply(address);
        assertProblem(refused, 429, "rate-limited");
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertEquals(200, ask.apply(other).statusCode(), "another address is not affected");
    }
}
