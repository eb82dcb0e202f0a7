package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over HTTP against a receiver on loopback (the IT server allows private targets: COFFER_WEBHOOK_ALLOW_PRIVATE,
 * the refusals are proved in SsrfGuardTest and WebhookSenderTest): signatures, retries with growing gaps, the dead
 * letter after the last try (4 in the IT server), replay, and the management rules.
 */
class WebhooksIT {

    record Admin(UUID tenant, String token) {
    }

    static Admin admin(String role) {
        UUID tenant = ItDatabase.tenant("wh");
        ItDatabase.User user = ItDatabase.user(tenant, role.toLowerCase() + "-" + UUID.randomUUID().toString()
                .substring(0, 6) + "@wh.test", role);
        return new Admin(tenant, Tokens.accessToken(user));
    }

    static JsonObject create(Admin a, String url, String events) {
        var created = Http.postJson("/api/v1/webhooks", a.token(), "{\"url\":\"" + url + "\",\"events\":" + events + "}");
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created);
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(100);
        }
    }

    static String hmac(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    static JsonObject delivery(Admin a, String webhook) {
        var list = Http.get("/api/v1/webhooks/" + webhook + "/deliveries", a.token());
        assertEquals(200, list.statusCode(), list.body());
        var items = Http.json(list).getJsonArray("items");
        assertEquals(1, items.size(), list.body());
        return items.getJsonObject(0);
    }

    @Test
    void wh5_wh6_wh16_wh17_anEventReachesTheSubscribedWebhookSignedOverTimestampAndRawBody() throws Exception {
        Admin a = admin("ADMIN");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonObject hook = create(a, receiver.url(), "[\"dataroom.created\"]");
            create(a, receiver.url(), "[\"document.uploaded\"]"); // subscribed to another type: gets nothing
            String secret = hook.getString("secret");
            assertTrue(secret.length() >= 22, "a generated secret of 128 bits and more: " + secret);
            String room = DataRoomsIT.createRoom(a.token(), "Hooked").getString("id");
            await(() -> receiver.received.size() == 1, Duration.ofSeconds(10), "delivered within 10 s");
            WebhookReceiver.Received r = receiver.received.get(0);
            long sent = Long.parseLong(r.timestamp());
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - sent) < 60, "Unix seconds: " + sent);
            assertEquals(hmac(secret, r.timestamp(), r.body()), r.signature(), "WH-6: the signature verifies");
            assertFalse(r.signature().equals(hmac(secret, Long.toString(sent + 1), r.body())), "the timestamp is signed");
            JsonObject body = Http.json(new FakeResponse(r.body()));
            assertEquals("dataroom.created", body.getString("type"));
            assertEquals(room, body.getString("dataroomId"));
            assertEquals("USER", body.getJsonObject("actor").getString("type"));
            assertNotNull(body.getString("id"));
            assertNotNull(body.getString("at"));
            JsonObject d = delivery(a, hook.getString("id"));
            assertEquals(r.delivery(), d.getString("id"), "X-Coffer-Delivery is the delivery's id");
            assertEquals("DELIVERED", d.getString("status"), "WH-17: the delivery's state is listed");
            assertEquals(1, d.getInt("attempts"));
            assertEquals(200, d.getInt("lastStatusCode"));

            Thread.sleep(1500);
            assertEquals(1, receiver.received.size(), "only subscribed event types");
        }
    }

    @Test
    void wh16_fd34_theSubscriptionsAreAskedOncePerChange_andAWebhookRemovedElsewhereGetsNothingMore() throws Exception {
        Admin a = admin("ADMIN");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // uploads raise no access generation (a new room does: its grants), so the three are routed from memory
            JsonObject hook = create(a, receiver.url(), "[\"document.uploaded\"]");
            String room = DataRoomsIT.createRoom(a.token(), "Uploads").getString("id");
            AuditIT.upload(a.token(), room, "first.txt", "first".getBytes());
            await(() -> receiver.received.size() == 1, Duration.ofSeconds(10), "delivered within 10 s");

            java.util.Map<String, Long> before = ItDatabase.statements();
            for (int i = 0; i < 3; i++) {
                AuditIT.upload(a.token(), room, "doc-" + i + ".txt", ("doc " + i).getBytes());
            }
            await(() -> receiver.received.size() == 4, Duration.ofSeconds(10), "each event delivered");
            java.util.Map<String, Long> after = ItDatabase.statements();
            long routing = after.entrySet().stream().filter(e -> e.getKey().contains("select events from webhooks"))
                    .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
            assertTrue(routing <= 1, "three events asked which types are subscribed " + routing + " times");

            // removed by another instance (here: straight in the shared database): the generation rises, and the
            // next event here is not sent to it
            assertEquals(1, ItDatabase.execute(a.tenant(), "delete from webhooks where id = cast(? as uuid)",
                    hook.getString("id")));
            AuditIT.upload(a.token(), room, "after.txt", "after".getBytes());
            Thread.sleep(2000);
            assertEquals(4, receiver.received.size(), "no delivery to a webhook removed elsewhere");
        }
    }

    @Test
    void wh16_aRefusalIsDeliveredFromATransactionOfItsOwnWhateverBecameOfTheRefusedOne() throws Exception {
        UUID tenant = ItDatabase.tenant("whd");
        ItDatabase.User user = ItDatabase.user(tenant, "admin-" + UUID.randomUUID().toString().substring(0, 6)
                + "@whd.test", "ADMIN");
        Admin a = new Admin(tenant, Tokens.accessToken(user));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            create(a, receiver.url(), "[\"auth.login.failed\"]");
            var refused = Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug()
                    + "\", \"email\": \"" + user.email() + "\", \"password\": \"not the password\"}");
            assertEquals(401, refused.statusCode(), refused.body());
            await(() -> receiver.received.size() == 1, Duration.ofSeconds(10), "WH-16: the refusal is delivered");
            JsonObject body = Http.json(new FakeResponse(receiver.received.get(0).body()));
            assertEquals("auth.login.failed", body.getString("type"));
            assertEquals(user.id().toString(), body.getJsonObject("actor").getString("id"));
            assertFalse(receiver.received.get(0).body().contains(user.email()), "no email in the body");
        }
    }

    @Test
    void wh18_wh19_wh20_failedTriesComeBackWithGrowingGapsThenDeadThenAReplayDeliversAgain() throws Exception {
        Admin a = admin("OWNER");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.status = () -> 500;
            JsonObject hook = create(a, receiver.url(), "[\"dataroom.created\"]");
            DataRoomsIT.createRoom(a.token(), "Failing");
            await(() -> receiver.received.size() >= 4, Duration.ofSeconds(30), "4 tries within 30 s");
            Thread.sleep(3000);
            List<WebhookReceiver.Received> tries = receiver.received;
            assertEquals(4, tries.size(), "WH-19: no 5th try after the last (4 in the IT server)");
            assertEquals(1, tries.stream().map(WebhookReceiver.Received::delivery).distinct().count(),
                    "every try carries the same delivery id");
            long[] gaps = new long[3];
            for (int i = 0; i < 3; i++) {
                gaps[i] = (tries.get(i + 1).nanos() - tries.get(i).nanos()) / 1_000_000;
                // equal jitter: the wait before try i+2 is at least half of base * 2^i (base 1 s in the IT server)
                assertTrue(gaps[i] >= (1000L << i) / 2 - 100, "WH-18: gap " + i + " is " + gaps[i] + " ms");
            }
            assertTrue(gaps[2] > gaps[0], "WH-18: the gaps grow: " + java.util.Arrays.toString(gaps));
            JsonObject dead = delivery(a, hook.getString("id"));
            assertEquals("DEAD", dead.getString("status"), "OUT-8, WH-19: dead after the last try " + dead);
            assertEquals(4, dead.getInt("attempts"));
            assertEquals(500, dead.getInt("lastStatusCode"));
            assertTrue(dead.getString("lastError").contains("500"), dead.toString());

            receiver.status = () -> 200;
            var replay = Http.send(Http.request("/api/v1/webhook-deliveries/" + dead.getString("id") + "/replay")
                    .header("Authorization", "Bearer " + a.token())
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(202, replay.statusCode(), replay.body());
            await(() -> receiver.received.size() == 5, Duration.ofSeconds(10), "WH-20: the replay is delivered");
            assertEquals(dead.getString("id"), receiver.received.get(4).delivery());
            await(() -> "DELIVERED".equals(delivery(a, hook.getString("id")).getString("status")),
                    Duration.ofSeconds(5), "the replayed delivery is DELIVERED");
        }
    }

    @Test
    void wh1_wh2_wh3_wh4_wh11_wh21_managementRulesAndTheSecretSealedAtRest() throws Exception {
        Admin a = admin("ADMIN");
        Admin member = new Admin(a.tenant(), Tokens.accessToken(ItDatabase.user(a.tenant(),
                "member-" + UUID.randomUUID().toString().substring(0, 6) + "@wh.test", "MEMBER")));
        // WH-1: authorization before validation
        Problems.assertProblem(Http.postJson("/api/v1/webhooks", member.token(), "{\"url\":\"x\"}"), 403, "forbidden");
        Problems.assertProblem(Http.get("/api/v1/webhooks", member.token()), 403, "forbidden");
        // WH-3: unknown event type, WH-2: not a URL, unknown field
        Problems.assertProblem(Http.postJson("/api/v1/webhooks", a.token(),
                "{\"url\":\"https://example.com/h\",\"events\":[\"document.exploded\"]}"), 400, "validation");
        // WH-11: a name that does not resolve (.invalid never does) is refused at creation
        Problems.assertProblem(Http.postJson("/api/v1/webhooks", a.token(),
                "{\"url\":\"https://hooks.does-not-exist.invalid/h\",\"events\":[\"document.uploaded\"]}"), 400,
                "validation");
        Problems.assertProblem(Http.postJson("/api/v1/webhooks", a.token(),
                "{\"url\":\"ftp://example.com/h\",\"events\":[\"document.uploaded\"]}"), 400, "validation");
        Problems.assertProblem(Http.postJson("/api/v1/webhooks", a.token(),
                "{\"url\":\"https://example.com/h\",\"events\":[\"document.uploaded\"],\"tenantId\":\"x\"}"), 400,
                "validation");
        String secret = "my own secret of enough length";
        var created = Http.postJson("/api/v1/webhooks", a.token(), "{\"url\":\"http://127.0.0.1:9/h\","
                + "\"events\":[\"document.uploaded\",\"link.opened\"],\"secret\":\"" + secret + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject hook = Http.json(created);
        assertEquals(secret, hook.getString("secret"));
        assertEquals(List.of("document.uploaded", "link.opened"), hook.getJsonArray("events").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        // WH-4: listed without the secret, stored sealed
        var list = Http.get("/api/v1/webhooks", a.token());
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(secret), list.body());
        assertTrue(list.body().contains(hook.getString("id")), list.body());
        assertEquals(1, ItDatabase.number(a.tenant(), "select count(*) from webhooks"));
        assertEquals(0, ItDatabase.number(a.tenant(), "select count(*) from webhooks where position(convert_to(?,"
                + " 'UTF8') in secret_sealed) > 0 or url like '%' || ? || '%'", secret, secret));
        // WH-21: another tenant's admin sees nothing and deletes nothing
        Admin other = admin("ADMIN");
        Problems.assertProblem(Http.get("/api/v1/webhooks/" + hook.getString("id") + "/deliveries", other.token()),
                404, "not-found");
        assertFalse(Http.get("/api/v1/webhooks", other.token()).body().contains(hook.getString("id")),
                "WH-21: not in another tenant's list");
        Problems.assertProblem(Http.send(Http.request("/api/v1/webhooks/" + hook.getString("id"))
                .header("Authorization", "Bearer " + other.token()).DELETE()), 404, "not-found");
        assertEquals(204, Http.send(Http.request("/api/v1/webhooks/" + hook.getString("id"))
                .header("Authorization", "Bearer " + a.token()).DELETE()).statusCode());
        assertEquals(0, ItDatabase.number(a.tenant(), "select count(*) from webhooks"));
    }

    /** Lets {@link Http#json} read a receiver's body. */
    record FakeResponse(String body) implements java.net.http.HttpResponse<String> {
        public int statusCode() {
            return 200;
        }

        public java.net.http.HttpRequest request() {
            return null;
        }

        public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of(), (x, y) -> true);
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public java.net.URI uri() {
            return null;
        }

        public java.net.http.HttpClient.Version version() {
            return java.net.http.HttpClient.Version.HTTP_1_1;
        }
    }
}
