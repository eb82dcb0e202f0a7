package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The master key rotation on the release an operator installs (docs/features/release.md OPS-22, OPS-23;
 * operations.md "Rotate the master key"): values of every kind sealed under an old key, a restart with a new key and
 * the old one as {@code COFFER_KEY_ENCRYPTION_KEY_PREVIOUS}, the re-seal job's log line and readiness data, then the
 * database read as the superuser: every sealed column opens with the new key and not with the old. Then a start with
 * a key that opens nothing stored fails with the message naming both variables. Runs the release jar like
 * {@link ReleaseJar} (its ports, a home of its own), since the test restarts Coffer with other keys.
 */
class MasterKeyRotationIT {

    /** Every sealed column of the schema: the IT also checks that no other {@code bytea} column exists unlisted. */
    static final Map<String, String> SEALED = new LinkedHashMap<>();

    static {
        SEALED.put("signing_keys", "private_key_enc");
        SEALED.put("visitor_token_keys", "sealed_key");
        SEALED.put("outbox", "payload");
        SEALED.put("webhooks", "secret_sealed");
        SEALED.put("webhook_deliveries", "body_sealed");
        SEALED.put("idempotency_keys", "body");
        SEALED.put("mfa_totp", "secret_sealed");
        SEALED.put("tenant_sso", "client_secret_sealed");
    }

    static final String NOTHING_LEFT = "master key rotation: nothing sealed under a previous key";

    @TempDir
    Path work;

    ReleaseJar release;

    @BeforeEach
    void release() {
        release = new ReleaseJar(work);
    }

    static byte[] freshKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    Process start(Path home, byte[] key, byte[] previous) throws Exception {
        ProcessBuilder pb = release.asTheUnitRunsIt(home);
        pb.environment().put("COFFER_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        if (previous != null) {
            pb.environment().put("COFFER_KEY_ENCRYPTION_KEY_PREVIOUS", Base64.getEncoder().encodeToString(previous));
        }
        pb.environment().put("COFFER_WEBHOOK_ALLOW_PRIVATE", "true"); // the receiver listens on loopback
        pb.environment().put("COFFER_KEYS_RESEAL_INTERVAL", "PT2S"); // coffer.keys.reseal-interval (MicroProfile Config)
        return pb.start();
    }

