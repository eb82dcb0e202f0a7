package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scale-out invariants SC-1 … SC-7 (docs/features/scale-out.md), against two Coffer instances on one PostgreSQL
 * and one S3 store behind HAProxy (ear/pom.xml, profile {@code scale}). Each check that is about sharing addresses the
 * instances directly ({@code it.scale.a.url}, {@code it.scale.b.url}), so that round robin's luck cannot make it pass;
 * the kill check goes through the balancer ({@code it.base.url}) as a client would. Runs only in that profile (tag
 * {@code scale}), last: SC-6 kills instance B.
 */
@Tag("scale")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final String A = System.getProperty("it.scale.a.url", "http://localhost:9181");
    static final String B = System.getProperty("it.scale.b.url", "http://localhost:9186");
    static final String BALANCER = Http.BASE;

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    @AfterEach
    void address() {
        Http.clientAddress = null;
    }

    /** A request to one instance (or the balancer), through the tests' trusted loopback "proxy" like {@link Http}. */
    static HttpRequest.Builder to(String base, String path) {
        String address = Http.clientAddress != null ? Http.clientAddress
                : "198.51.100." + new Random().nextInt(256);
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address);
    }

    static HttpResponse<String> postJson(String base, String path, String token, String json) {
        HttpRequest.Builder r = to(base, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return Http.send(r);
    }

    static String other(String base) {
        return base.equals(A) ? B : A;
    }

    @Test
    @Order(1)
    void sc7_bothInstancesServeFromTheOneDatabase() {
        assertEquals(200, Http.send(to(A, "/health/ready").GET()).statusCode());
        assertEquals(200, Http.send(to(B, "/health/ready").GET()).statusCode());
        // a room created through A is in B's answer: one database
        ItDatabase.User owner = ItDatabase.user(ItDatabase.tenant("scale"), "owner@scale.test", "OWNER");
        String token = Tokens.accessToken(owner);
        HttpResponse<String> created = postJson(A, "/api/v1/datarooms", token,
                "{\"name\": \"Made on A\", \"description\": \"scale\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).getString("id");
        HttpResponse<String> seen = Http.send(to(B, "/api/v1/datarooms/" + id)
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(200, seen.statusCode(), seen.body());
        assertEquals("Made on A", Http.json(seen).getString("name"));
    }

    @Test
    @Order(2)
    void sc1_aResetTokenConfirmedOnBothInstancesAtOnceSucceedsExactlyOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            ItDatabase.User user = ItDatabase.user(ItDatabase.tenant("scale-reset"),
                    "u" + UUID.randomUUID().toString().substring(0, 8) + "@scale.test", "MEMBER");
            assertEquals(202, postJson(A, "/api/v1/auth/password-reset", null, "{\"tenant\": \""
                    + user.tenantSlug() + "\", \"email\": \"" + user.email() + "\"}").statusCode());
            String token = ItMail.token(ItMail.awaitMail(user.email(), 1));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Map<String, Future<Integer>> confirms = new TreeMap<>();
                for (String base : List.of(A, B)) {
                    String password = "passphrase set through " + base;
                    confirms.put(password, pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return postJson(base, "/api/v1/auth/password-reset/confirm", null, "{\"token\": \"" + token
                                + "\", \"newPassword\": \"" + password + "\"}").statusCode();
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                int winners = 0;
                for (Map.Entry<String, Future<Integer>> e : confirms.entrySet()) {
                    statuses.add(e.getValue().get(60, TimeUnit.SECONDS));
                    HttpResponse<String> login = postJson(A, "/api/v1/auth/login", null, "{\"tenant\": \""
                            + user.tenantSlug() + "\", \"email\": \"" + user.email() + "\", \"password\": \""
                            + e.getKey() + "\"}");
                    winners += login.statusCode() == 200 ? 1 : 0;
                }
                Collections.sort(statuses);
                assertEquals(List.of(204, 400), statuses, "exactly one instance wins, round " + round);
                assertEquals(1, winners, "and exactly one new password logs in");
                assertProblem(postJson(B, "/api/v1/auth/password-reset/confirm", null, "{\"token\": \"" + token
                        + "\", \"newPassword\": \"a later passphrase attempt\"}"), 400, "invalid-token");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static HttpResponse<String> login(String base, ItDatabase.User user, String password) {
        return postJson(base, "/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                + user.email() + "\", \"password\": \"" + password + "\"}");
    }

    @Test
    @Order(3)
    void sc2_loginFailuresCountAcrossInstances() {
        Http.clientAddress = "192.0.2." + (1 + new Random().nextInt(250));
        ItDatabase.User victim = ItDatabase.user(ItDatabase.tenant("scale-throttle"), "victim@scale.test", "MEMBER");
        // 20 failures, alternating: 10 on each instance, so neither alone has seen the account's limit
        for (int i = 0; i < 20; i++) {
            String base = i % 2 == 0 ? A : B;
            assertEquals(401, login(base, victim, "wrong password " + i).statusCode(), "failure " + i + " on " + base);
        }
        for (String base : List.of(A, B)) {
            HttpResponse<String> limited = login(base, victim, ItDatabase.PASSWORD);
            assertProblem(limited, 429, "rate-limited");
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);
        }
    }

    @Test
    @Order(4)
    void sc3_linkPasswordGuessesCountAcrossInstances() throws Exception {
        Http.clientAddress = ShareLinksIT.freshAddress();
        Fixture f = new Fixture("scale-links");
        String link = f.link("\"password\": \"the real one\"");
        int successes = 0;
        for (int i = 0; i < 20; i++) {
            String base = i % 2 == 0 ? A : B;
            HttpResponse<String> r = postJson(base, "/api/v1/public/links/" + link + "/sessions", null,
                    "{\"password\": \"guess " + i + "\"}");
            successes += r.statusCode() == 201 ? 1 : 0;
            assertProblem(r, 401, "credentials-required");
        }
        for (String base : List.of(A, B)) {
            assertProblem(postJson(base, "/api/v1/public/links/" + link + "/sessions", null,
                    "{\"password\": \"guess more\"}"), 429, "rate-limited");
            assertProblem(postJson(base, "/api/v1/public/links/" + link + "/sessions", null,
                    "{\"password\": \"the real one\"}"), 429, "rate-limited");
        }
        assertEquals(0, successes);
    }

    @Test
    @Order(5)
    void sc4_aLinkRevokedThroughOneInstanceIsRefusedByTheOtherAtTheNextRequest() throws Exception {
        Fixture f = new Fixture("scale-revoke");
        for (String revoker : List.of(A, B)) {
            String other = other(revoker);
            HttpResponse<String> made = postJson(revoker, "/api/v1/share-links", f.token, "{\"target\": {\"type\": "
                    + "\"DOCUMENT\", \"id\": \"" + f.document + "\"}}");
            assertEquals(201, made.statusCode(), made.body());
            String link = Http.json(made).getString("token");
            String id = Http.json(made).getString("id");
            HttpResponse<String> session = postJson(other, "/api/v1/public/links/" + link + "/sessions", null, "{}");
            assertEquals(201, session.statusCode(), session.body());
            String visitor = Http.json(session).getString("visitorToken");
            // the other instance has the link's facts in memory now (tree, page, beacon paths)
            for (int i = 0; i < 3; i++) {
                assertEquals(200, Http.send(to(other, "/api/v1/public/links/" + link + "/tree")
                        .header("X-Visitor-Token", visitor).GET()).statusCode());
            }
            assertEquals(204, Http.send(to(revoker, "/api/v1/share-links/" + id)
                    .header("Authorization", "Bearer " + f.token).DELETE()).statusCode());
            assertProblem(Http.send(to(other, "/api/v1/public/links/" + link).GET()), 404, "not-found");
            assertEquals(404, Http.send(to(other, "/api/v1/public/links/" + link + "/tree")
                    .header("X-Visitor-Token", visitor).GET()).statusCode(), "revoked through " + revoker);
            assertEquals(404, Http.send(to(other, "/api/v1/public/links/" + link + "/documents/" + f.document
                    + "/pages/1").header("X-Visitor-Token", visitor).GET()).statusCode());
        }
    }

    @Test
    @Order(6)
    void sc5_outboxWorkIsSharedAndNeverDuplicated() throws Exception {
        // 12 mails requested, half through each instance; both instances' outbox workers claim from the one table
        List<ItDatabase.User> users = new ArrayList<>();
        UUID tenant = ItDatabase.tenant("scale-mail");
        for (int i = 0; i < 12; i++) {
            ItDatabase.User user = ItDatabase.user(tenant, "m" + i + "-" + UUID.randomUUID().toString().substring(0, 6)
                    + "@scale.test", "MEMBER");
            users.add(user);
            String base = i % 2 == 0 ? A : B;
            assertEquals(202, postJson(base, "/api/v1/auth/password-reset", null, "{\"tenant\": \""
                    + user.tenantSlug() + "\", \"email\": \"" + user.email() + "\"}").statusCode());
        }
        for (ItDatabase.User user : users) {
            ItMail.awaitMail(user.email(), 1);
        }
        Thread.sleep(3000); // a second sender would have sent by now (the outbox's lease is 10 s in the IT config)
        for (ItDatabase.User user : users) {
            assertEquals(1, ItMail.mailsTo(user.email()).size(), "exactly one mail for " + user.email());
        }
    }

    @Test
    @Order(7)
    void sc6_killingOneInstanceUnderUploadLoadLosesNoAcknowledgedUploadAndNobodyHangs() throws Exception {
        Fixture f = new Fixture("scale-kill");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // document id -> sha-256
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            running.add(pool.submit(() -> {
                Random random = new Random(me);
                for (int n = 0; !stop.get(); n++) {
                    byte[] bytes = new byte[256 * 1024 + random.nextInt(768 * 1024)];
                    random.nextBytes(bytes);
                    String sha = DocumentsIT.sha256(bytes);
                    // a client retries a 503 (with a pause), and gives up on nothing else
                    for (int attempt = 0; attempt < 20; attempt++) {
                        long start = System.nanoTime();
                        HttpResponse<String> r;
                        try {
                            r = client.send(to(BALANCER, "/api/v1/datarooms/" + f.room + "/documents?name=c" + me
                                            + "-" + n + ".bin").timeout(Duration.ofSeconds(20))
                                    .header("Authorization", "Bearer " + f.token)
                                    .header("Content-Type", "application/octet-stream")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                        } catch (java.net.http.HttpTimeoutException e) {
                            failures.add("no answer within 20 s (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
                            return null;
                        } catch (java.io.IOException e) {
                            failures.add("the balancer dropped the connection: " + e);
                            return null;
                        }
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() == 201) {
                            acknowledged.put(Http.json(r).getString("id"), sha);
                            break;
                        }
                        if (r.statusCode() != 503) {
                            failures.add(r.statusCode() + " " + r.body());
                            return null;
                        }
                        assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 with Retry-After");
                        Thread.sleep(200);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(4000);
        int before = acknowledged.size();
        Path pidFile = Path.of(System.getProperty("it.wlp.dir"), "usr", "servers", ".pid",
                System.getProperty("it.scale.b.server", "cofferIT2") + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle b = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertTrue(b.destroyForcibly(), "SIGKILL sent to instance B");
        b.onExit().get(30, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        Thread.sleep(6000);
        stop.set(true);
        for (Future<?> r : running) {
            r.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long after = System.nanoTime();
        System.out.println("SC-6: " + acknowledged.size() + " uploads acknowledged (" + before + " before the kill), "
                + "answers " + statuses + ", load ran " + (after - killedAt) / 1_000_000 + " ms after the kill");
        assertEquals(List.of(), failures, "clients saw only 201 and 503 answers, none hung");
        assertTrue(before > 0 && acknowledged.size() > before, "uploads went on after the kill: " + before + " → "
                + acknowledged.size());
        // every acknowledged upload is there, byte for byte, read through the surviving instance
        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            HttpResponse<byte[]> content = client.send(to(A, "/api/v1/documents/" + e.getKey() + "/content")
                    .header("Authorization", "Bearer " + f.token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, content.statusCode(), "acknowledged upload " + e.getKey());
            assertEquals(e.getValue(), DocumentsIT.sha256(content.body()), "byte for byte: " + e.getKey());
        }
        // and the balancer still serves, through A alone
        assertEquals(200, Http.send(to(BALANCER, "/health/ready").GET()).statusCode());
    }

    /** A tenant, its owner, a room and one PDF, made through instance A. */
    static final class Fixture {
        final ItDatabase.User owner;
        final String token;
        final String room;
        final String document;

        Fixture(String prefix) throws Exception {
            owner = ItDatabase.user(ItDatabase.tenant(prefix), "owner@" + prefix + ".test", "OWNER");
            token = Tokens.accessToken(owner);
            HttpResponse<String> created = postJson(A, "/api/v1/datarooms", token,
                    "{\"name\": \"Room\", \"description\": \"scale\"}");
            assertEquals(201, created.statusCode(), created.body());
            room = Http.json(created).getString("id");
            HttpResponse<String> up = Http.send(to(A, "/api/v1/datarooms/" + room + "/documents?name=a.pdf")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(1, 612, 792))));
            assertEquals(201, up.statusCode(), up.body());
            document = Http.json(up).getString("id");
        }

        String link(String extra) {
            HttpResponse<String> r = postJson(A, "/api/v1/share-links", token, "{\"target\": {\"type\": \"DOCUMENT\","
                    + " \"id\": \"" + document + "\"}, " + extra + "}");
            assertEquals(201, r.statusCode(), r.body());
            return Http.json(r).getString("token");
        }
    }
}
