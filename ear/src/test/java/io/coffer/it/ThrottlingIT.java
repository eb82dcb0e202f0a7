package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ID-16, ID-30, ID-31, ID-34: login and token throttling per account and per address, held in PostgreSQL, checked
 * before hashing, never locking out others.
 */
class ThrottlingIT {

    @AfterEach
    void address() {
        Http.clientAddress = null;
    }

    static HttpResponse<String> login(ItDatabase.User user, String password) {
        return login(user.tenantSlug(), user.email(), password);
    }

    static HttpResponse<String> login(String tenantSlug, String email, String password) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + tenantSlug + "\", \"email\": \""
                + email + "\", \"password\": \"" + password + "\"}");
    }

    @Test
    void id16_twentyFailuresLockTheAccountWith429AndRetryAfterButNotOtherAccounts() {
        Http.clientAddress = "192.0.2." + (1 + (int) (Math.random() * 250));
        UUID tenant = ItDatabase.tenant("throttle");
        ItDatabase.User victim = ItDatabase.user(tenant, "victim@t.test", "MEMBER");
        ItDatabase.User neighbour = ItDatabase.user(tenant, "neighbour@t.test", "MEMBER");
        for (int i = 0; i < 20; i++) {
            assertEquals(401, login(victim, "wrong password number " + i).statusCode());
        }
        long start = System.nanoTime();
        HttpResponse<String> limited = login(victim, ItDatabase.PASSWORD);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(limited, 429, "rate-limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        assertTrue(millis < 150, "refused before any password hash (" + millis + " ms)");

        assertEquals(200, login(neighbour, ItDatabase.PASSWORD).statusCode(),
                "the same address still logs another account in");
        Http.clientAddress = "192.0.2.254";
        assertProblem(login(victim, ItDatabase.PASSWORD), 429, "rate-limited");
    }

    static final Random RANDOM = new Random();

    /**
     * A fresh documentation-range IPv6 address in a /64 of its own (per-address limits count an IPv6 client by its
     * /64, ID-31): throttle rows outlive a run of the test server.
     */
    static String freshAddress(String tag) {
        return "2001:db8:" + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":"
                + Integer.toHexString(RANDOM.nextInt(0xffff)) + "::" + tag;
    }

    @Test
    void id30_anAddressOverItsLimitHasItsFailuresRefusedButNeverACorrectLoginOfAnotherAccount() throws Exception {
        String address = freshAddress("30");
        Http.clientAddress = address;
        UUID tenant = ItDatabase.tenant("throttle-address");
        ItDatabase.User neighbour = ItDatabase.user(tenant, "neighbour@t.test", "MEMBER");
        ItDatabase.User victim = ItDatabase.user(tenant, "victim@t.test", "MEMBER");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> failures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String email = "nobody-" + i + "@t.test"; // other accounts each time: no account reaches its limit
                failures.add(pool.submit(() -> login(victim.tenantSlug(), email, "a wrong password").statusCode()));
            }
            for (Future<Integer> f : failures) {
                int status = f.get();
                assertTrue(status == 401 || status == 429, "a failure: " + status);
            }
        } finally {
            pool.shutdown();
        }
        HttpResponse<String> correct = login(neighbour, ItDatabase.PASSWORD);
        assertEquals(200, correct.statusCode(), "a correct password of another account is never refused: "
                + correct.body());
        assertTrue(Http.json(correct).getString("accessToken").length() > 20);
        HttpResponse<String> wrong = login(victim, "still guessing");
        assertProblem(wrong, 429, "rate-limited");
        assertTrue(Long.parseLong(wrong.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertProblem(login(victim.tenantSlug(), "ghost@t.test", "a wrong password"), 429, "rate-limited");
        assertEquals(200, login(victim, ItDatabase.PASSWORD).statusCode(),
                "the refused failure did not lock the victim's account");
        Http.clientAddress = freshAddress("30");
        assertEquals(401, login(victim, "wrong elsewhere").statusCode(), "another address is not limited");
    }

    /** A request whose X-Forwarded-For comes as two header lines: the client's own, then the trusted proxy's. */
    static HttpResponse<String> withTwoForwardedLines(String path, String clientsOwnLine, String proxysLine,
                                                      String json) {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.BASE + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientsOwnLine).header("X-Forwarded-For", proxysLine)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void id31_aClientRotatingItsOwnForwardedForLineStaysUnderItsRealAddressLimit() {
        String real = freshAddress("31");
        for (int i = 0; i < 20; i++) {
            String fake = "198.51.100." + RANDOM.nextInt(256) + ", 203.0.113." + RANDOM.nextInt(256);
            HttpResponse<String> r = withTwoForwardedLines("/api/v1/auth/verify-email", fake, real,
                    "{\"token\": \"forged-" + i + "\"}");
            assertProblem(r, 400, "invalid-token");
        }
        HttpResponse<String> limited = withTwoForwardedLines("/api/v1/auth/verify-email", "192.0.2.77", real,
                "{\"token\": \"forged-again\"}");
        assertProblem(limited, 429, "rate-limited");
    }

    @Test
    void id34_aGenuineMailedTokenIsHonouredFromAnAddressOverItsBadTokenLimit() {
        ItMail.start();
        Http.clientAddress = freshAddress("34");
        for (int i = 0; i < 20; i++) {
            assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"bad-" + i + "\"}"), 400,
                    "invalid-token");
        }
        assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"bad-more\"}"), 429,
                "rate-limited");
        String slug = "thr-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada@" + slug + ".test";
        assertEquals(202, SignupIT.signup(slug, email).statusCode());
        String verify = ItMail.token(ItMail.awaitMail(email, 1));
        HttpResponse<String> verified = Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"" + verify
                + "\"}");
        assertEquals(204, verified.statusCode(), "a genuine token is no guess: " + verified.body());
        assertEquals(200, SignupIT.login(slug, email).statusCode(), "the address really was verified");

        for (int i = 0; i < 20; i++) {
            assertProblem(Http.postJson("/api/v1/auth/password-reset/confirm", null, "{\"token\": \"bad-" + i
                    + "\", \"newPassword\": \"a brand new passphrase\"}"), 400, "invalid-token");
        }
        assertProblem(Http.postJson("/api/v1/auth/password-reset/confirm", null, "{\"token\": \"bad-more\","
                + " \"newPassword\": \"a brand new passphrase\"}"), 429, "rate-limited");
        assertEquals(202, Http.postJson("/api/v1/auth/password-reset", null, "{\"tenant\": \"" + slug
                + "\", \"email\": \"" + email + "\"}").statusCode());
        String reset = ItMail.token(ItMail.awaitMail(email, 2));
        HttpResponse<String> confirmed = Http.postJson("/api/v1/auth/password-reset/confirm", null, "{\"token\": \""
                + reset + "\", \"newPassword\": \"a brand new passphrase\"}");
        assertEquals(204, confirmed.statusCode(), "a genuine reset token is no guess: " + confirmed.body());
    }

    @Test
    void id31_anIpv6ClientIsCountedByItsSlash64() {
        String network = "2001:db8:" + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":"
                + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":";
        for (int i = 0; i < 20; i++) {
            Http.clientAddress = network + Integer.toHexString(i + 1) + ":0:0:"
                    + Integer.toHexString(RANDOM.nextInt(0xffff));
            assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"rotated-" + i + "\"}"),
                    400, "invalid-token");
        }
        Http.clientAddress = network + "ffff:1:2:3";
        assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"rotated-again\"}"), 429,
                "rate-limited");
        Http.clientAddress = freshAddress("31");
        assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"another network\"}"), 400,
                "invalid-token");
    }
}
