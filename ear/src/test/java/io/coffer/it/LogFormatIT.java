package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OPS-8: with {@code COFFER_LOG_FORMAT=json} (the IT server runs so, ear/pom.xml) Liberty writes one JSON object per
 * line to messages.log and console.log, from the moment it has read its configuration. OPS-9: every answer of the application carries {@code X-Request-Id}: the
 * caller's when it is a sane token, else a new random one.
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
}
