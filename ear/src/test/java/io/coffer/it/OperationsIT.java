package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
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
    void metricsAreNotPublicByDefault() {
        HttpResponse<String> metrics = Http.get("/metrics");
        // the endpoint is there and refuses the caller (not a missing feature's 404 or an error's 500)
        assertTrue(metrics.statusCode() == 401 || metrics.statusCode() == 403,
                "metrics are for the operator: " + metrics.statusCode() + " " + metrics.body());
        assertFalse(metrics.body().contains("jvm_") || metrics.body().contains("base_"), metrics.body());
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
