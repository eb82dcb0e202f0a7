package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * FD-35 (docs/features/foundation.md): JSON answers are gzipped for a client that accepts it, page images never, and
 * answers that carry a secret never.
 */
class CompressionIT {

    static HttpResponse<byte[]> get(String path, String token, boolean gzip) throws Exception {
        HttpRequest.Builder r = Http.request(path);
        if (!path.contains("/pages/")) {
            r.header("Accept", "application/json");
        }
        if (gzip) {
            r.header("Accept-Encoding", "gzip");
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return Http.CLIENT.send(r.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void fd35_aLargeJsonAnswerIsGzippedAndTheSameOnceUnzipped() throws Exception {
        UUID tenant = ItDatabase.tenant("gzip");
        String owner = Tokens.accessToken(ItDatabase.user(tenant, "o@gzip.test", "OWNER"));
        String room = Api.room(owner, "Gzip");
        for (int i = 0; i < 40; i++) {
            Api.folder(owner, room, "Folder number " + i + " with a longer name", null);
        }
        HttpResponse<byte[]> plain = get("/api/v1/datarooms/" + room + "/tree", owner, false);
        HttpResponse<byte[]> zipped = get("/api/v1/datarooms/" + room + "/tree", owner, true);
        assertEquals(200, plain.statusCode());
        assertEquals(200, zipped.statusCode());
        assertTrue(plain.body().length > 2048, "a tree over Liberty's 2 KB floor: " + plain.body().length);
        assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"), "not asked, not zipped");
        assertEquals(Optional.of("gzip"), zipped.headers().firstValue("Content-Encoding"));
        assertTrue(zipped.body().length * 3 < plain.body().length, zipped.body().length + " of " + plain.body().length);
        assertArrayEquals(plain.body(), gunzip(zipped.body()));

        HttpResponse<byte[]> openapi = get("/openapi", null, true);
        assertEquals(Optional.of("gzip"), openapi.headers().firstValue("Content-Encoding"), "/openapi too");
    }

    @Test
    void fd35_pageImagesAndAnswersCarryingASecretAreNeverCompressed() throws Exception {
        UUID tenant = ItDatabase.tenant("gzip-no");
        ItDatabase.User user = ItDatabase.user(tenant, "o@gzip-no.test", "OWNER");
        String owner = Tokens.accessToken(user);
        String room = Api.room(owner, "No gzip");
        String doc = Api.document(owner, room, null, "one.pdf", DocumentsIT.pdf(1, 612, 792));
        HttpResponse<byte[]> page = get("/api/v1/documents/" + doc + "/pages/1", owner, true);
        assertEquals(200, page.statusCode());
        assertEquals(Optional.empty(), page.headers().firstValue("Content-Encoding"), "a PNG is compressed already");

        HttpResponse<String> login = Http.send(Http.request("/api/v1/auth/login").header("Accept-Encoding", "gzip")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                        + user.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}")));
        assertEquals(200, login.statusCode(), login.body());
        assertEquals(Optional.empty(), login.headers().firstValue("Content-Encoding"), "tokens: never compressed");
        assertTrue(login.body().contains("accessToken"));

        HttpResponse<String> key = Http.send(Http.request("/api/v1/api-keys").header("Accept-Encoding", "gzip")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ci\", \"scopes\": [\"read\"]}")));
        assertEquals(201, key.statusCode(), key.body());
        assertEquals(Optional.empty(), key.headers().firstValue("Content-Encoding"),
                "a key shown once: never compressed");
    }
}
