package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ID-19 API keys: shown once, hashed, scoped, expiring, revocable, exchanged at /auth/token. */
class ApiKeysIT {
    ItDatabase.User admin;
    ItDatabase.User member;
    ItDatabase.User foreigner;

    @BeforeEach
    void tenant() {
        UUID tenant = ItDatabase.tenant("apikeys");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        admin = ItDatabase.user(tenant, "admin-" + suffix + "@k.test", "ADMIN");
        member = ItDatabase.user(tenant, "member-" + suffix + "@k.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("apikeys-b"), "f-" + suffix + "@k.test", "OWNER");
    }

    static HttpResponse<String> create(String token, String body) {
        return Http.postJson("/api/v1/api-keys", token, body);
    }

    static HttpResponse<String> exchange(String key) {
        return Http.postJson("/api/v1/auth/token", null, "{\"apiKey\": \"" + key + "\"}");
    }

    @Test
    void id19_aKeyIsShownOnceAndExchangedForAnAccessToken() throws Exception {
        String token = Tokens.login(admin);
        HttpResponse<String> created = create(token, "{\"name\": \"CRM sync\", \"scopes\": [\"read\"]}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject key = Http.json(created);
        String secret = key.getString("key");
        assertTrue(secret.length() >= 40);

        HttpResponse<String> list = Http.get("/api/v1/api-keys", token);
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(secret), "never shown again");
        assertEquals(1, Http.json(list).getJsonArray("items").size());

        HttpResponse<String> exchanged = exchange(secret);
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        String access = Http.json(exchanged).getString("accessToken");
        assertEquals("read", SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("scope"));
        HttpResponse<String> me = Http.get("/api/v1/me", access);
        assertEquals(200, me.statusCode());
        assertEquals("MEMBER", Http.json(me).getString("role"), "a read key acts as MEMBER, below its ADMIN creator");
        assertProblem(Http.get("/api/v1/members", access), 403, "forbidden");
    }

    @Test
    void id19_aRevokedOrExpiredKeyIs401() {
        String token = Tokens.login(admin);
        JsonObject key = Http.json(create(token, "{\"name\": \"soon gone\", \"scopes\": [\"admin\"]}"));
        assertEquals(200, exchange(key.getString("key")).statusCode());
        HttpResponse<String> revoked = Http.send(Http.request("/api/v1/api-keys/" + key.getString("id"))
                .header("Authorization", "Bearer " + token).DELETE());
        assertEquals(204, revoked.statusCode());
        assertProblem(exchange(key.getString("key")), 401, "unauthenticated");
        assertEquals(204, Http.send(Http.request("/api/v1/api-keys/" + key.getString("id"))
                .header("Authorization", "Bearer " + token).DELETE()).statusCode(), "revoking twice is a no-op");
        assertProblem(exchange("coffer_made-up"), 401, "unauthenticated");
        assertProblem(create(token, "{\"name\": \"past\", \"scopes\": [\"read\"], \"expiresAt\": \""
                + Instant.now().minusSeconds(60) + "\"}"), 400, "validation");
    }

    @Test
    void id20_keysNeedAnAdminAndStayInTheirTenant() {
        assertProblem(create(null, "{\"name\": \"x\", \"scopes\": [\"read\"]}"), 401, "unauthenticated");
        assertProblem(create(Tokens.login(member), "{\"name\": \"x\", \"scopes\": [\"read\"]}"), 403, "forbidden");
        assertProblem(create(Tokens.login(member), "{\"invalid\": "), 403, "forbidden");
        JsonObject key = Http.json(create(Tokens.login(admin), "{\"name\": \"ours\", \"scopes\": [\"write\"]}"));
        HttpResponse<String> foreignDelete = Http.send(Http.request("/api/v1/api-keys/" + key.getString("id"))
                .header("Authorization", "Bearer " + Tokens.login(foreigner)).DELETE());
        assertProblem(foreignDelete, 404, "not-found");
        assertEquals(200, exchange(key.getString("key")).statusCode(), "untouched by the other tenant");
        assertProblem(create(Tokens.login(admin), "{\"name\": \"x\", \"scopes\": [\"root\"]}"), 400, "validation");
    }
}
