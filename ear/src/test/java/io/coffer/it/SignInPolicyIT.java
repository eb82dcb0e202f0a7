package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tenant's sign-in policy, {@code GET/PUT /tenant/security} (docs/features/mfa.md, MFA-13..MFA-16), against the
 * running server: who may read and replace it, what it refuses, and what {@code requireMfa} and
 * {@code sessionHours} do to sessions. Each test has a tenant of its own, so a policy never reaches another test.
 */
class SignInPolicyIT {

    static final String DEFAULTS = "{\"requireMfa\": false, \"allowedLoginMethods\": [\"password\", \"webauthn\","
            + " \"oidc\"], \"sessionHours\": 168}";

    record Tenant(UUID id, ItDatabase.User owner, ItDatabase.User admin, ItDatabase.User member) {
    }

    static Tenant tenant(String tag) {
        UUID id = ItDatabase.tenant("policy-" + tag);
        String domain = "@" + tag + "-" + id.toString().substring(0, 6) + ".test";
        return new Tenant(id, ItDatabase.user(id, "owner" + domain, "OWNER"), ItDatabase.user(id, "admin" + domain,
                "ADMIN"), ItDatabase.user(id, "member" + domain, "MEMBER"));
    }

    static HttpResponse<String> put(String token, String json) {
        return Http.send(Http.request("/api/v1/tenant/security").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String policy(boolean requireMfa, int hours) {
        return "{\"requireMfa\": " + requireMfa + ", \"allowedLoginMethods\": [\"password\", \"webauthn\", \"oidc\"],"
                + " \"sessionHours\": " + hours + "}";
    }

    static void assertEnrolmentRequired(HttpResponse<String> r) {
        assertProblem(r, 403, "mfa-enrolment-required");
    }

    /** Enrols and confirms TOTP in {@code access}'s session: the secret, and the step the confirmation used. */
    static byte[] enrolTotp(String access) {
        HttpResponse<String> enrol = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, enrol.statusCode(), enrol.body());
        byte[] secret = MfaIT.base32(Http.json(enrol).getString("secret"));
        HttpResponse<String> confirm = Http.postJson("/api/v1/me/mfa/totp/confirm", access,
                "{\"code\": \"" + MfaIT.code(secret, 0) + "\"}");
        assertEquals(200, confirm.statusCode(), confirm.body());
        return secret;
    }

    @Test
    void mfa13_onlyAdminsReadAndReplaceThePolicyWhichIsValidatedAndAudited() {
        Tenant t = tenant("rules");
        String admin = Tokens.login(t.admin());
        assertProblem(Http.get("/api/v1/tenant/security", Tokens.login(t.member())), 403, "forbidden");
        assertProblem(put(Tokens.login(t.member()), DEFAULTS), 403, "forbidden");

        JsonObject defaults = Http.json(Http.get("/api/v1/tenant/security", admin));
        assertFalse(defaults.getBoolean("requireMfa"), defaults.toString());
        assertEquals(List.of("password", "webauthn", "oidc"), MfaIT.strings(defaults.getJsonArray("allowedLoginMethods")));
        assertEquals(168, defaults.getInt("sessionHours"));

        for (String bad : List.of(
                "{\"requireMfa\": false, \"allowedLoginMethods\": [\"password\"], \"sessionHours\": 0}",
                "{\"requireMfa\": false, \"allowedLoginMethods\": [\"password\"], \"sessionHours\": 721}",
                "{\"requireMfa\": false, \"allowedLoginMethods\": [], \"sessionHours\": 24}",
                "{\"requireMfa\": false, \"allowedLoginMethods\": [\"password\", \"sms\"], \"sessionHours\": 24}",
                "{\"requireMfa\": false, \"allowedLoginMethods\": [\"password\", \"password\"], \"sessionHours\": 24}",
                "{\"allowedLoginMethods\": [\"password\"], \"sessionHours\": 24}")) {
            assertProblem(put(admin, bad), 400, "validation");
        }
        // nobody could sign in without the password while no passkeys or SSO exist: refused, nothing changed
        assertProblem(put(admin, "{\"requireMfa\": true, \"allowedLoginMethods\": [\"oidc\"], \"sessionHours\": 24}"),
                409, "conflict");
        assertEquals(defaults, Http.json(Http.get("/api/v1/tenant/security", admin)), "a refused PUT changes nothing");

        HttpResponse<String> saved = put(admin,
                "{\"requireMfa\": false, \"allowedLoginMethods\": [\"oidc\", \"password\"], \"sessionHours\": 24}");
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(List.of("password", "oidc"), MfaIT.strings(Http.json(saved).getJsonArray("allowedLoginMethods")),
                "kept in the contract's order");
        assertEquals(Http.json(saved), Http.json(Http.get("/api/v1/tenant/security", Tokens.login(t.owner()))));
        Tenant other = tenant("other");
        assertEquals(defaults, Http.json(Http.get("/api/v1/tenant/security", Tokens.login(other.admin()))),
                "another tenant keeps its own policy");

        JsonArray audit = Http.json(Http.get("/api/v1/audit?action=tenant.security-changed", admin))
                .getJsonArray("items");
        assertEquals(1, audit.size(), "one change, the refused ones not: " + audit);
        assertEquals(t.admin().id().toString(), audit.getJsonObject(0).getJsonObject("actor").getString("id"));
    }

    @Test
    void mfa14_aSessionWithoutASecondFactorMayOnlyEnrolItThenGoesOn() {
        Tenant t = tenant("enrol");
        String owner = Tokens.login(t.owner());
        String member = Tokens.login(t.member()); // a password-only session, started before the policy
        assertEquals(200, put(owner, policy(true, 168)).statusCode());

        assertEnrolmentRequired(Http.get("/api/v1/datarooms", member));
        assertEnrolmentRequired(Http.postJson("/api/v1/datarooms", member, "{not json")); // before the body is read
        assertEnrolmentRequired(Http.get("/api/v1/me/sessions", member));
        assertEnrolmentRequired(Http.get("/api/v1/tenant/security", owner)); // the owner's own session too
        assertEquals(200, Http.get("/api/v1/me", member).statusCode(), "the account itself stays reachable");

        enrolTotp(member); // confirming with a code passes the factor in this session
        assertEquals(200, Http.get("/api/v1/datarooms", member).statusCode(), "enrolled: the session goes on");
        assertEnrolmentRequired(Http.get("/api/v1/datarooms", owner)); // each session on its own

        String fresh = Tokens.login(t.admin()); // a new login without a factor is sent to enrol as well
        assertEnrolmentRequired(Http.get("/api/v1/members", fresh));
        HttpResponse<String> out = Http.send(Http.request("/api/v1/auth/logout")
                .header("Authorization", "Bearer " + fresh).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, out.statusCode(), "signing out stays possible: " + out.body());
    }

    @Test
    void mfa14_aLoginThroughTheSecondStepHasPassedIt() {
        Tenant t = tenant("step");
        String owner = Tokens.login(t.owner());
        byte[] secret = enrolTotp(Tokens.login(t.member()));
        assertEquals(200, put(owner, policy(true, 168)).statusCode());

        String mfaToken = MfaIT.mfaToken(t.member()); // the password alone answers mfa-required (MFA-5)
        HttpResponse<String> done = MfaIT.complete(mfaToken, "code", MfaIT.code(secret, 1)); // the next step: unused
        assertEquals(200, done.statusCode(), done.body());
        String access = Http.json(done).getString("accessToken");
        assertEquals(200, Http.get("/api/v1/datarooms", access).statusCode(), "the second step passed the factor");
    }

    @Test
    void mfa15_apiKeyTokensAreNotAskedButANewKeyNeedsAPassedSession() {
        Tenant t = tenant("keys");
        String admin = Tokens.login(t.admin());
        String key = ApiKeyScopesIT.keyToken(admin, "\"read\"");
        assertEquals(200, put(Tokens.login(t.owner()), policy(true, 168)).statusCode());

        assertEquals(200, Http.get("/api/v1/datarooms", key).statusCode(), "an API-key token is not asked");
        assertEnrolmentRequired(Http.postJson("/api/v1/api-keys", admin,
                "{\"name\": \"k" + UUID.randomUUID() + "\", \"scopes\": [\"read\"]}"));
        enrolTotp(admin);
        HttpResponse<String> created = Http.postJson("/api/v1/api-keys", admin,
                "{\"name\": \"k" + UUID.randomUUID() + "\", \"scopes\": [\"read\"]}");
        assertEquals(201, created.statusCode(), "from a session that passed a factor: " + created.body());
    }

    /**
     * MFA-18: under {@code requireMfa}, creating an API key needs a session that passed a second factor, refused by
     * identity itself (403 {@code mfa-enrolment-required}, before the body is checked) with the remedy that applies:
     * enrol one when the account has none; sign in again through the second step when the account has one but this
     * session was signed in without it (a password-only session started before the factor was confirmed in another).
     * A sign-in through the second step then creates the key.
     */
    @Test
    void mfa18_aKeyNeedsAPassedSessionAndTheRefusalNamesTheRemedy() {
        Tenant t = tenant("remedy");
        String before = Tokens.login(t.admin()); // password-only, before the factor exists
        byte[] secret = enrolTotp(Tokens.login(t.admin())); // confirmed in another session, which passes it
        String owner = Tokens.login(t.owner());
        assertEquals(200, put(owner, policy(true, 168)).statusCode());
        String key = "{\"name\": \"k" + UUID.randomUUID() + "\", \"scopes\": [\"read\"]}";

        JsonObject enrol = assertProblem(Http.postJson("/api/v1/api-keys", owner, "{not json"), 403,
                "mfa-enrolment-required");
        assertTrue(enrol.getString("detail").contains("set one up"), enrol.toString());
        JsonObject again = assertProblem(Http.postJson("/api/v1/api-keys", before, key), 403,
                "mfa-enrolment-required");
        assertTrue(again.getString("detail").contains("sign in again"), again.toString());
        assertEquals(again.getString("detail"), assertProblem(Http.get("/api/v1/datarooms", before), 403,
                "mfa-enrolment-required").getString("detail"), "one answer on every gated endpoint");
        assertProblem(Http.postJson("/api/v1/me/mfa/totp", before, ""), 409, "conflict"); // nothing to enrol
        assertEquals(0L, ItDatabase.number(t.id(), "select count(*) from api_keys"), "no key was made");

        HttpResponse<String> done = MfaIT.complete(MfaIT.mfaToken(t.admin()), "code", MfaIT.code(secret, 1));
        assertEquals(200, done.statusCode(), done.body());
        HttpResponse<String> created = Http.postJson("/api/v1/api-keys", Http.json(done).getString("accessToken"),
                key);
        assertEquals(201, created.statusCode(), "signed in again through the second step: " + created.body());
    }

    @Test
    void mfa16_aShorterSessionLengthEndsLongerSessionsAtTheirNextRefresh() {
        Tenant t = tenant("hours");
        String agentA = SessionsIT.agent("a");
        String agentB = SessionsIT.agent("b");
        SessionsIT.SignIn a = SessionsIT.signIn(t.member(), agentA); // both started under the default 168 hours
        SessionsIT.SignIn b = SessionsIT.signIn(t.member(), agentB);
        String sessionB = SessionsIT.byAgent(SessionsIT.sessions(b.access()), agentB).getString("id");
        assertEquals(200, put(Tokens.login(t.admin()), policy(false, 1)).statusCode());
        HttpResponse<String> soon = SessionsIT.refresh(a.refresh());
        assertEquals(200, soon.statusCode(), "within the hour a session refreshes: " + soon.body());
        String a2 = SessionsIT.refreshCookie(soon);
        try {
            ItClock.advance(Duration.ofMinutes(61));
            // B's refresh token was issued for 7 days: only the session's end under today's policy refuses it
            assertProblem(SessionsIT.refresh(b.refresh()), 401, "unauthenticated");
            assertProblem(SessionsIT.refresh(a2), 401, "unauthenticated"); // issued for the hour that was left
        } finally {
            ItClock.reset();
        }
        assertProblem(SessionsIT.refresh(b.refresh()), 401, "unauthenticated"); // ended, not only expired
        JsonArray live = SessionsIT.sessions(Tokens.login(t.member()));
        assertFalse(SessionsIT.ids(live).contains(sessionB), "the session past its hours has ended: " + live);
    }
}
