package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
}
