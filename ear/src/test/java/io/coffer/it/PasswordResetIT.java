package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The password-reset invariants ID-8 … ID-14, one test each, against the running server with real mail. */
class PasswordResetIT {
    static final String NEW_PASSWORD = "a brand new passphrase";

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    @AfterEach
    void clock() {
        ItClock.reset();
    }

    static ItDatabase.User freshUser() {
        UUID tenant = ItDatabase.tenant("reset");
        return ItDatabase.user(tenant, "u" + UUID.randomUUID().toString().substring(0, 8) + "@reset.test", "MEMBER");
    }

    static HttpResponse<String> request(ItDatabase.User user) {
        return request(user.tenantSlug(), user.email());
    }

    static HttpResponse<String> request(String tenant, String email) {
        return Http.postJson("/api/v1/auth/password-reset", null,
                "{\"tenant\": \"" + tenant + "\", \"email\": \"" + email + "\"}");
    }

    static HttpResponse<String> confirm(String token, String password) {
        return Http.postJson("/api/v1/auth/password-reset/confirm", null,
                "{\"token\": \"" + token + "\", \"newPassword\": \"" + password + "\"}");
    }

    static String mailedToken(ItDatabase.User user, int count) {
        return ItMail.token(ItMail.awaitMail(user.email(), count));
    }