    HttpResponse<String> post(String path, String token, String json, String idempotencyKey) throws Exception {
        HttpRequest.Builder r = release.at(path).header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            r.header("Idempotency-Key", idempotencyKey);
        }
        return release.send(r.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The sealed values of every listed column, read as the superuser (row-level security does not hold it). */
    static Map<String, List<byte[]>> sealedValues(Path home) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {ReleaseJar.DB_PORT});
        ds.setDatabaseName("coffer");
        ds.setUser("postgres");
        ds.setPassword(Files.readString(home.resolve("db/superuser.secret")).strip());
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Set<String> bytea = new TreeSet<>();
            try (ResultSet r = s.executeQuery("select table_name || '.' || column_name from information_schema.columns"
                    + " where table_schema = 'public' and data_type = 'bytea'")) {
                while (r.next()) {
                    bytea.add(r.getString(1));
                }
            }
            Set<String> listed = new TreeSet<>();
            SEALED.forEach((t, col) -> listed.add(t + "." + col));
            assertEquals(listed, bytea, "every bytea column is a sealed column the rotation re-seals (and this test"
                    + " opens): a new one needs its SealedColumn");
            for (Map.Entry<String, String> e : SEALED.entrySet()) {
                List<byte[]> values = new ArrayList<>();
                try (ResultSet r = s.executeQuery("select " + e.getValue() + " from " + e.getKey() + " where "
                        + e.getValue() + " is not null")) {
                    while (r.next()) {
                        values.add(r.getBytes(1));
                    }
                }
                out.put(e.getKey() + "." + e.getValue(), values);
            }
        }
        return out;
    }

    /** The sealed value opened with {@code key} alone (AES-256-GCM, nonce of 12 bytes first), or empty. */
    static Optional<byte[]> openWith(byte[] key, byte[] sealed) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        try {
            return Optional.of(cipher.doFinal(sealed, 12, sealed.length - 12));
        } catch (AEADBadTagException wrongKey) {
            return Optional.empty();
        }
    }

    String messages(Path home) throws Exception {
        Path messages = home.resolve("logs/messages.log");
        return (Files.isRegularFile(messages) ? Files.readString(messages) : "")
                + (Files.isRegularFile(work.resolve("coffer.log")) ? Files.readString(work.resolve("coffer.log")) : "");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The readiness check named {@code master-key}. */
    JsonObject masterKeyReadiness() throws Exception {
        HttpResponse<String> ready = release.send(release.at("/health/ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        return ReleaseJar.json(ready).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("master-key")).findFirst()
                .orElseThrow(() -> new AssertionError("no master-key readiness check: " + ready.body()));
    }

    @Test
    void ops22_ops23_everySealedValueIsReSealedUnderTheNewKey_andAStartWithAKeyThatOpensNothingFails()
            throws Exception {
        assertTrue(Files.isRegularFile(ReleaseJar.JAR), "the build made " + ReleaseJar.JAR + " (profile release)");
        assertFalse(ReleaseJar.listening(ReleaseJar.PORT) || ReleaseJar.listening(ReleaseJar.DB_PORT), "ports are free");
        Path home = Files.createDirectories(work.resolve("var-lib-coffer"));
        byte[] oldKey = freshKey();
        byte[] newKey = freshKey();
        String secret;
        String visitorToken;
        String linkToken;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // 1. every kind of sealed value, under the old key
            Process coffer = start(home, oldKey, null);
            try {
                release.awaitReady(coffer);
                assertEquals("none", masterKeyReadiness().getJsonObject("data").getString("rotation"));
                String token = release.login(); // a signing key
                HttpResponse<String> hook = post("/api/v1/webhooks", token, "{\"url\": \"" + receiver.url()
                        + "\", \"events\": [\"dataroom.created\"]}", null);
                assertEquals(201, hook.statusCode(), hook.body());
                secret = ReleaseJar.json(hook).getString("secret");
                // a target that never answers: its delivery stays in the outbox, payload sealed, retried later
                assertEquals(201, post("/api/v1/webhooks", token, "{\"url\": \"http://127.0.0.1:9/h\", \"events\":"
                        + " [\"dataroom.created\"]}", null).statusCode());
                HttpResponse<String> room = post("/api/v1/datarooms", token, "{\"name\": \"Sealed room\"}",
                        UUID.randomUUID().toString()); // a kept idempotent answer
                assertEquals(201, room.statusCode(), room.body());
                String roomId = ReleaseJar.json(room).getString("id");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (receiver.received.isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "the webhook was delivered: " + release.log());
                    Thread.sleep(200);
                }
                HttpResponse<String> doc = release.send(release.at("/api/v1/datarooms/" + roomId
                                + "/documents?name=sealed.txt").header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray("sealed".getBytes(StandardCharsets.UTF_8))));
                assertEquals(201, doc.statusCode(), doc.body());
                HttpResponse<String> link = post("/api/v1/share-links", token, "{\"target\": {\"type\": \"DOCUMENT\","
                        + " \"id\": \"" + ReleaseJar.json(doc).getString("id") + "\"}}", null);
                assertEquals(201, link.statusCode(), link.body());
                linkToken = ReleaseJar.json(link).getString("token");
                HttpResponse<String> session = post("/api/v1/public/links/" + linkToken + "/sessions", null, "{}", null);
                assertEquals(201, session.statusCode(), session.body());
                visitorToken = ReleaseJar.json(session).getString("visitorToken"); // the tenant's visitor key
                HttpResponse<String> totp = post("/api/v1/me/mfa/totp", token, "", null); // a pending TOTP secret
                assertEquals(201, totp.statusCode(), totp.body());
                HttpResponse<String> sso = release.send(release.at("/api/v1/tenant/sso")
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": false, \"issuer\": \"\","
                                + " \"clientId\": \"rotation\", \"clientSecret\": \"rotation-secret\","
                                + " \"emailDomains\": [\"rotation.test\"], \"autoProvision\": false}")));
                assertEquals(200, sso.statusCode(), sso.body()); // a single sign-on client secret (SSO-2)

                Map<String, List<byte[]>> before = sealedValues(home);
                for (Map.Entry<String, List<byte[]>> e : before.entrySet()) {
                    assertFalse(e.getValue().isEmpty(), "seeded: " + e.getKey());
                    for (byte[] v : e.getValue()) {
                        assertTrue(openWith(oldKey, v).isPresent(), e.getKey() + " sealed under the old key");
                    }
                }
            } finally {
                if (coffer.isAlive()) {
                    release.stopGracefully(coffer);
                }
            }

            // 2. step 2 of the rotation: the new key seals, the old one is previous; the job re-seals everything
            Process rotated = start(home, newKey, oldKey);
            try {
                release.awaitReady(rotated);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!messages(home).contains(NOTHING_LEFT)) {
                    assertTrue(System.nanoTime() < deadline, "OPS-22: the job logs '" + NOTHING_LEFT + "': "
                            + release.log());
                    Thread.sleep(500);
                }
                JsonObject data = masterKeyReadiness().getJsonObject("data");
                assertEquals("re-sealing", data.getString("rotation"), data.toString());
                assertEquals(0, data.getJsonNumber("previousKeyValues").longValue(), data.toString());
                Thread.sleep(5000); // two more passes
                assertEquals(1, count(Files.readString(home.resolve("logs/messages.log")), NOTHING_LEFT), "logged once");

                Map<String, List<byte[]>> after = sealedValues(home);
                for (Map.Entry<String, List<byte[]>> e : after.entrySet()) {
                    assertFalse(e.getValue().isEmpty(), "still there: " + e.getKey());
                    for (byte[] v : e.getValue()) {
                        assertTrue(openWith(newKey, v).isPresent(), e.getKey() + " opens with the new key");
                        assertFalse(openWith(oldKey, v).isPresent(), e.getKey() + " no longer opens with the old");
                    }
                }

                // what the values are for still works: log in (signing key), the visitor's token (the same visitor
                // key, re-sealed), the webhook's signature (the same secret)
                String token = release.login();
                HttpResponse<String> tree = release.send(release.at("/api/v1/public/links/" + linkToken + "/tree")
                        .header("X-Visitor-Token", visitorToken));
                assertEquals(200, tree.statusCode(), "the visitor token issued before still verifies: " + tree.body());
                int received = receiver.received.size();
                assertEquals(201, post("/api/v1/datarooms", token, "{\"name\": \"After rotation\"}",
                        UUID.randomUUID().toString()).statusCode());
                long delivered = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (receiver.received.size() == received) {
                    assertTrue(System.nanoTime() < delivered, "delivered after the rotation: " + release.log());
                    Thread.sleep(200);
                }
                WebhookReceiver.Received r = receiver.received.get(received);
                assertEquals(WebhooksIT.hmac(secret, r.timestamp(), r.body()), r.signature(),
                        "the webhook's signature verifies with the secret given at its creation");
            } finally {
                if (rotated.isAlive()) {
                    release.stopGracefully(rotated);
                }
            }
        }

        // 3. OPS-23: a key that opens none of the stored values stops the start, with a message naming both variables
        Process wrong = start(home, freshKey(), null);
        try {
            assertTrue(wrong.waitFor(300, TimeUnit.SECONDS), "a start with a wrong key ends: " + release.log());
            assertTrue(wrong.exitValue() != 0, "exit status " + wrong.exitValue());
        } finally {
            if (wrong.isAlive()) {
                wrong.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        String log = messages(home);
        int at = log.lastIndexOf("Coffer cannot start: the configured keys open none of the stored");
        assertTrue(at >= 0, "OPS-23: the start-up check's message: " + release.log());
        String line = log.substring(at, log.indexOf('\n', at) < 0 ? log.length() : log.indexOf('\n', at));
        assertTrue(line.contains("COFFER_KEY_ENCRYPTION_KEY ") && line.contains("COFFER_KEY_ENCRYPTION_KEY_PREVIOUS"),
                line);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ReleaseJar.listening(ReleaseJar.DB_PORT)) {
            assertTrue(System.nanoTime() < deadline, "the embedded database stopped with the failed start");
            Thread.sleep(200);
        }
    }
}
