package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract, Conventions: "Write requests may send Idempotency-Key; a replay with the same key and body returns the
 * first response" (docs/features/foundation.md, FD-14).
 */
class IdempotencyIT {

    UUID tenant;
    String token;

    @BeforeEach
    void user() {
        tenant = ItDatabase.tenant("idem");
        token = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 6) + "@i.test",
                "OWNER"));
    }

    HttpResponse<String> post(String path, String key, String json, String bearer) {
        return Http.send(Http.request(path).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    long rooms() {
        return ItDatabase.number(tenant, "select count(*) from datarooms");
    }

    @Test
    void fd14_aReplayWithTheSameKeyAndBodyGetsTheFirstAnswerAndDoesNothingTwice() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/v1/datarooms", key, "{\"name\": \"Series A\"}", token);
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> replay = post("/api/v1/datarooms", key, "{\"name\": \"Series A\"}", token);
        assertEquals(201, replay.statusCode());
        assertEquals(first.body(), replay.body(), "byte for byte the first answer");
        assertEquals("true", replay.headers().firstValue("Idempotency-Replayed").orElseThrow());
        assertTrue(replay.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(1, rooms(), "the room was created once");

        HttpResponse<String> other = post("/api/v1/datarooms", UUID.randomUUID().toString(),
                "{\"name\": \"Series A\"}", token);
        assertEquals(201, other.statusCode());
        assertNotEquals(Http.json(first).getString("id"), Http.json(other).getString("id"), "a new key is a new request");
    }

    @Test
    void fd14_theSameKeyForAnotherRequestIsAConflict() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, post("/api/v1/datarooms", key, "{\"name\": \"One\"}", token).statusCode());
        assertProblem(post("/api/v1/datarooms", key, "{\"name\": \"Two\"}", token), 409, "conflict");
        assertEquals(1, rooms());
    }

    @Test
    void fd14_keysBelongToTheirUser() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, post("/api/v1/datarooms", key, "{\"name\": \"Mine\"}", token).statusCode());
        String colleague = Tokens.login(ItDatabase.user(tenant, "c-" + UUID.randomUUID().toString().substring(0, 6)
                + "@i.test", "ADMIN"));
        HttpResponse<String> theirs = post("/api/v1/datarooms", key, "{\"name\": \"Mine\"}", colleague);
        assertEquals(201, theirs.statusCode());
        assertTrue(!theirs.headers().firstValue("Idempotency-Replayed").isPresent());
        assertEquals(2, rooms());
    }

    @Test
    void fd14_aRefusalIsReplayedTooAndADeleteIsNotRepeated() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> invalid = post("/api/v1/datarooms", key, "{\"name\": \"\"}", token);
        assertProblem(invalid, 400, "validation");
        HttpResponse<String> again = post("/api/v1/datarooms", key, "{\"name\": \"\"}", token);
        assertEquals(invalid.body(), again.body());

        String room = DataRoomsIT.createRoom(token, "Doomed").getString("id");
        String deleteKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> deleted = Http.send(Http.request("/api/v1/datarooms/" + room)
                    .header("Authorization", "Bearer " + token).header("Idempotency-Key", deleteKey).DELETE());
            assertEquals(204, deleted.statusCode(), "the second answer is the first one, not another attempt");
        }
    }

    @Test
    void fd14_anUploadWithAKeyIsStoredOnce() {
        String room = DataRoomsIT.createRoom(token, "Uploads").getString("id");
        String key = UUID.randomUUID().toString();
        byte[] bytes = "an upload sent twice".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first = null;
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> sent = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=a.txt")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
            assertEquals(201, sent.statusCode(), sent.body());
            if (first == null) {
                first = sent;
            } else {
                assertEquals(first.body(), sent.body());
            }
        }
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from document_versions"));
    }

    @Test
    void fd14_aMalformedKeyIsRefused() {
        assertProblem(post("/api/v1/datarooms", "x".repeat(256), "{\"name\": \"Long\"}", token), 400, "validation");
        assertProblem(post("/api/v1/datarooms", "tab\there", "{\"name\": \"Tab\"}", token), 400, "validation");
        assertEquals(0, rooms());
    }

    /** FD-20: a chunked text body of 5 MB (no Content-Length) with a key is stored whole, never cut at 1 MiB. */
    @Test
    void fd20_aChunkedTextUploadWithAKeyIsStoredWholeAndItsReplayMatches() throws Exception {
        String room = DataRoomsIT.createRoom(token, "Chunked").getString("id");
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        Random random = new Random(20);
        while (csv.length() < 5_000_000) {
            csv.append(csv.length()).append(",row-").append(random.nextInt(1_000_000)).append(',')
                    .append(random.nextInt(100_000)).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = null;
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> sent = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=big.csv")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
            assertEquals(201, sent.statusCode(), sent.body());
            if (first == null) {
                first = sent;
            } else {
                assertEquals(first.body(), sent.body(), "the replay is the first answer");
            }
        }
        var stored = Http.json(Http.get("/api/v1/documents/" + Http.json(first).getString("id"), token));
        assertEquals(bytes.length, stored.getJsonNumber("size").longValue(), "stored as long as it was sent");
        assertEquals(sha, stored.getString("sha256"));
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from document_versions"), "stored once");
        HttpResponse<byte[]> content = Http.CLIENT.send(Http.request("/api/v1/documents/"
                + Http.json(first).getString("id") + "/content").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, content.statusCode());
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.body())));
    }

    /**
     * FD-21: kept answers are sealed at rest: after keyed POSTs whose answers carry a secret (an API key, a share-link
     * token, an access token) no row of idempotency_keys holds the secret in clear, and a replay still gets it.
     */
    @Test
    void fd21_keptAnswersThatCarryASecretAreNotStoredInClearAndStillReplay() {
        String apiKeyRequest = "{\"name\": \"sync\", \"scopes\": [\"read\"]}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> created = post("/api/v1/api-keys", key, apiKeyRequest, token);
        assertEquals(201, created.statusCode(), created.body());
        String apiKey = Http.json(created).getString("key");
        HttpResponse<String> replay = post("/api/v1/api-keys", key, apiKeyRequest, token);
        assertEquals(201, replay.statusCode());
        assertEquals("true", replay.headers().firstValue("Idempotency-Replayed").orElseThrow());
        assertEquals(apiKey, Http.json(replay).getString("key"), "the replay still carries the first answer's key");

        String room = DataRoomsIT.createRoom(token, "Sealed").getString("id");
        String linkRequest = "{\"target\": {\"type\": \"DATAROOM\", \"id\": \"" + room + "\"}}";
        String linkKey = UUID.randomUUID().toString();
        HttpResponse<String> link = post("/api/v1/share-links", linkKey, linkRequest, token);
        assertEquals(201, link.statusCode(), link.body());
        String linkToken = Http.json(link).getString("token");
        assertEquals(linkToken, Http.json(post("/api/v1/share-links", linkKey, linkRequest, token)).getString("token"));

        HttpResponse<String> exchanged = post("/api/v1/auth/token", UUID.randomUUID().toString(),
                "{\"apiKey\": \"" + apiKey + "\"}", token);
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        String accessToken = Http.json(exchanged).getString("accessToken");

        List<byte[]> bodies = ItDatabase.bytes(tenant, "select body from idempotency_keys where body is not null");
        assertTrue(bodies.size() >= 2, "the answers were kept: " + bodies.size());
        List<String> rows = ItDatabase.texts(tenant, "select k::text from idempotency_keys k");
        for (String secret : List.of(apiKey, linkToken, accessToken, accessToken.substring(accessToken.lastIndexOf('.') + 1))) {
            for (byte[] body : bodies) {
                assertTrue(!new String(body, StandardCharsets.ISO_8859_1).contains(secret), "a kept body holds a secret");
            }
            for (String row : rows) {
                assertTrue(!row.contains(secret), "a row holds a secret");
                assertTrue(!row.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8))),
                        "a row holds a secret (hex)");
            }
        }
    }
}