    static int loginStatus(ItDatabase.User user, String password) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                + user.email() + "\", \"password\": \"" + password + "\"}").statusCode();
    }

    @Test
    void id8_theTokenHasAtLeast128RandomBitsAndOnlyItsHashIsStored() throws Exception {
        ItDatabase.User user = freshUser();
        assertEquals(202, request(user).statusCode());
        String token = mailedToken(user, 1);
        assertTrue(token.matches("[A-Za-z0-9_-]{43,}"), "256 bits, base64url: " + token);
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
                p.setString(1, user.tenant().toString());
                p.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement("select token_hash from one_time_tokens where user_id = ?")) {
                p.setObject(1, user.id());
                try (ResultSet r = p.executeQuery()) {
                    assertTrue(r.next());
                    String stored = r.getString(1);
                    assertFalse(stored.contains(token));
                    assertTrue(stored.matches("[0-9a-f]{64}"), "a sha-256 hash");
                }
            }
            c.rollback();
        }
    }

    @Test
    void id9_theTokenExpiresAfterThirtyMinutes() {
        ItDatabase.User early = freshUser();
        request(early);
        String earlyToken = mailedToken(early, 1);
        ItDatabase.User late = freshUser();
        request(late);
        String lateToken = mailedToken(late, 1);

        ItClock.advance(Duration.ofMinutes(29));
        assertEquals(204, confirm(earlyToken, NEW_PASSWORD).statusCode(), "still valid at 29 minutes");
        ItClock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertProblem(confirm(lateToken, NEW_PASSWORD), 400, "invalid-token");
        ItClock.reset();
        assertEquals(200, loginStatus(late, ItDatabase.PASSWORD), "the expired token changed nothing");
    }

    @Test
    void id10_theTokenIsSingleUseEvenUnderTwoConcurrentConfirms() throws Exception {
        ItDatabase.User user = freshUser();
        request(user);
        String token = mailedToken(user, 1);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> confirms = List.of("first concurrent passphrase",
                        "second concurrent passphrase").stream()
                .map(password -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return confirm(token, password).statusCode();
                })).toList();
        List<Integer> statuses = confirms.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(204, 400), statuses, "exactly one wins");
        assertEquals(400, confirm(token, NEW_PASSWORD).statusCode(), "and a later one loses too");
        int winners = (loginStatus(user, "first concurrent passphrase") == 200 ? 1 : 0)
                + (loginStatus(user, "second concurrent passphrase") == 200 ? 1 : 0);
        assertEquals(1, winners);
    }

    @Test
    void id11_theTokenChangesOnlyTheUserAndTenantItWasIssuedFor() {
        ItDatabase.User target = freshUser();
        ItDatabase.User sameTenant = ItDatabase.user(target.tenant(), "other@" + target.tenantSlug() + ".test",
                "MEMBER");
        ItDatabase.User otherTenantSameEmail = ItDatabase.user(ItDatabase.tenant("reset-b"), target.email(), "MEMBER");
        request(target);
        assertEquals(204, confirm(mailedToken(target, 1), NEW_PASSWORD).statusCode());
        assertEquals(200, loginStatus(target, NEW_PASSWORD));
        assertEquals(200, loginStatus(sameTenant, ItDatabase.PASSWORD));
        assertEquals(200, loginStatus(otherTenantSameEmail, ItDatabase.PASSWORD));
        assertEquals(401, loginStatus(otherTenantSameEmail, NEW_PASSWORD));
    }

    @Test
    void id12_wrongExpiredUsedAndForeignTokensGetOneIdenticalAnswer() {
        ItDatabase.User user = freshUser();
        request(user);
        String used = mailedToken(user, 1);
        assertEquals(204, confirm(used, NEW_PASSWORD).statusCode());
        ItDatabase.User other = freshUser();
        request(other);
        String expired = mailedToken(other, 1);
        String signupSlug = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
        SignupIT.signup(signupSlug, "v@" + signupSlug + ".test");
        String verificationToken = ItMail.token(ItMail.awaitMail("v@" + signupSlug + ".test", 1));

        String wrong = withoutInstance(confirm("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NEW_PASSWORD).body());
        assertProblem(confirm(used, NEW_PASSWORD), 400, "invalid-token");
        assertEquals(wrong, withoutInstance(confirm(used, NEW_PASSWORD).body()));
        assertEquals(wrong, withoutInstance(confirm(verificationToken, NEW_PASSWORD).body()),
                "a token of another kind is foreign");
        ItClock.advance(Duration.ofMinutes(31));
        assertEquals(wrong, withoutInstance(confirm(expired, NEW_PASSWORD).body()));
    }

    @Test
    void id37_aSpentResetTokenCostsNoPasswordHash() {
        ItDatabase.User user = freshUser();
        request(user);
        String used = mailedToken(user, 1);
        assertEquals(204, confirm(used, NEW_PASSWORD).statusCode());
        HashCost.assertNoHash("confirming a used reset token", 400, () -> confirm(used, NEW_PASSWORD),
                () -> confirm("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NEW_PASSWORD),
                () -> Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug()
                        + "\", \"email\": \"" + user.email() + "\", \"password\": \"not the password at all\"}"));
    }

    @Test
    void id13_anUnknownEmailAnswersLikeAKnownOneAndNothingIsSent() {
        ItDatabase.User known = freshUser();
        HttpResponse<String> forKnown = request(known);
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8) + "@reset.test";
        HttpResponse<String> forUnknown = request(known.tenantSlug(), ghost);
        HttpResponse<String> forUnknownTenant = request("no-such-tenant-zz", known.email());
        for (HttpResponse<String> answer : List.of(forKnown, forUnknown, forUnknownTenant)) {
            assertEquals(202, answer.statusCode());
            assertEquals("{}", answer.body());
        }
        ItMail.awaitMail(known.email(), 1);
        ItMail.assertNoMoreMail(ghost, 0);
    }

    @Test
    void id13_atMostThreeMailsPerAccountInFifteenMinutesAndStill202() {
        ItDatabase.User user = freshUser();
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> answer = request(user);
            assertEquals(202, answer.statusCode());
            assertEquals("{}", answer.body());
        }
        ItMail.awaitMail(user.email(), 3);
        ItMail.assertNoMoreMail(user.email(), 3);
    }

    @Test
    void id14_aResetEndsEveryEarlierAccessAndRefreshTokenAndSendsANotice() {
        ItDatabase.User user = freshUser();
        HttpResponse<String> login = Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug()
                + "\", \"email\": \"" + user.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}");
        String access = Http.json(login).getString("accessToken");
        String refresh = SessionsIT.refreshCookie(login);
        assertEquals(200, Http.get("/api/v1/me", access).statusCode());

        request(user);
        assertEquals(204, confirm(mailedToken(user, 1), NEW_PASSWORD).statusCode());

        assertProblem(Http.get("/api/v1/me", access), 401, "unauthenticated");
        assertProblem(SessionsIT.refresh(refresh), 401, "unauthenticated");
        String notice = ItMail.awaitMail(user.email(), 2);
        assertTrue(notice.contains("password") && !notice.contains("token="), notice);
    }
}
