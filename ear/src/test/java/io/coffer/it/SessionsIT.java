package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ID-7 refresh rotation and reuse detection, logout; ID-4 a refresh token is no access token; ID-39..ID-43 the
 * sessions a user sees and ends ({@code /me/sessions}, {@code /members/{userId}/sessions}).
 */
class SessionsIT {

    /** The refresh token from a Set-Cookie answer (the cookie is Secure: tests send it by hand over http). */
    static String refreshCookie(HttpResponse<String> response) {
        String header = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("coffer_refresh=")).findFirst()
                .orElseThrow(() -> new AssertionError("no refresh cookie in " + response.headers().map()));
        return header.substring("coffer_refresh=".length(), header.indexOf(';'));
    }

    static HttpResponse<String> refresh(String refreshToken) {
        return Http.send(Http.request("/api/v1/auth/refresh").header("Cookie", "coffer_refresh=" + refreshToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static HttpResponse<String> login(ItDatabase.User user) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                + user.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}");
    }

    static ItDatabase.User user() {
        return ItDatabase.user(ItDatabase.tenant("sessions"), "s" + UUID.randomUUID().toString().substring(0, 8)
                + "@sessions.test", "MEMBER");
    }

    @Test
    void id7_theRefreshCookieIsHttpOnlySecureStrictAndScopedToAuth() {
        HttpResponse<String> login = login(user());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("coffer_refresh=")).findFirst().orElseThrow();
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("httponly") && lower.contains("secure") && lower.contains("samesite=strict")
                && lower.contains("path=/api/v1/auth"), cookie);
    }

    @Test
    void id7_refreshRotatesAndGivesAWorkingAccessToken() {
        String first = refreshCookie(login(user()));
        HttpResponse<String> rotated = refresh(first);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = refreshCookie(rotated);
        assertNotEquals(first, second);
        assertEquals(200, Http.get("/api/v1/me", Http.json(rotated).getString("accessToken")).statusCode());
        assertEquals(200, refresh(second).statusCode());
    }

    @Test
    void id7_reusingARotatedTokenRevokesTheWholeFamily() {
        String first = refreshCookie(login(user()));
        String second = refreshCookie(refresh(first));
        assertProblem(refresh(first), 401, "unauthenticated"); // stolen copy replayed
        assertProblem(refresh(second), 401, "unauthenticated"); // and the legitimate one is dead too
    }

    @Test
    void id7_logoutRevokesTheFamily() {
        HttpResponse<String> login = login(user());
        String access = Http.json(login).getString("accessToken");
        String refreshToken = refreshCookie(login);
        HttpResponse<String> out = Http.send(Http.request("/api/v1/auth/logout")
                .header("Authorization", "Bearer " + access)
                .header("Cookie", "coffer_refresh=" + refreshToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, out.statusCode(), out.body());
        assertProblem(refresh(refreshToken), 401, "unauthenticated");
    }

    @Test
    void id20_logoutNeedsAToken() {
        assertProblem(Http.send(Http.request("/api/v1/auth/logout").POST(HttpRequest.BodyPublishers.noBody())),
                401, "unauthenticated");
    }

    @Test
    void id7_noOrUnknownCookieIs401() {
        assertProblem(Http.send(Http.request("/api/v1/auth/refresh").POST(HttpRequest.BodyPublishers.noBody())),
                401, "unauthenticated");
        assertProblem(refresh("made-up"), 401, "unauthenticated");
    }

    @Test
    void id4_aRefreshTokenUsedAsAnAccessTokenIsRefused() {
        String refreshToken = refreshCookie(login(user()));
        assertProblem(Http.get("/api/v1/me", refreshToken), 401, "unauthenticated");
    }

    // --- ID-39..ID-43: sessions ---

    /** One login with this User-Agent: its access token and refresh token. */
    record SignIn(String access, String refresh) {
    }

    static SignIn signIn(ItDatabase.User user, String agent) {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/auth/login").header("User-Agent", agent)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                        + user.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}")));
        assertEquals(200, r.statusCode(), r.body());
        return new SignIn(Http.json(r).getString("accessToken"), refreshCookie(r));
    }

    static JsonArray sessions(String access) {
        HttpResponse<String> r = Http.get("/api/v1/me/sessions", access);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items");
    }

    /** The listed session whose user agent is {@code agent}; fails when there is not exactly one. */
    static JsonObject byAgent(JsonArray items, String agent) {
        java.util.List<JsonObject> found = items.stream().map(v -> (JsonObject) v)
                .filter(o -> !o.isNull("userAgent") && agent.equals(o.getString("userAgent"))).toList();
        assertEquals(1, found.size(), agent + " in " + items);
        return found.get(0);
    }

    static java.util.Set<String> ids(JsonArray items) {
        return items.stream().map(v -> ((JsonObject) v).getString("id")).collect(java.util.stream.Collectors.toSet());
    }

    static HttpResponse<String> delete(String path, String token) {
        return Http.send(Http.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    static String agent(String name) {
        return "CofferIT-" + name + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void id39_id40_aLoginIsListedWithItsAgentAddressAndCurrentFlag() throws Exception {
        ItDatabase.User user = user();
        String agentA = agent("laptop");
        String agentB = agent("phone");
        SignIn a = signIn(user, agentA);
        SignIn b = signIn(user, agentB);

        JsonArray seenByA = sessions(a.access());
        assertEquals(2, seenByA.size(), "exactly the two logins: " + seenByA);
        JsonObject sessionA = byAgent(seenByA, agentA);
        JsonObject sessionB = byAgent(seenByA, agentB);
        assertTrue(sessionA.getBoolean("current"), "A's token names A's session: " + seenByA);
        assertFalse(sessionB.getBoolean("current"), seenByA.toString());
        assertNotEquals(sessionA.getString("id"), sessionB.getString("id"));
        assertFalse(sessionA.isNull("clientAddress"), "the client address is kept: " + sessionA);
        assertTrue(!java.time.Instant.parse(sessionA.getString("lastUsedAt"))
                .isBefore(java.time.Instant.parse(sessionA.getString("createdAt"))), sessionA.toString());
        assertEquals(agentB, sessions(b.access()).stream().map(v -> (JsonObject) v)
                .filter(o -> o.getBoolean("current")).findFirst().orElseThrow().getString("userAgent"),
                "B's token names B's session");

        // ID-39: a refresh keeps the session (sid) and moves its last use; the list is last used first
        Thread.sleep(20);
        HttpResponse<String> refreshed = refresh(a.refresh());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonArray after = sessions(Http.json(refreshed).getString("accessToken"));
        assertEquals(2, after.size(), "a refresh starts no session: " + after);
        JsonObject first = after.getJsonObject(0);
        assertEquals(sessionA.getString("id"), first.getString("id"), "the refreshed session comes first: " + after);
        assertTrue(first.getBoolean("current"), "the refreshed token still names its session: " + after);
        assertTrue(java.time.Instant.parse(first.getString("lastUsedAt"))
                .isAfter(java.time.Instant.parse(sessionA.getString("lastUsedAt"))), after.toString());
    }

    @Test
    void id40_anotherUsersSessionsNeverAppear() {
        ItDatabase.User x = user();
        ItDatabase.User y = ItDatabase.user(x.tenant(), "y" + UUID.randomUUID().toString().substring(0, 8)
                + "@sessions.test", "ADMIN");
        String agentX = agent("x");
        SignIn signedX = signIn(x, agentX);
        String xSession = byAgent(sessions(signedX.access()), agentX).getString("id");
        JsonArray seenByY = sessions(signIn(y, agent("y")).access());
        assertEquals(1, seenByY.size(), "only Y's own session, though an ADMIN of the same tenant: " + seenByY);
        assertFalse(ids(seenByY).contains(xSession), seenByY.toString());
    }

    @Test
    void id41_anEndedSessionsAccessAndRefreshTokensStopAndTheOtherGoesOn() {
        ItDatabase.User user = user();
        String agentA = agent("stolen");
        SignIn a = signIn(user, agentA);
        SignIn b = signIn(user, agent("mine"));
        String sessionA = byAgent(sessions(b.access()), agentA).getString("id");

        assertEquals(204, delete("/api/v1/me/sessions/" + sessionA, b.access()).statusCode());

        assertProblem(Http.get("/api/v1/me", a.access()), 401, "unauthenticated"); // at its next request
        assertProblem(Http.postJson("/api/v1/datarooms", a.access(), "{\"name\": \"after the end\"}"), 401,
                "unauthenticated");
        assertProblem(refresh(a.refresh()), 401, "unauthenticated");
        assertEquals(200, Http.get("/api/v1/me", b.access()).statusCode(), "the other session goes on");
        JsonArray left = sessions(b.access());
        assertEquals(1, left.size(), "only the other session is listed: " + left);
        assertTrue(left.getJsonObject(0).getBoolean("current"), left.toString());
        assertFalse(ids(left).contains(sessionA), left.toString());
        assertEquals(200, refresh(b.refresh()).statusCode(), "the other session still refreshes");
        assertProblem(delete("/api/v1/me/sessions/" + sessionA, b.access()), 404, "not-found"); // ended already
    }

    @Test
    void id41_logoutEndsItsAccessTokenToo() {
        SignIn a = signIn(user(), agent("out"));
        HttpResponse<String> out = Http.send(Http.request("/api/v1/auth/logout")
                .header("Authorization", "Bearer " + a.access())
                .header("Cookie", "coffer_refresh=" + a.refresh())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, out.statusCode(), out.body());
        assertProblem(Http.get("/api/v1/me", a.access()), 401, "unauthenticated");
    }

    @Test
    void id41_anotherUsersSessionIsNotFound() {
        ItDatabase.User x = user();
        ItDatabase.User y = ItDatabase.user(x.tenant(), "y" + UUID.randomUUID().toString().substring(0, 8)
                + "@sessions.test", "OWNER");
        String agentX = agent("victim");
        SignIn signedX = signIn(x, agentX);
        String xSession = byAgent(sessions(signedX.access()), agentX).getString("id");
        SignIn signedY = signIn(y, agent("owner"));

        assertProblem(delete("/api/v1/me/sessions/" + xSession, signedY.access()), 404, "not-found");
        assertProblem(delete("/api/v1/me/sessions/" + UUID.randomUUID(), signedY.access()), 404, "not-found");
        assertProblem(delete("/api/v1/me/sessions/not-a-uuid", signedY.access()), 404, "not-found");
        assertEquals(200, Http.get("/api/v1/me", signedX.access()).statusCode(), "X's session is untouched");
        assertEquals(200, refresh(signedX.refresh()).statusCode());
    }

    @Test
    void id42_anAdminEndsAMembersSessionsAndTheAuditSaysSo() {
        UUID tenant = ItDatabase.tenant("sessions-admin");
        ItDatabase.User admin = ItDatabase.user(tenant, "admin@sessions-admin.test", "ADMIN");
        ItDatabase.User member = ItDatabase.user(tenant, "member@sessions-admin.test", "MEMBER");
        SignIn one = signIn(member, agent("one"));
        SignIn two = signIn(member, agent("two"));
        SignIn adminIn = signIn(admin, agent("admin"));

        assertEquals(204, delete("/api/v1/members/" + member.id() + "/sessions", adminIn.access()).statusCode());

        for (SignIn ended : java.util.List.of(one, two)) {
            assertProblem(Http.get("/api/v1/me", ended.access()), 401, "unauthenticated");
            assertProblem(refresh(ended.refresh()), 401, "unauthenticated");
        }
        assertEquals(200, Http.get("/api/v1/me", adminIn.access()).statusCode(), "the admin's own session goes on");
        SignIn again = signIn(member, agent("again"));
        assertEquals(1, sessions(again.access()).size(), "the member signs in afresh; the ended ones are gone");

        HttpResponse<String> audit = Http.get("/api/v1/audit?action=auth.sessions.revoked", adminIn.access());
        assertEquals(200, audit.statusCode(), audit.body());
        JsonArray entries = Http.json(audit).getJsonArray("items");
        assertEquals(1, entries.size(), entries.toString());
        JsonObject entry = entries.getJsonObject(0);
        assertEquals(admin.id().toString(), entry.getJsonObject("actor").getString("id"), entry.toString());
        assertEquals("user", entry.getString("objectType"), entry.toString());
        assertEquals(member.id().toString(), entry.getString("objectId"), entry.toString());
        assertEquals("ALLOWED", entry.getString("outcome"), entry.toString());
    }

    @Test
    void id42_aMemberIsRefusedAnAdminCannotEndAnOwnersAndOthersAreNotFound() {
        UUID tenant = ItDatabase.tenant("sessions-roles");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner@sessions-roles.test", "OWNER");
        ItDatabase.User admin = ItDatabase.user(tenant, "admin@sessions-roles.test", "ADMIN");
        ItDatabase.User member = ItDatabase.user(tenant, "member@sessions-roles.test", "MEMBER");
        ItDatabase.User foreign = user(); // another tenant
        SignIn ownerIn = signIn(owner, agent("owner"));
        SignIn adminIn = signIn(admin, agent("admin"));
        SignIn memberIn = signIn(member, agent("member"));
        SignIn foreignIn = signIn(foreign, agent("foreign"));

        assertProblem(delete("/api/v1/members/" + admin.id() + "/sessions", memberIn.access()), 403, "forbidden");
        assertProblem(delete("/api/v1/members/" + owner.id() + "/sessions", adminIn.access()), 403, "forbidden");
        assertEquals(200, Http.get("/api/v1/me", ownerIn.access()).statusCode(), "the owner's session goes on");
        assertEquals(200, Http.get("/api/v1/me", adminIn.access()).statusCode(), "and the admin's");
        assertProblem(delete("/api/v1/members/" + foreign.id() + "/sessions", ownerIn.access()), 404, "not-found");
        assertProblem(delete("/api/v1/members/" + UUID.randomUUID() + "/sessions", ownerIn.access()), 404,
                "not-found");
        assertEquals(200, Http.get("/api/v1/me", foreignIn.access()).statusCode(), "another tenant's user untouched");
        assertEquals(204, delete("/api/v1/members/" + admin.id() + "/sessions", ownerIn.access()).statusCode());
        assertProblem(Http.get("/api/v1/me", adminIn.access()), 401, "unauthenticated");
    }

    @Test
    void id43_anApiKeyTokenIsRefusedOnMySessionsButAnAdminKeyMayOffboard() {
        UUID tenant = ItDatabase.tenant("sessions-keys");
        ItDatabase.User admin = ItDatabase.user(tenant, "admin@sessions-keys.test", "ADMIN");
        ItDatabase.User member = ItDatabase.user(tenant, "member@sessions-keys.test", "MEMBER");
        String adminAgent = agent("admin");
        SignIn adminIn = signIn(admin, adminAgent);
        String adminSession = byAgent(sessions(adminIn.access()), adminAgent).getString("id");
        String key = ApiKeyScopesIT.keyToken(adminIn.access(), "\"admin\"");

        assertProblem(Http.get("/api/v1/me/sessions", key), 403, "forbidden");
        assertProblem(delete("/api/v1/me/sessions/" + adminSession, key), 403, "forbidden");
        assertEquals(200, Http.get("/api/v1/me", adminIn.access()).statusCode(), "the key ended nothing");

        SignIn memberIn = signIn(member, agent("leaver"));
        assertEquals(204, delete("/api/v1/members/" + member.id() + "/sessions", key).statusCode());
        assertProblem(Http.get("/api/v1/me", memberIn.access()), 401, "unauthenticated");
        assertEquals(200, Http.get("/api/v1/me", key).statusCode(), "the key itself has no session to end");
    }
}
