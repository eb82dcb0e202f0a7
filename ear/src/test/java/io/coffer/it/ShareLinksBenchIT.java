package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Share-link benchmark for docs/benchmarks.md (heavy profile only: {@code mvn verify -Pheavy
 * -Dit.test=ShareLinksBenchIT}): time from link open to the first page image of a 50-page PDF (first render and
 * cached), then 100 concurrent visitors paging through the document next to Liberty serving a static PNG of the same
 * size (an expanded WAR dropped into the test server's dropins for the run).
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class ShareLinksBenchIT {

    static final int VISITORS = 100;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

    @Test
    void benchmark() throws Exception {
        Http.clientAddress = "198.51.100.9"; // a visitor keeps an address: its watermarked pages stay cached
        UUID tenant = ItDatabase.tenant("bench");
        String s = UUID.randomUUID().toString().substring(0, 6);
        String owner = Tokens.login(ItDatabase.user(tenant, "o-" + s + "@b.test", "OWNER"));
        String room = DataRoomsIT.createRoom(owner, "Bench").getString("id");
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=fifty.pdf")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(50, 612, 792))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\": "
                + "\"DOCUMENT\", \"id\": \"" + doc + "\"}, \"requireEmail\": true, \"watermark\": {\"enabled\": true}}");
        String token = Http.json(created).getString("token");
        String base = "/api/v1/public/links/" + token;

        long t0 = System.nanoTime();
        assertEquals(200, Http.get(base).statusCode());
        String vt = Http.json(Http.postJson(base + "/sessions", null, "{\"email\": \"first@b.test\"}"))
                .getString("visitorToken");
        HttpResponse<byte[]> first = page(base, doc, vt, 1);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, first.statusCode());
        long t1 = System.nanoTime();
        page(base, doc, vt, 1);
        long cachedMs = (System.nanoTime() - t1) / 1_000_000;
        long t2 = System.nanoTime();
        assertEquals(200, Http.get(base).statusCode());
        String vt2 = Http.json(Http.postJson(base + "/sessions", null, "{\"email\": \"second@b.test\"}"))
                .getString("visitorToken");
        page(base, doc, vt2, 1);
        long secondVisitorMs = (System.nanoTime() - t2) / 1_000_000;
        System.out.printf("BENCH open→first page (first render + watermark): %d ms; same page again: %d ms;"
                + " open→first page for a second visitor (page cached, own watermark): %d ms; PNG %d bytes%n",
                firstMs, cachedMs, secondVisitorMs, first.body().length);

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < VISITORS; i++) {
            tokens.add(Http.json(Http.postJson(base + "/sessions", null, "{\"email\": \"v" + i + "@b.test\"}"))
                    .getString("visitorToken"));
        }
        for (int p = 1; p <= 50; p++) { // warm the shared page cache (the first render is measured above)
            page(base, doc, vt, p);
        }
        // each request a page this visitor has not seen: the watermark is drawn and encoded for it
        Result links = run(i -> page(base, doc, tokens.get(i % VISITORS), 1 + (i / VISITORS) % 50).statusCode());
        // the same visitors on a page each has seen: every check of the gate, then a cached file
        Result cached = run(i -> page(base, doc, tokens.get(i % VISITORS), 1).statusCode());

        Path dropins = Path.of("target/liberty/wlp/usr/servers/cofferIT/dropins/bench-static.war");
        Files.createDirectories(dropins);
        Files.write(dropins.resolve("page.png"), first.body());
        long deadline = System.currentTimeMillis() + 60_000;
        while (Http.get("/bench-static/page.png").statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        try {
            Result statics = run(i -> bytesOf("/bench-static/page.png").statusCode());
            System.out.printf("BENCH %d visitors paging, each page new to the visitor (watermark drawn): %s%n",
                    VISITORS, links);
            System.out.printf("BENCH %d visitors on a page they have seen (watermarked, cached): %s%n",
                    VISITORS, cached);
            System.out.printf("BENCH %d clients, Liberty static PNG of %d bytes: %s%n", VISITORS,
                    first.body().length, statics);
        } finally {
            Files.deleteIfExists(dropins.resolve("page.png"));
            Files.deleteIfExists(dropins);
            Http.clientAddress = null;
        }
    }

    record Result(int requests, int failures, double seconds, long p50, long p99) {
        @Override
        public String toString() {
            return String.format("%d requests in %.1f s = %.0f req/s, p50 %d ms, p99 %d ms, %d failures", requests,
                    seconds, requests / seconds, p50, p99, failures);
        }
    }

    interface Call {
        int status(int i) throws Exception;
    }

    static Result run(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(VISITORS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger counter = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < VISITORS; w++) {
            int me = w;
            workers.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    try {
                        if (call.status(me + VISITORS * n++) != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies.add((System.nanoTime() - t) / 1_000_000);
                    counter.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(counter.get(), failures.get(), seconds, sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.99)));
    }

    static HttpResponse<byte[]> page(String base, String doc, String vt, int n) throws Exception {
        return Http.CLIENT.send(Http.request(base + "/documents/" + doc + "/pages/" + n).header("X-Visitor-Token", vt)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> bytesOf(String path) throws Exception {
        return Http.CLIENT.send(Http.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

}
