package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect single sign-on (docs/features/sso.md, SSO-1..SSO-14) against a real provider: mock-oauth2-server,
 * started here in the test JVM on loopback (the IT server sets COFFER_SSO_ALLOW_PRIVATE). The browser is played by
 * hand: the start's 302 and binding cookie, the provider's authorization redirect, the callback with the cookie, and
 * the SPA's refresh with the refresh cookie. Each test has a tenant (and a provider issuer) of its own.
 */
class SsoIT {

    static MockOAuth2Server provider;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.shutdown();
        }
    }

    record Tenant(UUID id, String slug, String domain, String issuerId, ItDatabase.User owner, ItDatabase.User admin,
                  ItDatabase.User member) {
        String issuer() {
            return provider.issuerUrl(issuerId).toString();
        }

        String clientId() {
            return "coffer-" + issuerId;
        }
    }

    static Tenant tenant(String tag) {
        UUID id = ItDatabase.tenant("sso-" + tag);
        String domain = tag + "-" + id.toString().substring(0, 6) + ".test";
        ItDatabase.User owner = ItDatabase.user(id, "owner@" + domain, "OWNER");
        return new Tenant(id, owner.tenantSlug(), domain, "idp-" + id.toString().substring(0, 8), owner,
                ItDatabase.user(id, "admin@" + domain, "ADMIN"), ItDatabase.user(id, "member@" + domain, "MEMBER"));
    }

    static HttpResponse<String> putSso(String token, String json) {
        return Http.send(Http.request("/api/v1/tenant/sso").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String settings(Tenant t, boolean autoProvision) {
        return "{\"enabled\": true, \"issuer\": \"" + t.issuer() + "\", \"clientId\": \"" + t.clientId()
                + "\", \"clientSecret\": \"s3cret-" + t.issuerId() + "\", \"emailDomains\": [\"" + t.domain()
                + "\"], \"autoProvision\": " + autoProvision + ", \"defaultRole\": \"MEMBER\"}";
    }

    static void configure(Tenant t, boolean autoProvision) {
        HttpResponse<String> saved = putSso(Tokens.login(t.owner()), settings(t, autoProvision));
        assertEquals(200, saved.statusCode(), saved.body());
    }

    /** A started sign-in: the provider's authorization URL and the browser's binding cookie. */
    record Started(URI authorization, String binding) {
    }

    static Started start(Tenant t) {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/auth/sso/" + t.slug() + "/start").GET());
        assertEquals(302, r.statusCode(), r.body());
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coffer_sso="))
                .findFirst().orElseThrow(() -> new AssertionError("no binding cookie: " + r.headers().map()));
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Lax"),
                cookie);
        return new Started(location, cookie.substring("coffer_sso=".length(), cookie.indexOf(';')));
    }

    /** The provider answers the authorization request (no login page): the callback URL with code and state. */
    static URI authorize(Started started) {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(started.authorization()).GET());
        assertEquals(302, r.statusCode(), r.body());
        URI callback = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertEquals("/api/v1/auth/sso/callback", callback.getPath(), "the redirect URI under COFFER_PUBLIC_URL");
        return callback;
    }

    /**
     * What the provider puts in the tokens of the next code exchange of {@code t}'s issuer. Enqueued right before the
     * callback that exchanges a code: the provider takes its queue's head only for a matching issuer, so a callback
     * left unused (a sign-in refused before its exchange) would shadow every later one.
     */
    static void nextTokens(Tenant t, String email, boolean verified, List<String> audience) {
        // the provider's ID token names the token request's client as its audience unless a claim says otherwise
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(t.issuerId(), "sub-" + email, "JWT", audience,
                Map.of("email", email, "email_verified", verified, "name", "Name of " + email, "aud", audience),
                3600));
    }

    static HttpResponse<String> callback(URI callback, String binding) {
        String pathAndQuery = callback.getRawPath() + "?" + callback.getRawQuery();
        HttpRequest.Builder request = Http.request(pathAndQuery).GET();
        if (binding != null) {
            request.header("Cookie", "coffer_sso=" + binding);
        }
        return Http.send(request);
    }

    static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A whole sign-in as a browser; the callback's answer. */
    static HttpResponse<String> signIn(Tenant t, String email, boolean verified, List<String> audience) {
        Started started = start(t);
        URI callback = authorize(started);
        nextTokens(t, email, verified, audience);
        return callback(callback, started.binding());
    }

    static HttpResponse<String> signIn(Tenant t, String email) {
        return signIn(t, email, true, List.of(t.clientId()));
    }

    /** The SPA's start-up: the refresh cookie of a signed-in callback for an access token. */
    static String accessTokenOf(HttpResponse<String> signedIn) {
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        HttpResponse<String> refreshed = SessionsIT.refresh(SessionsIT.refreshCookie(signedIn));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        return Http.json(refreshed).getString("accessToken");
    }

    /** The sessions of {@code t}'s MEMBER (the tests' OWNER and ADMIN have password sessions of their own). */
    static long sessions(Tenant t) {
        return ItDatabase.number(t.id(), "select count(*) from login_sessions where user_id = ?", t.member().id());
    }

    @Test
    void sso1_sso2_onlyTheOwnerReadsAndReplacesTheSettingsAndTheSecretIsWriteOnlyAndSealed() {
        Tenant t = tenant("owner");
        String body = settings(t, false);
        assertProblem(Http.get("/api/v1/tenant/sso", Tokens.login(t.admin())), 403, "forbidden");
        assertProblem(putSso(Tokens.login(t.admin()), body), 403, "forbidden");
        assertProblem(putSso(Tokens.login(t.member()), body), 403, "forbidden");
        String ownerToken = Tokens.login(t.owner());
        assertProblem(putSso(ApiKeyScopesIT.keyToken(ownerToken, "\"admin\""), body), 403, "forbidden");

        JsonObject none = Http.json(Http.get("/api/v1/tenant/sso", ownerToken));
        assertFalse(none.getBoolean("enabled"), none.toString());
        assertFalse(none.getBoolean("clientSecretSet"), none.toString());

        HttpResponse<String> saved = putSso(ownerToken, body);
        assertEquals(200, saved.statusCode(), saved.body());
        assertFalse(saved.body().contains("s3cret"), "SSO-2: no answer carries the secret: " + saved.body());
        JsonObject read = Http.json(Http.get("/api/v1/tenant/sso", ownerToken));
        assertFalse(read.toString().contains("s3cret"), read.toString());
        assertTrue(read.getBoolean("clientSecretSet"));
        assertEquals(t.issuer(), read.getString("issuer"));
        assertEquals(List.of(t.domain()), MfaIT.strings(read.getJsonArray("emailDomains")));
        List<byte[]> sealed = ItDatabase.bytes(t.id(), "select client_secret_sealed from tenant_sso");
        assertEquals(1, sealed.size());
        assertFalse(new String(sealed.get(0), StandardCharsets.ISO_8859_1).contains("s3cret"),
                "SSO-2: the secret is sealed at rest");
        // a PUT without the secret keeps it: the sign-in still redeems codes with it
        HttpResponse<String> kept = putSso(ownerToken, body.replace("\"clientSecret\": \"s3cret-" + t.issuerId()
                + "\", ", ""));
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(302, signIn(t, t.member().email()).statusCode());

        Tenant other = tenant("other-owner");
        assertFalse(Http.json(Http.get("/api/v1/tenant/sso", Tokens.login(other.owner()))).getBoolean("enabled"),
                "another tenant's settings are its own");
    }

    @Test
    void sso3_sso13_settingsAreCheckedBeforeTheyAreStored() {
        Tenant t = tenant("checks");
        String owner = Tokens.login(t.owner());
        String good = settings(t, false);
        // SSO-13: plain http only for a loopback provider (under COFFER_SSO_ALLOW_PRIVATE)
        JsonObject http = assertProblem(putSso(owner, good.replace(t.issuer(), "http://idp.example.com/realm")), 400,
                "validation");
        assertTrue(http.toString().contains("issuer") && http.toString().contains("https"), http.toString());
        // SSO-3: a provider that names another issuer than the one set (its discovery answers without the slash)
        assertProblem(putSso(owner, good.replace(t.issuer(), t.issuer() + "/")), 400, "validation");
        // a provider that does not answer
        assertProblem(putSso(owner, good.replace(t.issuer(), "http://127.0.0.1:9/none")), 400, "validation");
        assertProblem(putSso(owner, good.replace("\"MEMBER\"", "\"OWNER\"")), 400, "validation");
        assertProblem(putSso(owner, good.replace("[\"" + t.domain() + "\"]", "[]")), 400, "validation");
        assertProblem(putSso(owner, good.replace("[\"" + t.domain() + "\"]", "[\"not a domain\"]")), 400,
                "validation");
        assertProblem(putSso(owner, good.replace("\"clientSecret\": \"s3cret-" + t.issuerId() + "\", ", "")), 400,
                "validation");
        assertFalse(Http.json(Http.get("/api/v1/tenant/sso", owner)).getBoolean("enabled"),
                "refused PUTs stored nothing");
        assertProblem(Http.send(Http.request("/api/v1/auth/sso/" + t.slug() + "/start").GET()), 404, "not-found");
    }

    @Test
    void sso10_sso14_aVerifiedMemberSignsInToASessionThatCountsAsASecondFactor() {
        Tenant t = tenant("member");
        configure(t, false);
        HttpResponse<String> signedIn = signIn(t, "Member@" + t.domain().toUpperCase(java.util.Locale.ROOT));
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        assertTrue(signedIn.headers().firstValue("Location").orElseThrow().endsWith("/"), "back to the SPA");
        String access = accessTokenOf(signedIn);
        JsonObject me = Http.json(Http.get("/api/v1/me", access));
        assertEquals(t.member().email(), me.getString("email"), "SSO-9: matched case-insensitively: " + me);
        assertEquals(1, Http.json(Http.get("/api/v1/me/sessions", access)).getJsonArray("items").size(),
                "SSO-10: a session like a login's");

        // SSO-14: with requireMfa, the SSO session is not sent to enrol; a password session of the same member is
        String audit = Http.get("/api/v1/audit?action=auth.sso.login", Tokens.login(t.owner())).body();
        assertTrue(audit.contains("\"objectId\":\"" + t.member().id() + "\""), "SSO-10: audited: " + audit);

        HttpResponse<String> policy = SignInPolicyIT.put(Tokens.login(t.admin()), SignInPolicyIT.policy(true, 24));
        assertEquals(200, policy.statusCode(), policy.body());
        assertEquals(200, Http.get("/api/v1/datarooms", access).statusCode());
        SignInPolicyIT.assertEnrolmentRequired(Http.get("/api/v1/datarooms",
                Http.json(SessionsIT.login(t.member())).getString("accessToken")));
    }

    @Test
    void sso4_sso12_aForgedOrReplayedStateIsRefusedAndStartsNoSession() {
        Tenant t = tenant("state");
        configure(t, false);
        Started started = start(t);
        URI callback = authorize(started);
        String code = query(callback, "code");
        String forged = "/api/v1/auth/sso/callback?code=" + code + "&state=forged" + UUID.randomUUID();
        JsonObject refused = assertProblem(Http.send(Http.request(forged).header("Cookie", "coffer_sso="
                + started.binding()).GET()), 401, "sso-failed");
        assertFalse(refused.toString().contains(code), "SSO-12: the answer never echoes the code");
        assertEquals(0, sessions(t));

        nextTokens(t, t.member().email(), true, List.of(t.clientId()));
        assertEquals(302, callback(callback, started.binding()).statusCode(), "the real answer signs in");
        HttpResponse<String> replayed = callback(callback, started.binding());
        JsonObject again = assertProblem(replayed, 401, "sso-failed");
        assertFalse(again.toString().contains(query(callback, "state")), again.toString());
        assertEquals(1, sessions(t), "SSO-4: the replay started no second session");

        // a person's browser is sent to the SPA's login page with the sentence
        HttpResponse<String> browser = Http.send(Http.request(callback.getRawPath() + "?" + callback.getRawQuery())
                .header("Cookie", "coffer_sso=" + started.binding()).header("Accept", "text/html,*/*").GET());
        assertEquals(302, browser.statusCode(), browser.body());
        assertTrue(browser.headers().firstValue("Location").orElseThrow().contains("/login?sso=failed&detail="),
                browser.headers().map().toString());
        assertTrue(browser.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("coffer_refresh=")));
    }

    @Test
    void sso5_aCallbackWithoutTheStartingBrowsersCookieIsRefused() {
        Tenant t = tenant("binding");
        configure(t, false);
        Started victim = start(t);
        URI callback = authorize(victim);
        assertProblem(callback(callback, null), 401, "sso-failed");
        assertProblem(callback(callback, start(t).binding()), 401, "sso-failed"); // another browser's cookie
        assertProblem(callback(callback, victim.binding()), 401, "sso-failed"); // the state was spent
        assertEquals(0, sessions(t));
    }

    @Test
    void sso6_aCodeOfAnotherSignInIsRefusedByItsPkceVerifier() {
        Tenant t = tenant("pkce");
        configure(t, false);
        Started first = start(t);
        URI firstCallback = authorize(first);
        Started second = start(t);
        String mixed = "/api/v1/auth/sso/callback?code=" + query(firstCallback, "code") + "&state="
                + query(authorize(second), "state"); // refused before any tokens are made: none enqueued
        JsonObject refused = assertProblem(Http.send(Http.request(mixed).header("Cookie", "coffer_sso="
                + second.binding()).GET()), 401, "sso-failed");
        assertTrue(refused.getString("detail").contains("code"), refused.toString());
        assertEquals(0, sessions(t));
    }

    @Test
    void sso7_anIdTokenForAnotherAudienceIsRefused() {
        Tenant t = tenant("audience");
        configure(t, false);
        JsonObject refused = assertProblem(signIn(t, t.member().email(), true, List.of("another-client")), 401,
                "sso-failed");
        assertTrue(refused.getString("detail").contains("audience"), refused.toString());
        assertEquals(0, sessions(t));
    }

    @Test
    void sso8_anUnverifiedEmailOrOneOfAnotherDomainIsRefused() {
        Tenant t = tenant("email");
        configure(t, true);
        assertProblem(signIn(t, t.member().email(), false, List.of(t.clientId())), 401, "sso-failed");
        assertProblem(signIn(t, "someone@elsewhere-" + t.domain()), 401, "sso-failed");
        assertEquals(0, sessions(t));
        assertEquals(0, ItDatabase.number(t.id(), "select count(*) from users where email like '%elsewhere%'"),
                "nobody provisioned");
    }

    @Test
    void sso9_unknownAddressesAreProvisionedOnlyWhenAllowedAndRemovedMembersStayOut() {
        Tenant t = tenant("provision");
        configure(t, false);
        String newcomer = "newcomer@" + t.domain();
        assertProblem(signIn(t, newcomer), 401, "sso-failed");
        assertEquals(0, ItDatabase.number(t.id(), "select count(*) from users where lower(email) = ?", newcomer));

        Tenant other = tenant("provision-other");
        ItDatabase.User twin = ItDatabase.user(other.id(), newcomer, "ADMIN"); // the same address, another tenant

        configure(t, true);
        String access = accessTokenOf(signIn(t, newcomer));
        JsonObject me = Http.json(Http.get("/api/v1/me", access));
        assertEquals(newcomer, me.getString("email"));
        assertEquals("MEMBER", me.getString("role"), me.toString());
        assertEquals(1, ItDatabase.number(t.id(), "select count(*) from users where email = ? and password_hash is null"
                + " and email_verified_at is not null", newcomer),
                "a member without a password, the address verified by the provider");
        assertEquals(200, SessionsIT.login(twin).statusCode(), "the other tenant's user is untouched");

        // a removed member is not brought back by signing in
        String removed = me.getString("userId");
        HttpResponse<String> removal = Http.send(Http.request("/api/v1/members/" + removed)
                .header("Authorization", "Bearer " + Tokens.login(t.owner())).DELETE());
        assertEquals(204, removal.statusCode(), removal.body());
        JsonObject refused = assertProblem(signIn(t, newcomer), 401, "sso-failed");
        assertTrue(refused.getString("detail").contains("removed"), refused.toString());
    }

    @Test
    void sso11_thePolicysMethodsHoldAndOwnersKeepTheirPasswords() {
        Tenant t = tenant("policy");
        String admin = Tokens.login(t.admin());
        assertProblem(SignInPolicyIT.put(admin, "{\"requireMfa\": false, \"allowedLoginMethods\": [\"oidc\"],"
                + " \"sessionHours\": 24}"), 409, "conflict"); // no SSO yet: nobody could sign in
        configure(t, false);
        HttpResponse<String> ssoOnly = SignInPolicyIT.put(admin, "{\"requireMfa\": false, \"allowedLoginMethods\":"
                + " [\"oidc\"], \"sessionHours\": 24}");
        assertEquals(200, ssoOnly.statusCode(), ssoOnly.body());

        JsonObject refused = assertProblem(SessionsIT.login(t.member()), 403, "login-method-not-allowed");
        assertTrue(refused.getString("detail").contains("single sign-on"), refused.toString());
        assertProblem(Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + t.slug() + "\", \"email\": \""
                + t.member().email() + "\", \"password\": \"wrong-password-1\"}"), 403, "login-method-not-allowed");
        assertProblem(Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + t.slug() + "\", \"email\": \""
                + t.owner().email() + "\", \"password\": \"wrong-password-1\"}"), 403, "login-method-not-allowed");
        assertEquals(200, SessionsIT.login(t.owner()).statusCode(), "the OWNER's break-glass password");
        assertEquals(302, signIn(t, t.member().email()).statusCode(), "members sign in through the provider");

        // SSO cannot be turned off while it is the only way in
        String owner = Tokens.login(t.owner());
        assertProblem(putSso(owner, settings(t, false).replace("\"enabled\": true", "\"enabled\": false")), 409,
                "conflict");
        // without oidc in the policy, the start answers as for a tenant without SSO
        assertEquals(200, SignInPolicyIT.put(admin, "{\"requireMfa\": false, \"allowedLoginMethods\": [\"password\"],"
                + " \"sessionHours\": 24}").statusCode());
        assertProblem(Http.send(Http.request("/api/v1/auth/sso/" + t.slug() + "/start").GET()), 404, "not-found");
        assertProblem(Http.send(Http.request("/api/v1/auth/sso/no-such-tenant-" + UUID.randomUUID() + "/start")
                .GET()), 404, "not-found");
        assertEquals(200, SessionsIT.login(t.member()).statusCode(), "passwords are back");
    }

    /** SSO-15: starts are counted per address (before the tenant is looked up): the 301st in the window is 429. */
    @Test
    void sso15_oneAddressStartsAtMost300SignInsInTheWindow() {
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String path = "/api/v1/auth/sso/no-such-tenant-" + UUID.randomUUID().toString().substring(0, 8) + "/start";
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = Http.send(Http.request(path).header("X-Forwarded-For", address).GET());
            assertEquals(404, r.statusCode(), "start " + (i + 1) + ": " + r.body());
        }
        assertProblem(Http.send(Http.request(path).header("X-Forwarded-For", address).GET()), 429, "rate-limited");
        assertEquals(404, Http.send(Http.request(path).header("X-Forwarded-For", "203.0.113."
                + (1 + new java.util.Random().nextInt(250))).GET()).statusCode(), "another address is not affected");
    }
}
