package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * What the Gatling simulations need, made over the public API (and SQL for the tree) before Gatling runs, handed to
 * them as {@code bench.g.*} properties; files under {@code target/gatling-bench/}. Shared by {@link GatlingBenchIT}
 * (-Pheavy, full size) and {@link GatlingSmokeIT} (default suite, small).
 */
final class GatlingSetUp {
    static final Path WORK = Path.of("target", "gatling-bench").toAbsolutePath();

    private GatlingSetUp() {
    }

    /** The server, as Gatling reaches it (127.0.0.1: the visitors' watermark names the address they came from). */
    static String base() {
        return Http.BASE.replace("localhost", "127.0.0.1");
    }

    /**
     * A PDF of {@code pages} pages behind an email + watermark link, {@code visitors} visitor sessions opened through
     * the public API from 127.0.0.1 (as Gatling comes), each having seen page 1.
     */
    static Map<String, String> paging(int visitors, int pages) throws Exception {
        Files.createDirectories(WORK);
        UUID tenant = ItDatabase.tenant("gpage");
        String s = UUID.randomUUID().toString().substring(0, 6);
        String owner = Tokens.accessToken(ItDatabase.user(tenant, "o-" + s + "@gatling.test", "OWNER"));
        String room = DataRoomsIT.createRoom(owner, "Paging").getString("id");
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=paging.pdf")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(pages, 612, 792))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\": "
                + "\"DOCUMENT\", \"id\": \"" + doc + "\"}, \"requireEmail\": true, \"watermark\": {\"enabled\": true}}");
        assertEquals(201, created.statusCode(), created.body());
        String path = "/api/v1/public/links/" + Http.json(created).getString("token") + "/documents/" + doc + "/pages/";
        String base = "/api/v1/public/links/" + Http.json(created).getString("token");
        List<String> tokens = new ArrayList<>();
        Http.clientAddress = "127.0.0.1";
        try {
            for (int i = 0; i < visitors; i++) {
                HttpResponse<String> r = Http.postJson(base + "/sessions", null,
                        "{\"email\": \"v" + i + "-" + s + "@gatling.test\"}");
                assertEquals(201, r.statusCode(), r.body());
                tokens.add(Http.json(r).getString("visitorToken"));
            }
            for (String v : tokens) {
                HttpResponse<byte[]> page = Http.CLIENT.send(Http.request(path + "1").header("X-Visitor-Token", v)
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, page.statusCode(), "page 1 for a visitor");
            }
        } finally {
            Http.clientAddress = null;
        }
        Path file = WORK.resolve("visitors.txt");
        Files.write(file, tokens);
        Map<String, String> p = new HashMap<>();
        p.put("bench.g.base", base());
        p.put("bench.g.pages.path", path);
        p.put("bench.g.pages", Integer.toString(pages));
        p.put("bench.g.visitors", file.toString());
        return p;
    }

    /** A document of {@code size} random bytes; its blob file is what nginx serves as the reference. */
    record Download(Map<String, String> properties, Path blob) {
    }

    static Download download(int size) throws Exception {
        UUID tenant = ItDatabase.tenant("gdown");
        String s = UUID.randomUUID().toString().substring(0, 6);
        String owner = Tokens.accessToken(ItDatabase.user(tenant, "o-" + s + "@gatling.test", "OWNER"));
        String room = DataRoomsIT.createRoom(owner, "Downloads").getString("id");
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=blob.bin")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, up.statusCode(), up.body());
        String sha = Http.json(up).getString("sha256");
        Path blob = ItBlobs.file(tenant, sha);
        assertTrue(Files.size(blob) == size, "the blob file " + blob + " holds the document's bytes");
        Map<String, String> p = new HashMap<>();
        p.put("bench.g.base", base());
        p.put("bench.g.content.path", "/api/v1/documents/" + Http.json(up).getString("id") + "/content");
        p.put("bench.g.token", owner);
        p.put("bench.g.size", Integer.toString(size));
        return new Download(p, blob);
    }

    /** The seeded room ({@link TreeBenchmarkIT#seed}) and what the tree simulation reads as its MEMBER. */
    record Tree(Map<String, String> properties, TreeBenchmarkIT.Seeded seeded, int bytes) {
    }

    static Tree tree(int divisor) throws Exception {
        TreeBenchmarkIT.Seeded seeded = TreeBenchmarkIT.seed(divisor);
        HttpResponse<String> tree = Http.get("/api/v1/datarooms/" + seeded.room() + "/tree", seeded.memberToken());
        assertEquals(200, tree.statusCode(), tree.body());
        int bytes = tree.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(tree.body().split("\"id\"").length > 2, "the member sees part of the room");
        Map<String, String> p = new HashMap<>();
        p.put("bench.g.base", base());
        p.put("bench.g.room", seeded.room().toString());
        p.put("bench.g.token", seeded.memberToken());
        p.put("bench.g.min.bytes", Integer.toString(bytes * 9 / 10)); // the whole tree, give or take
        return new Tree(p, seeded, bytes);
    }
}
