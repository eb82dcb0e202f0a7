package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The served API description ({@code /openapi}) is the committed snapshot {@code web-module/src/main/openapi/openapi.json}
 * (API-2; Spectral and the generated client of the build read the snapshot, so they read what is served), and it meets
 * the contract's OpenAPI convention (API-1, API-4). Refresh the snapshot after a change of the API with
 * {@code -Dit.openapi.refresh=true} (see docs/strategy/testing.md): the test then writes the served document over it.
 */
class OpenApiSnapshotIT {

    static final Path SNAPSHOT = Path.of(System.getProperty("it.openapi.snapshot",
            "../web-module/src/main/openapi/openapi.json"));
    static final Path SERVED = Path.of("target", "openapi-served.json");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    static final String REFRESH = "mvn -B -ntp -pl ear -am verify -Dit.test=OpenApiSnapshotIT -Dit.openapi.refresh=true"
            + " -Dspectral.skip=true -Dfailsafe.failIfNoSpecifiedTests=false -Dsurefire.failIfNoSpecifiedTests=false";

    static JsonObject served() {
        HttpResponse<String> response = Http.send(Http.request("/openapi?format=JSON")
                .header("Accept", "application/json").GET());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void api2_theServedDescriptionIsTheCommittedSnapshot() throws IOException {
        JsonObject served = served();
        String pretty = pretty(served);
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, pretty, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("it.openapi.refresh")) {
            assertTrue(served.getJsonObject("paths").size() > 40, "the served document describes almost nothing (see"
                    + " the server's messages.log, CWWKO1661E): the snapshot is left as it is");
            Files.writeString(SNAPSHOT, pretty, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(SNAPSHOT), "no snapshot at " + SNAPSHOT.toAbsolutePath() + "; create it with: " + REFRESH);
        JsonObject snapshot = Json.createReader(new StringReader(Files.readString(SNAPSHOT))).readObject();
        if (!snapshot.equals(served)) {
            List<String> differences = new ArrayList<>();
            diff("", snapshot, served, differences);
            fail("The served /openapi differs from " + SNAPSHOT + " (served copy: " + SERVED.toAbsolutePath()
                    + "). If the change of the API is intended, refresh the snapshot with:\n  " + REFRESH
                    + "\nFirst differences:\n  " + String.join("\n  ", differences.subList(0,
                    Math.min(20, differences.size()))));
        }
    }

    @Test
    void api1_everyOperationHasAnIdATagASummaryItsSecurityAndTypedSuccesses() {
        JsonObject doc = served();
        List<String> missing = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        int operations = 0;
        for (Map.Entry<String, JsonValue> path : doc.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> entry : path.getValue().asJsonObject().entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonObject op = entry.getValue().asJsonObject();
                if (!op.containsKey("operationId") || !ids.add(op.getString("operationId"))) {
                    missing.add(where + ": no unique operationId");
                }
                if (!op.containsKey("tags") || op.getJsonArray("tags").isEmpty()) {
                    missing.add(where + ": no tag");
                }
                if (op.getString("summary", "").isBlank()) {
                    missing.add(where + ": no summary");
                }
                boolean visitorSide = path.getKey().startsWith("/api/v1/public/")
                        || path.getKey().startsWith("/api/v1/download-tickets/"); // the ticket is the capability
                boolean open = path.getKey().startsWith("/api/v1/auth/") && !path.getKey().equals("/api/v1/auth/logout")
                        || path.getKey().equals("/api/v1/invitations/accept") || visitorSide;
                if (!open && !op.containsKey("security")) {
                    missing.add(where + ": no security requirement");
                }
                JsonObject responses = op.getJsonObject("responses");
                List<String> successes = responses.keySet().stream().filter(s -> s.startsWith("2")).toList();
                // single sign-on is browser navigation: its answers are 302s (contract "GET /auth/sso/...")
                boolean redirect = path.getKey().startsWith("/api/v1/auth/sso/") && responses.containsKey("302");
                if (successes.isEmpty() && !responses.containsKey("405") && !redirect) {
                    missing.add(where + ": no success status");
                }
                if (entry.getKey().equals("post") && successes.contains("200")
                        && !Set.of("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/token",
                        "/api/v1/auth/mfa", "/api/v1/me/mfa/totp/confirm", // the contract's 200s (version 1.1)
                        "/api/v1/me/mfa/recovery-codes", // replaces the codes, creates no resource (MFA-19)
                        // passkeys: options create nothing a client addresses; the sign-in answers as a login
                        "/api/v1/me/webauthn/registrations", "/api/v1/auth/webauthn/options",
                        "/api/v1/auth/webauthn",
                        "/api/v1/documents/{id}/restore",
                        "/api/v1/datarooms/{id}/paths").contains(path.getKey())) {
                    missing.add(where + ": a POST answering 200 (the contract: 201 for creation, 202, 204)");
                }
                if (entry.getKey().equals("delete") && !successes.equals(List.of("204"))) {
                    missing.add(where + ": a DELETE answering " + successes + " instead of 204");
                }
                for (String status : successes) {
                    JsonObject answer = responses.getJsonObject(status);
                    boolean tusCreation = path.getKey().equals("/api/v1/uploads"); // tus: 201 answers in headers
                    if (!status.equals("204") && !entry.getKey().equals("head") && !status.equals("202")
                            && !tusCreation && !answer.containsKey("content")) {
                        missing.add(where + " " + status + ": no response schema");
                    }
                }
                if (!responses.containsKey("500")) {
                    missing.add(where + ": no 500");
                }
            }
        }
        assertTrue(operations >= 60, "only " + operations + " operations described");
        assertEquals(List.of(), missing);
    }

