package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.coffer.identity.internal.Totp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in with TOTP and recovery codes against the running server (docs/features/mfa.md, MFA-2 to
 * MFA-12; MFA-1's arithmetic is {@code TotpTest}'s). Codes are computed here from the secret the server answered, for
 * the server's clock (which a test may move, {@link ItClock}). A code of the current step and one of the next are
 * both accepted at once (the ±1 window), so a fresh user can use two codes at once; everything else uses recovery
 * codes or another user.
 */
class MfaIT {
    static UUID tenant;

    @BeforeAll
    static void seed() {
        tenant = ItDatabase.tenant("mfa");
    }

    static ItDatabase.User user(String tag) {
        return ItDatabase.user(tenant, tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@mfa.test",
                "ADMIN");
    }

    /** A user with a confirmed TOTP: the secret, the confirmation's code (its step is the last accepted), the codes. */
    record Enrolled(ItDatabase.User user, byte[] secret, String confirmedWith, List<String> recoveryCodes) {
    }

    static Enrolled enrolled(String tag) {
        ItDatabase.User u = user(tag);
        String access = Tokens.login(u);
        HttpResponse<String> enrol = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, enrol.statusCode(), enrol.body());
        byte[] secret = base32(Http.json(enrol).getString("secret"));
        String code = code(secret, 0);
        HttpResponse<String> confirm = Http.postJson("/api/v1/me/mfa/totp/confirm", access,
                "{\"code\": \"" + code + "\"}");
        assertEquals(200, confirm.statusCode(), confirm.body());
        return new Enrolled(u, secret, code, strings(Http.json(confirm).getJsonArray("recoveryCodes")));
    }

    /** The code of the server's current step plus {@code ahead}. */
    static String code(byte[] secret, int ahead) {
        return Totp.code(secret, Totp.step(serverNow()) + ahead);
    }

    /** A six-digit code that is none of the window's (a wrong code). */
    static String wrongCode(byte[] secret) {
        Set<String> window = Set.of(code(secret, -2), code(secret, -1), code(secret, 0), code(secret, 1),
                code(secret, 2));
        for (String candidate : List.of("000000", "111111", "222222", "333333")) {
            if (!window.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static Instant serverNow() {
        Path file = Path.of(System.getProperty("it.clock.offset.file", "target/it-clock-offset"));
        long offset = 0;
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                offset = text.isEmpty() ? 0 : Long.parseLong(text);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Instant.now().plusSeconds(offset);
    }

    static HttpResponse<String> login(ItDatabase.User u) {
        return login(u, ItDatabase.PASSWORD);
    }

    static HttpResponse<String> login(ItDatabase.User u, String password) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + u.tenantSlug() + "\", \"email\": \""
                + u.email() + "\", \"password\": \"" + password + "\"}");
    }

    /** The mfaToken of a login that must answer 401 mfa-required. */
    static String mfaToken(ItDatabase.User u) {
        return mfaRequired(login(u)).getString("mfaToken");
    }

    /**
     * A 401 {@code mfa-required} problem (MFA-5). Checked as {@link Problems#assertProblem} does, but with the random
     * mfaToken left out of the check for internals (its 43 base64url characters may spell "sql").
     */
    static JsonObject mfaRequired(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonObject problem = Http.json(r);
        assertEquals("/problems/mfa-required", problem.getString("type"));
        assertEquals(401, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        Problems.assertNoInternals(r.body().replace(problem.getString("mfaToken"), "TOKEN"));
        return problem;
    }

    static HttpResponse<String> complete(String mfaToken, String field, String value) {
        return Http.postJson("/api/v1/auth/mfa", null, "{\"mfaToken\": \"" + mfaToken + "\", \"" + field + "\": \""
                + value + "\"}");
    }

    static HttpResponse<String> disable(String access, String field, String value) {
        return Http.send(Http.request("/api/v1/me/mfa/totp").header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"" + field + "\": \"" + value + "\"}")));
    }

    static HttpResponse<String> regenerate(String access, String code) {
        return Http.postJson("/api/v1/me/mfa/recovery-codes", access, "{\"code\": \"" + code + "\"}");
    }

    static JsonObject mfaOfMe(String access) {
        HttpResponse<String> me = Http.get("/api/v1/me", access);
        assertEquals(200, me.statusCode(), me.body());
        return Http.json(me).getJsonObject("mfa");
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static boolean setsRefreshCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("coffer_refresh="));
    }

    static long recoveryRows(ItDatabase.User u) {
        return ItDatabase.number(tenant, "select count(*) from mfa_recovery_codes where user_id = ?", u.id());
    }

    @Test
    void mfa2_mfa4_mfa5_mfa6_enrolConfirmAndLogInWithTwoSteps() throws Exception {
        ItDatabase.User u = user("flow");
        String access = Tokens.login(u);
        HttpResponse<String> enrol = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, enrol.statusCode(), enrol.body());
        JsonObject enrolment = Http.json(enrol);
        String secret = enrolment.getString("secret");
        assertTrue(secret.matches("[A-Z2-7]{32}"), "160 bits in base32: " + secret.length());
        String url = enrolment.getString("otpauthUrl");
        assertTrue(url.startsWith("otpauth://totp/Coffer%3A"), url);
        for (String part : List.of("secret=" + secret, "issuer=Coffer", "algorithm=SHA1", "digits=6", "period=30")) {
            assertTrue(url.contains(part), url + " has " + part);
        }
        // MFA-2: pending until confirmed: the password alone still logs in
        assertEquals(200, login(u).statusCode());

        byte[] key = base32(secret);
        HttpResponse<String> wrong = Http.postJson("/api/v1/me/mfa/totp/confirm", access,
                "{\"code\": \"" + wrongCode(key) + "\"}");
        assertProblem(wrong, 400, "validation");
        assertEquals(200, login(u).statusCode(), "a wrong confirmation activates nothing");

        HttpResponse<String> confirm = Http.postJson("/api/v1/me/mfa/totp/confirm", access,
                "{\"code\": \"" + code(key, 0) + "\"}");
        assertEquals(200, confirm.statusCode(), confirm.body());
        List<String> codes = strings(Http.json(confirm).getJsonArray("recoveryCodes"));
        // MFA-4: ten distinct codes, shown here once, stored only as hashes
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(c -> assertTrue(c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"), c));
        List<String> stored = ItDatabase.texts(tenant, "select code_hash from mfa_recovery_codes where user_id = ?",
                u.id());
        assertEquals(10, stored.size());
        for (String c : codes) {
            assertFalse(stored.contains(c) || stored.contains(c.replace("-", "")), "a code in clear");
            assertTrue(stored.contains(io.coffer.shared.Secrets.hash(c.replace("-", ""))), "its SHA-256");
        }
        assertProblem(Http.postJson("/api/v1/me/mfa/totp/confirm", access, "{\"code\": \"" + code(key, 0) + "\"}"),
                409, "conflict");
        assertProblem(Http.postJson("/api/v1/me/mfa/totp", access, ""), 409, "conflict");

        // MFA-5: a wrong password is the plain 401; the right one asks for the second factor, with no token
        assertProblem(login(u, "not the password at all"), 401, "unauthenticated");
        HttpResponse<String> first = login(u);
        JsonObject required = mfaRequired(first);
        assertEquals(List.of("totp", "recovery"), strings(required.getJsonArray("methods")));
        String mfaToken = required.getString("mfaToken");
        assertTrue(mfaToken.matches("[A-Za-z0-9_-]{43}"), mfaToken);
        assertFalse(required.containsKey("accessToken"));
        assertFalse(setsRefreshCookie(first), "no refresh cookie before the second factor");

        // MFA-6: the second step answers as a login
        HttpResponse<String> done = complete(mfaToken, "code", code(key, 1));
        assertEquals(200, done.statusCode(), done.body());
        JsonObject tokens = Http.json(done);
        assertEquals("Bearer", tokens.getString("tokenType"));
        assertTrue(tokens.getInt("expiresIn") <= 900);
        assertTrue(setsRefreshCookie(done));
        String cookie = done.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coffer_refresh="))
                .findFirst().orElseThrow().toLowerCase();
        assertTrue(cookie.contains("httponly") && cookie.contains("secure") && cookie.contains("samesite=strict")
                && cookie.contains("path=/api/v1/auth"), cookie);
        HttpResponse<String> me = Http.get("/api/v1/me", tokens.getString("accessToken"));
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(u.id().toString(), Http.json(me).getString("userId"));

        // MFA-6: a used mfaToken is the plain 401, whatever the code
        assertProblem(complete(mfaToken, "recoveryCode", codes.get(0)), 401, "unauthenticated");
        assertProblem(complete("no-such-token-" + UUID.randomUUID(), "code", "123456"), 401, "unauthenticated");
        assertProblem(Http.postJson("/api/v1/auth/mfa", null, "{\"mfaToken\": \"" + mfaToken(u) + "\"}"), 400,
                "validation");
    }

    @Test
    void mfa2_aSecondEnrolmentReplacesThePendingSecret() {
        ItDatabase.User u = user("replace");
        String access = Tokens.login(u);
        HttpResponse<String> one = Http.postJson("/api/v1/me/mfa/totp", access, "");
        HttpResponse<String> two = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, one.statusCode(), one.body());
        assertEquals(201, two.statusCode(), two.body());
        byte[] first = base32(Http.json(one).getString("secret"));
        byte[] second = base32(Http.json(two).getString("secret"));
        assertFalse(java.util.Arrays.equals(first, second));
        assertProblem(Http.postJson("/api/v1/me/mfa/totp/confirm", access, "{\"code\": \"" + code(first, 0) + "\"}"),
                400, "validation");
        HttpResponse<String> confirmed = Http.postJson("/api/v1/me/mfa/totp/confirm", access,
                "{\"code\": \"" + code(second, 0) + "\"}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals(1L, ItDatabase.number(tenant, "select count(*) from mfa_totp where user_id = ?", u.id()));
    }

    @Test
    void mfa3_aReplayedCodeIsRefused() {
        Enrolled e = enrolled("replay");
        String token = mfaToken(e.user());
        // the confirmation's code, within its window but already accepted
        assertProblem(complete(token, "code", e.confirmedWith()), 400, "validation");
        String next = code(e.secret(), 1);
        assertEquals(200, complete(token, "code", next).statusCode(), "the wrong code did not spend the token");
        String again = mfaToken(e.user());
        HttpResponse<String> replayed = complete(again, "code", next);
        JsonObject problem = assertProblem(replayed, 400, "validation");
        assertEquals("code", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    @Test
    void mfa5_anMfaTokenWorksOnceAndExpiresAfterFiveMinutes() {
        Enrolled e = enrolled("expiry");
        Enrolled other = enrolled("other");
        String token = mfaToken(e.user());
        assertEquals(200, complete(token, "recoveryCode", e.recoveryCodes().get(0)).statusCode());
        assertProblem(complete(token, "recoveryCode", e.recoveryCodes().get(1)), 401, "unauthenticated");
        // bound to its user: another user's token does not take this user's code
        String theirs = mfaToken(other.user());
        assertProblem(complete(theirs, "recoveryCode", e.recoveryCodes().get(1)), 400, "validation");
        assertEquals(9L, recoveryRows(e.user()), "the refused code is still unused");
        // expired after 5 minutes
        String late = mfaToken(e.user());
        try {
            ItClock.advance(Duration.ofMinutes(5).plusSeconds(5));
            assertProblem(complete(late, "recoveryCode", e.recoveryCodes().get(1)), 401, "unauthenticated");
        } finally {
            ItClock.reset();
        }
        assertEquals(9L, recoveryRows(e.user()));
        String inTime = mfaToken(e.user());
        assertEquals(200, complete(inTime, "recoveryCode", e.recoveryCodes().get(1)).statusCode());
    }

    @Test
    void mfa7_aWrongCodeKeepsTheMfaTokenAndCountsToTheThrottle() {
        Enrolled e = enrolled("throttle");
        String token = mfaToken(e.user());
        HttpResponse<String> wrong = complete(token, "code", wrongCode(e.secret()));
        JsonObject problem = assertProblem(wrong, 400, "validation");
        assertEquals("code", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(200, complete(token, "code", code(e.secret(), 1)).statusCode(), "the token was not spent");

        String second = mfaToken(e.user());
        for (int i = 1; i < 20; i++) { // 20 failures in all: the account's limit, as for passwords
            assertProblem(complete(second, "code", wrongCode(e.secret())), 400, "validation");
        }
        HttpResponse<String> limited = complete(second, "recoveryCode", e.recoveryCodes().get(0));
        assertProblem(limited, 429, "rate-limited");
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(10L, recoveryRows(e.user()), "no code is checked over the limit");
        assertEquals(1L, ItDatabase.number(tenant, "select count(*) from token_index where token_hash = ?"
                + " and used_at is not null", io.coffer.shared.Secrets.hash(second)), "the throttled token is spent");
        assertProblem(complete(second, "recoveryCode", e.recoveryCodes().get(0)), 401, "unauthenticated");
        // the password still answers mfa-required; the second step stays refused while over the limit
        assertProblem(complete(mfaToken(e.user()), "recoveryCode", e.recoveryCodes().get(0)), 429, "rate-limited");
    }

    @Test
    void mfa8_aRecoveryCodeWorksOnce() {
        Enrolled e = enrolled("recovery");
        String code = e.recoveryCodes().get(0);
        assertEquals(200, complete(mfaToken(e.user()), "recoveryCode", code.toLowerCase()).statusCode(),
                "case and dashes do not matter");
        String token = mfaToken(e.user());
        assertProblem(complete(token, "recoveryCode", code), 400, "validation");
        assertEquals(200, complete(token, "recoveryCode", e.recoveryCodes().get(1)).statusCode());
        String access = Tokens.accessToken(e.user());
        assertProblem(disable(access, "recoveryCode", code), 400, "validation");
        assertEquals(204, disable(access, "recoveryCode", e.recoveryCodes().get(2)).statusCode());
        assertEquals(200, login(e.user()).statusCode(), "password-only again");
    }

    @Test
    void mfa9_disableWithACodeMakesTheLoginPasswordOnlyAgain() {
        Enrolled e = enrolled("disable");
        String access = Tokens.accessToken(e.user());
        assertProblem(disable(access, "code", wrongCode(e.secret())), 400, "validation");
        assertProblem(disable(access, "code", e.confirmedWith()), 400, "validation"); // a replay
        assertEquals(401, login(e.user()).statusCode(), "still on");
        assertEquals(204, disable(access, "code", code(e.secret(), 1)).statusCode());
        assertEquals(200, login(e.user()).statusCode());
        assertEquals(0L, ItDatabase.number(tenant, "select count(*) from mfa_totp where user_id = ?", e.user().id()));
        assertEquals(0L, recoveryRows(e.user()));
        assertEquals(204, disable(access, "code", "123456").statusCode(), "nothing on: a no-op");
        // the recovery codes of the ended TOTP are ended too
        HttpResponse<String> again = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, again.statusCode(), again.body());
    }

    @Test
    void mfa10_enablingAndDisablingAreInTheActivityAndTheAudit() {
        Enrolled e = enrolled("events");
        String access = Tokens.accessToken(e.user());
        assertEquals(204, disable(access, "recoveryCode", e.recoveryCodes().get(0)).statusCode());
        String id = e.user().id().toString();
        for (String type : List.of("mfa.enabled", "mfa.disabled")) {
            JsonObject item = awaitItem("/api/v1/activity?type=" + type + "&limit=100", access, id);
            assertEquals("USER", item.getJsonObject("actor").getString("type"));
            JsonObject entry = awaitItem("/api/v1/audit?action=" + type + "&actor=" + id, access, id);
            assertEquals("ALLOWED", entry.getString("outcome"), entry.toString());
            assertEquals("user", entry.getString("objectType"));
            assertEquals(id, entry.getString("objectId"));
        }
    }

    /** The first item of the list at {@code path} whose actor is {@code actorId}, waiting up to 10 s for it. */
    static JsonObject awaitItem(String path, String token, String actorId) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = Http.get(path, token);
            assertEquals(200, r.statusCode(), r.body());
            for (JsonObject item : Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class)) {
                if (actorId.equals(item.getJsonObject("actor").getString("id", null))) {
                    return item;
                }
            }
            if (System.nanoTime() > until) {
                fail("nothing at " + path + " by " + actorId + " within 10 s: " + r.body());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    @Test
    void mfa11_anApiKeyTokenMayNotManageTheSecondFactor() {
        ItDatabase.User u = user("key");
        String session = Tokens.login(u);
        for (String scope : List.of("write", "admin")) {
            String key = AuthorizationMatrixIT.keyToken(session, scope);
            assertProblem(Http.postJson("/api/v1/me/mfa/totp", key, ""), 403, "forbidden");
            assertProblem(Http.postJson("/api/v1/me/mfa/totp/confirm", key, "{\"code\": \"123456\"}"), 403,
                    "forbidden");
            assertProblem(disable(key, "code", "123456"), 403, "forbidden");
            assertProblem(regenerate(key, "123456"), 403, "forbidden"); // MFA-19: the same rule
        }
        assertEquals(0L, ItDatabase.number(tenant, "select count(*) from mfa_totp where user_id = ?", u.id()));
    }

    @Test
    void mfa12_theSecretIsSealedAtRest() {
        ItDatabase.User u = user("sealed");
        HttpResponse<String> enrol = Http.postJson("/api/v1/me/mfa/totp", Tokens.login(u), "");
        assertEquals(201, enrol.statusCode(), enrol.body());
        byte[] secret = base32(Http.json(enrol).getString("secret"));
        List<byte[]> stored = ItDatabase.bytes(tenant, "select secret_sealed from mfa_totp where user_id = ?", u.id());
        assertEquals(1, stored.size());
        byte[] sealed = stored.get(0);
        assertEquals(12 + 20 + 16, sealed.length, "AES-GCM: nonce, the 20 bytes, tag");
        for (int i = 0; i + secret.length <= sealed.length; i++) {
            assertNotEquals(java.util.Arrays.toString(secret),
                    java.util.Arrays.toString(java.util.Arrays.copyOfRange(sealed, i, i + secret.length)));
        }
    }

    /** RFC 4648 base32 (no padding) to bytes: the test reads the secret as an authenticator app does. */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int v = alphabet.indexOf(c);
            assertTrue(v >= 0, "base32: " + c);
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    /**
     * MFA-17: a password reset sets the password and nothing else of the sign-in: the second factor stays, the new
     * password alone answers mfa-required, and a second step begun with the old password is over.
     */
    @Test
    void mfa17_aPasswordResetNeitherRemovesNorBypassesTheSecondFactor() {
        ItMail.start();
        Enrolled e = enrolled("reset");
        String begunBefore = mfaToken(e.user()); // someone who knew the old password, stopped at the second step
        assertEquals(202, PasswordResetIT.request(e.user()).statusCode());
        String token = PasswordResetIT.mailedToken(e.user(), 1);
        assertEquals(204, PasswordResetIT.confirm(token, PasswordResetIT.NEW_PASSWORD).statusCode());

        String after = mfaRequired(login(e.user(), PasswordResetIT.NEW_PASSWORD)).getString("mfaToken");
        assertProblem(complete(begunBefore, "recoveryCode", e.recoveryCodes().get(0)), 401, "unauthenticated");
        HttpResponse<String> done = complete(after, "recoveryCode", e.recoveryCodes().get(0));
        assertEquals(200, done.statusCode(), "the factor survived the reset and completes the new login: "
                + done.body());
    }

    /**
     * MFA-19: new recovery codes for a current TOTP code, TOTP staying on: ten new ones, shown once and stored as
     * hashes; every earlier one stops working; the code is checked once (a replay or a wrong one is 400) and the
     * event is audited.
     */
    @Test
    void mfa19_regeneratingRecoveryCodesEndsTheEarlierOnesAndKeepsTotp() {
        Enrolled e = enrolled("regenerate");
        String access = Tokens.accessToken(e.user());
        assertProblem(regenerate(access, "not-a-code"), 400, "validation");
        assertProblem(regenerate(access, wrongCode(e.secret())), 400, "validation");
        assertProblem(regenerate(access, e.confirmedWith()), 400, "validation"); // its step was accepted already
        assertEquals(10L, recoveryRows(e.user()), "a refused regeneration changes nothing");

        String code = code(e.secret(), 1);
        HttpResponse<String> done = regenerate(access, code);
        assertEquals(200, done.statusCode(), done.body());
        List<String> fresh = strings(Http.json(done).getJsonArray("recoveryCodes"));
        assertEquals(10, fresh.size());
        assertEquals(10, new HashSet<>(fresh).size());
        fresh.forEach(c -> assertTrue(c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"), c));
        assertTrue(java.util.Collections.disjoint(fresh, e.recoveryCodes()));
        List<String> stored = ItDatabase.texts(tenant, "select code_hash from mfa_recovery_codes where user_id = ?",
                e.user().id());
        assertEquals(10, stored.size());
        fresh.forEach(c -> assertTrue(stored.contains(io.coffer.shared.Secrets.hash(c.replace("-", ""))), c));
        assertProblem(regenerate(access, code), 400, "validation"); // MFA-3: a code works once

        // every earlier code is over, at the second step and to turn TOTP off; the new ones work; TOTP stays on
        String token = mfaToken(e.user());
        for (String old : e.recoveryCodes()) {
            assertProblem(complete(token, "recoveryCode", old), 400, "validation");
        }
        assertEquals(200, complete(token, "recoveryCode", fresh.get(0)).statusCode());
        assertProblem(disable(access, "recoveryCode", e.recoveryCodes().get(1)), 400, "validation");
        assertEquals(9L, recoveryRows(e.user()));
        mfaRequired(login(e.user()));

        String id = e.user().id().toString();
        JsonObject entry = awaitItem("/api/v1/audit?action=mfa.recovery-codes-regenerated&actor=" + id, access, id);
        assertEquals("ALLOWED", entry.getString("outcome"), entry.toString());
        assertEquals("user", entry.getString("objectType"));
        assertEquals(id, entry.getString("objectId"));
    }

    /** MFA-19: with TOTP off there is nothing to replace (409), a pending enrolment included. */
    @Test
    void mfa19_withoutAnActiveTotpThereAreNoCodesToReplace() {
        ItDatabase.User u = user("nototp");
        String access = Tokens.login(u);
        assertProblem(regenerate(access, "123456"), 409, "conflict");
        HttpResponse<String> enrol = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, enrol.statusCode(), enrol.body());
        assertProblem(regenerate(access, code(base32(Http.json(enrol).getString("secret")), 0)), 409, "conflict");
        assertEquals(0L, recoveryRows(u));
    }

    /** MFA-19: a wrong code counts to the throttle of the second step, and over the limit nothing is checked. */
    @Test
    void mfa19_aWrongCodeCountsToTheThrottle() {
        Enrolled e = enrolled("regen-throttle");
        String access = Tokens.accessToken(e.user());
        assertProblem(regenerate(access, wrongCode(e.secret())), 400, "validation");
        String token = mfaToken(e.user());
        for (int i = 1; i < 20; i++) { // 20 failures in all, shared with the second step
            assertProblem(complete(token, "code", wrongCode(e.secret())), 400, "validation");
        }
        HttpResponse<String> limited = regenerate(access, code(e.secret(), 1));
        assertProblem(limited, 429, "rate-limited");
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(10L, recoveryRows(e.user()));
        assertEquals(e.recoveryCodes().stream().map(c -> io.coffer.shared.Secrets.hash(c.replace("-", ""))).sorted()
                .toList(), ItDatabase.texts(tenant, "select code_hash from mfa_recovery_codes where user_id = ?",
                e.user().id()).stream().sorted().toList(), "the earlier codes stay");
    }

    /**
     * MFA-20: {@code GET /me} tells whether TOTP is on and how many recovery codes are left, for the caller only,
     * never a secret; a pending enrolment is not on.
     */
    @Test
    void mfa20_getMeSummarisesTheSecondFactors() {
        ItDatabase.User u = user("summary");
        String access = Tokens.login(u);
        assertEquals(Json.createObjectBuilder().add("totp", false).add("recoveryCodesLeft", 0).add("passkeys", 0).build(),
                mfaOfMe(access));
        HttpResponse<String> enrol = Http.postJson("/api/v1/me/mfa/totp", access, "");
        assertEquals(201, enrol.statusCode(), enrol.body());
        byte[] secret = base32(Http.json(enrol).getString("secret"));
        assertFalse(mfaOfMe(access).getBoolean("totp"), "pending is not on");
        HttpResponse<String> confirm = Http.postJson("/api/v1/me/mfa/totp/confirm", access,
                "{\"code\": \"" + code(secret, 0) + "\"}");
        assertEquals(200, confirm.statusCode(), confirm.body());
        List<String> codes = strings(Http.json(confirm).getJsonArray("recoveryCodes"));
        assertEquals(Json.createObjectBuilder().add("totp", true).add("recoveryCodesLeft", 10).add("passkeys", 0).build(),
                mfaOfMe(access));
        assertEquals(200, complete(mfaToken(u), "recoveryCode", codes.get(0)).statusCode());
        assertEquals(9, mfaOfMe(access).getInt("recoveryCodesLeft"));
        HttpResponse<String> me = Http.get("/api/v1/me", access);
        for (String c : codes) {
            assertFalse(me.body().contains(c), "no code in the summary");
        }
        assertFalse(me.body().contains(Http.json(enrol).getString("secret")), "no secret in the summary");
        ItDatabase.User other = user("summary-other");
        assertFalse(mfaOfMe(Tokens.login(other)).getBoolean("totp"), "each caller their own");
        assertEquals(204, disable(access, "recoveryCode", codes.get(1)).statusCode());
        assertEquals(Json.createObjectBuilder().add("totp", false).add("recoveryCodesLeft", 0).add("passkeys", 0).build(),
                mfaOfMe(access));
    }
}
