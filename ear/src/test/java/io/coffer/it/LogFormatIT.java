package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OPS-8: with {@code COFFER_LOG_FORMAT=json} (the IT server runs so, ear/pom.xml) Liberty writes one JSON object per
 * line to messages.log and console.log, from the moment it has read its configuration. OPS-9: every answer of the
 * application carries {@code X-Request-Id}: the caller's when it is a sane token, else a new random one. OPS-10: a
 * problem answer names that id as its {@code instance}.
 */
class LogFormatIT {

    private static final Path LOGS = Path.of(System.getProperty("it.server.dir",
            "target/liberty/wlp/usr/servers/cofferIT")).resolve("logs");

    @Test
    void ops8_messagesAndConsoleLogAreOneJsonObjectPerLine() throws Exception {
        for (String name : List.of("messages.log", "console.log")) {
            Path file = LOGS.resolve(name);
            assertTrue(Files.isRegularFile(file), file + " exists");
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            // Liberty starts logging before it reads server.xml: its banner and the few lines up to the included
            // log-format-json.xml are text (release.md, OPS-8 trade-off). From the first JSON record on, every line
            // must be one, and that record comes within the start-up's first lines.
            int first = 0;
            while (first < lines.size() && !lines.get(first).startsWith("{")) {
                first++;
            }
            assertTrue(first < 25, name + ": the first JSON record is line " + first + " of " + lines.size());
            List<String> notJson = new ArrayList<>();
            int withStart = 0;
            for (String line : lines.subList(first, lines.size())) {
                try (JsonReader reader = Json.createReader(new StringReader(line))) {
                    JsonObject o = reader.readObject();
                    if (!o.containsKey("loglevel") || !o.containsKey("message") || !o.containsKey("ibm_datetime")) {
                        notJson.add(line);
                    }
                    if ("CWWKZ0001I".equals(o.getString("ibm_messageId", ""))) {
                        withStart++; // the application started: a message an operator's dashboard looks for
                    }
                } catch (RuntimeException e) {
                    notJson.add(line);
                }
            }
            assertFalse(lines.isEmpty(), name + " has lines");
            assertTrue(notJson.isEmpty(), notJson.size() + " of " + (lines.size() - first) + " lines of " + name
                    + " are not Liberty JSON log records, e.g. "
                    + notJson.subList(0, Math.min(3, notJson.size())));
            assertTrue(withStart >= 1, name + " holds the application's start message as a JSON record");
        }
    }

    @Test
    void ops9_aSaneRequestIdIsEchoed_anyOtherIsReplacedByANewOne() {
        String sane = "req-1a2B.c_3";
        assertEquals(sane, id(sane, "/api/v1/auth/jwks"), "a sane id is kept (200 answer)");
        assertEquals(sane, id(sane, "/api/v1/me"), "and kept on a problem answer (401)");
        assertEquals("x".repeat(64), id("x".repeat(64), "/api/v1/auth/jwks"), "64 characters are still sane");
        for (String insane : List.of("x".repeat(65), "two words", "<script>", "a/b", "id;drop")) {
            String got = id(insane, "/api/v1/auth/jwks");
            assertNotEquals(insane, got, "not echoed: " + insane);
            assertTrue(got.matches("[0-9a-f]{32}"), "replaced by a new id: " + got);
        }
        String first = id(null, "/api/v1/me");
        String second = id(null, "/api/v1/me");
        assertTrue(first.matches("[0-9a-f]{32}") && second.matches("[0-9a-f]{32}"), first + " " + second);
        assertNotEquals(first, second, "each request its own id");
    }

    private static String id(String incoming, String path) {
        var request = Http.request(path);
        if (incoming != null) {
            request.header("X-Request-Id", incoming);
        }
        HttpResponse<String> response = Http.send(request.GET());
        return response.headers().firstValue("X-Request-Id").orElse("<none: " + response.statusCode() + ">");
    }

    /**
     * OPS-10 over every writer of problems: a JAX-RS mapper (unknown API path, malformed JSON), the authentication
     * filter (no token), the security filter outside the API (unknown page, a write to a static path), each with a
     * sane id of the caller and with none; two answers refused alike differ in their instance only; a replayed
     * refusal (Idempotency-Key) is the first answer, instance included, while its header names the replay.
     */
    @Test
    void ops10_everyProblemNamesItsRequestAsInstance_theOnlyMemberThatDiffers() {
        Map<String, HttpRequest.Builder> asks = new java.util.LinkedHashMap<>();
        asks.put("unknown API path", Http.request("/api/v1/no-such-thing").GET());
        asks.put("malformed JSON", Http.request("/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        asks.put("no token", Http.request("/api/v1/me").GET());
        asks.put("unknown page", Http.request("/no/such/page.html").GET());
        asks.put("write to a static path", Http.request("/index.html")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (var ask : asks.entrySet()) {
            for (String sent : new String[] {"ops10-" + (++n), null}) {
                HttpRequest.Builder request = ask.getValue().copy();
                if (sent != null) {
                    request.header("X-Request-Id", sent);
                }
                HttpResponse<String> r = Http.send(request);
                String header = r.headers().firstValue("X-Request-Id").orElse(null);
                String type = r.headers().firstValue("Content-Type").orElse("");
                JsonObject problem = type.startsWith("application/problem+json") ? Http.json(r) : null;
                String instance = problem == null ? null : problem.getString("instance", null);
                if (problem == null || header == null || (sent != null && !sent.equals(header))
                        || !("urn:coffer:request:" + header).equals(instance)) {
                    failures.add(ask.getKey() + " (sent " + sent + "): " + r.statusCode() + " X-Request-Id " + header
                            + " " + r.body());
                }
            }
        }
        assertTrue(failures.isEmpty(), "OPS-10: " + failures);

        HttpResponse<String> a = Http.get("/api/v1/a");
        HttpResponse<String> b = Http.get("/api/v1/b/" + UUID.randomUUID());
        assertNotEquals(Http.json(a).getString("instance"), Http.json(b).getString("instance"));
        assertEquals(Problems.withoutInstance(a.body()), Problems.withoutInstance(b.body()),
                "two not-founds differ in their instance only");

        String token = Tokens.login(ItDatabase.user(ItDatabase.tenant("ops10"),
                "o-" + UUID.randomUUID().toString().substring(0, 6) + "@ops10.test", "OWNER"));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = Http.send(Http.request("/api/v1/datarooms").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("X-Request-Id", "ops10-first").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"\"}")));
        HttpResponse<String> replay = Http.send(Http.request("/api/v1/datarooms").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("X-Request-Id", "ops10-replay").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"\"}")));
        assertEquals(400, first.statusCode(), first.body());
        assertEquals("urn:coffer:request:ops10-first", Http.json(first).getString("instance"));
        assertEquals(first.body(), replay.body(), "the replay is the first answer, byte for byte (FD-14)");
        assertEquals("ops10-replay", replay.headers().firstValue("X-Request-Id").orElse(null),
                "the replay's own id is in its header");
    }
}