    @Test
    void api4_everyErrorAnswerIsAProblemAndTheProblemIsDescribed() {
        JsonObject doc = served();
        JsonObject problem = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "errors", "requires", "mfaToken", "methods"),
                problem.getJsonObject("properties").keySet());
        JsonObject answers = doc.getJsonObject("components").getJsonObject("responses");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : doc.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> entry : path.getValue().asJsonObject().entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonObject responses = entry.getValue().asJsonObject().getJsonObject("responses");
                for (String status : responses.keySet()) {
                    if (status.compareTo("400") < 0) {
                        continue;
                    }
                    JsonObject answer = responses.getJsonObject(status);
                    if (answer.containsKey("$ref")) {
                        answer = answers.getJsonObject(answer.getString("$ref").replace("#/components/responses/", ""));
                    }
                    String ref = answer == null ? null : answer.getJsonObject("content")
                            .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref");
                    if (!"#/components/schemas/Problem".equals(ref)) {
                        wrong.add(entry.getKey().toUpperCase() + " " + path.getKey() + " " + status);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void api6_theArrayLimitsOfTheDescriptionAreTheServersOwn() {
        JsonObject doc = served();
        java.util.UUID tenant = ItDatabase.tenant("limits");
        String owner = Tokens.login(ItDatabase.user(tenant, "o-" + java.util.UUID.randomUUID() + "@limits.test",
                "OWNER"));
        int grants = doc.getJsonObject("paths").getJsonObject("/api/v1/datarooms/{id}/grants").getJsonObject("put")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getInt("maxItems");
        String room = Api.room(owner, "Limits");
        String over = "[" + String.join(",", java.util.Collections.nCopies(grants + 1,
                Api.grant("USER", java.util.UUID.randomUUID().toString(), null, "VIEW"))) + "]";
        HttpResponse<String> refused = Api.put("/api/v1/datarooms/" + room + "/grants", owner, over);
        Problems.assertProblem(refused, 400, "validation");
        assertTrue(refused.body().contains("at most " + grants), refused.body());

        int members = doc.getJsonObject("paths").getJsonObject("/api/v1/groups/{id}/members").getJsonObject("put")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getInt("maxItems");
        String group = Api.group(owner, "limits");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= members; i++) {
            ids.add(java.util.UUID.randomUUID().toString());
        }
        HttpResponse<String> tooMany = Api.members(owner, group, ids);
        Problems.assertProblem(tooMany, 400, "validation");
        assertTrue(tooMany.body().contains("at most " + members), tooMany.body());

        int beacons = doc.getJsonObject("paths").getJsonObject("/api/v1/public/links/{token}/events")
                .getJsonObject("post").getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getInt("maxItems");
        assertEquals(500, beacons, "VisitorResource refuses more than 500 beacons");
    }

    /** Pretty-printed, keys sorted at every level: the snapshot's text changes only where the document changes. */
    static String pretty(JsonObject document) {
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(sorted(document));
        }
        return out.toString().strip() + "\n";
    }

    private static JsonValue sorted(JsonValue value) {
        if (value instanceof JsonObject o) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            new TreeMap<>(o).forEach((k, v) -> b.add(k, sorted(v)));
            return b.build();
        }
        if (value instanceof JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.forEach(v -> b.add(sorted(v)));
            return b.build();
        }
        return value;
    }

    private static void diff(String at, JsonValue expected, JsonValue actual, List<String> out) {
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            for (String key : new java.util.TreeSet<>(e.keySet())) {
                if (!a.containsKey(key)) {
                    out.add(at + "/" + key + ": only in the snapshot");
                } else {
                    diff(at + "/" + key, e.get(key), a.get(key), out);
                }
            }
            a.keySet().stream().filter(k -> !e.containsKey(k)).sorted()
                    .forEach(k -> out.add(at + "/" + k + ": only in the served document"));
        } else if (!expected.equals(actual)) {
            out.add(at + ": snapshot " + abbreviate(expected) + ", served " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonValue v) {
        String s = v.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
