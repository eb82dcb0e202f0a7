package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Operations: health (FD-9, FD-11: the watchdog, not the test, brings a killed database back with its data), OpenAPI from the DTO records, /metrics closed to the public. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {

    @Test
    @Order(1)
    void liveAndReadyAreUp() {
        HttpResponse<String> live = Http.get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> ready = Http.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", Http.json(ready).getString("status"));
    }

    @Test
    @Order(2)
    void openApiDescribesTheRealDtoRecords() {
        HttpResponse<String> response = Http.send(Http.request("/openapi").header("Accept", "application/json").GET());
        assertEquals(200, response.statusCode());
        JsonObject doc = Http.json(response);
        assertTrue(doc.getJsonObject("paths").containsKey("/api/v1/me"), "the /me path is documented");
        JsonObject me = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Me");
        assertTrue(me.getJsonObject("properties").keySet().containsAll(
                java.util.Set.of("userId", "tenantId", "tenantSlug", "email", "displayName", "role")));
    }

    @Test
    @Order(3)
    void ops11_metricsAnswerTheOperatorsBearerTokenOnlyAndShowNothingToAnyoneElse() throws Exception {
        String token = System.getProperty("it.secret.metrics");
        assertTrue(token != null && !token.isBlank(), "the IT server has a COFFER_METRICS_TOKEN (ear/pom.xml)");
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("no Authorization", null);
        refused.put("a wrong token", "Bearer wrong-" + token);
        refused.put("the token's prefix", "Bearer " + token.substring(0, token.length() - 1));
        refused.put("the token as Basic", "Basic " + token);
        refused.put("an API access token", "Bearer " + Tokens.accessToken(
                ItDatabase.user(ItDatabase.tenant("metrics-owner"), "owner@metrics.test", "OWNER")));
        for (var attempt : refused.entrySet()) {
            HttpRequest.Builder request = Http.request("/metrics").GET();
            if (attempt.getValue() != null) {
                request.header("Authorization", attempt.getValue());
            }
            HttpResponse<String> metrics = Http.send(request);
            assertEquals(401, metrics.statusCode(), attempt.getKey() + ": " + metrics.body());
            assertEquals("Bearer realm=\"metrics\"", metrics.headers().firstValue("WWW-Authenticate").orElse(null),
                    attempt.getKey());
            assertFalse(metrics.body().contains("jvm_") || metrics.body().contains("# TYPE"),
                    attempt.getKey() + " sees no metric: " + metrics.body());
            assertEquals("application/problem+json", metrics.headers().firstValue("Content-Type").orElse(null),
                    attempt.getKey());
            assertEquals("/problems/unauthenticated", Http.json(metrics).getString("type"), attempt.getKey());
        }

        HttpResponse<String> scrape = Http.send(Http.request("/metrics").header("Authorization", "Bearer " + token).GET());
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.body().contains("# TYPE") && scrape.body().contains("jvm_uptime_seconds"),
                "Prometheus text with the JVM's metrics: " + scrape.body().substring(0, Math.min(500, scrape.body().length())));
        HttpResponse<String> scoped = Http.send(Http.request("/metrics?scope=base")
                .header("Authorization", "bearer " + token).GET());
        assertEquals(200, scoped.statusCode(), "a scope of the endpoint, the scheme in lower case: " + scoped.body());
        // the rest of the server is not opened by the metrics token
        assertEquals(401, Http.get("/api/v1/me", token).statusCode(), "the metrics token is no API token");
    }

    @Test
    @Order(4)
    void fd9_fd11_readinessIsDownWhileTheDatabaseIsGoneAndUpAgainByItself() throws Exception {
        // written before the crash: a room, a folder and a document (row and blob)
        ItDatabase.User before = ItDatabase.user(ItDatabase.tenant("before-crash"), "x@before.test", "OWNER");
        String token = Tokens.accessToken(before);
        String room = Api.room(token, "Before the crash");
        String folder = Api.folder(token, room, "Kept", null);
        byte[] bytes = DocumentsIT.pdf(1, 612, 792);
        String document = Api.document(token, room, folder, "kept.pdf", bytes);

        Path pidFile = Path.of(System.getProperty("it.coffer.home"), "db", "pgdata", "postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();

        // the test does nothing more to the database: the server's watchdog must bring it back
        boolean sawDown = waitFor(Duration.ofSeconds(20), () -> Http.get("/health/ready").statusCode() == 503);
        assertTrue(sawDown, "ready went DOWN while the database was gone");
        boolean backUp = waitFor(Duration.ofSeconds(90), () -> Http.get("/health/ready").statusCode() == 200);
        assertTrue(backUp, "ready came back UP by itself");
        long revived = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        assertTrue(revived != pid && ProcessHandle.of(revived).map(ProcessHandle::isAlive).orElse(false),
                "a new postmaster (" + revived + ", killed " + pid + ") serves the data directory");
        ItDatabase.User user = ItDatabase.user(ItDatabase.tenant("after-crash"), "x@after.test", "MEMBER");
        assertEquals(200, Http.get("/api/v1/me", Tokens.accessToken(user)).statusCode(),
                "requests work again after the database came back");

        // and what was committed before the crash is all there: rows through the API, the blob by its content
        String tree = Http.get("/api/v1/datarooms/" + room + "/tree", token).body();
        assertTrue(tree.contains(folder) && tree.contains("Kept") && tree.contains(document), tree);
        java.net.http.HttpResponse<byte[]> content = Http.CLIENT.send(
                Http.request("/api/v1/documents/" + document + "/content").header("Authorization", "Bearer " + token)
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, content.statusCode());
        assertEquals(DocumentsIT.sha256(bytes), DocumentsIT.sha256(content.body()), "the same bytes come back");
        assertEquals(DocumentsIT.sha256(bytes), Http.json(Http.get("/api/v1/documents/" + document, token))
                .getString("sha256"));
    }

    private static boolean waitFor(Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
