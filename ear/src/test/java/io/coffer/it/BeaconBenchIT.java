package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Beacon and analytics benchmark for docs/benchmarks.md (heavy profile only: {@code mvn verify -Pheavy
 * -Dit.test=BeaconBenchIT}). A program, not a timed test: it prints its figures and asserts only that requests were
 * answered. (1) 50 visitors page through a 20-page PDF for {@code bench.seconds} (each reading a page
 * {@code bench.think.ms} before the next): their page p50/p99 alone; (2) the
 * same 50 while 1,000 other visitor sessions each post a batch of 20 page times every second: the page p50/p99 next to
 * (1), and the page times stored per second (counted in the database: rows of {@code activity_events} with seconds);
 * (3) the raw table topped up to 1,000,000 rows of the link, then {@code GET /share-links/{id}/analytics} 50 times:
 * p50/p99.
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class BeaconBenchIT {

    static final int SENDERS = Integer.getInteger("bench.senders", 1000);
    static final int PAGERS = 50;
    static final int PER_BATCH = 20;
    static final int PAGES = 20;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    /**
     * How long each pager reads a page before it turns to the next one (ms). 0: it turns as soon as the page came (a
     * closed loop that keeps the cores busy, so the beacons' CPU share shows as page time); the default, a fast reader
     * at four pages a second, is how people page (the goal's "visitors page through documents").
     */
    static final long THINK_MS = Long.getLong("bench.think.ms", 250);

    @Test
    void benchmark() throws Exception {
        UUID tenant = ItDatabase.tenant("beacons");
        String s = UUID.randomUUID().toString().substring(0, 6);
        String owner = Tokens.login(ItDatabase.user(tenant, "o-" + s + "@bb.test", "OWNER"));
        String room = DataRoomsIT.createRoom(owner, "Beacon bench").getString("id");
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=twenty.pdf")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(PAGES, 612, 792))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\": "
                + "\"DOCUMENT\", \"id\": \"" + doc + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
        String link = Http.json(created).getString("id");
        String base = "/api/v1/public/links/" + Http.json(created).getString("token");

        List<String> pagers = sessions(base, PAGERS);
        List<String> senders = sessions(base, SENDERS);
        for (int p = 1; p <= PAGES; p++) { // the shared page cache warm: the run measures serving, not rendering
            page(base, doc, pagers.get(0), p);
        }
        Result alone = paging(base, doc, pagers, null);
        long storedBefore = stored(tenant, link);
        Ingest ingest = new Ingest(base, doc, senders);
        Result withBeacons = paging(base, doc, pagers, ingest);
        Thread.sleep(3000); // the last flush
        long storedAfter = stored(tenant, link);
        double perSecond = (storedAfter - storedBefore) / (double) ingest.seconds;
        System.out.printf("BENCH pagers: %d, each reading a page %d ms before the next (0: closed loop), %d s per run%n",
                PAGERS, THINK_MS, RUN.toSeconds());
        System.out.printf("BENCH pages alone: %d pages, p50 %.1f ms, p99 %.1f ms%n", alone.count, alone.p50, alone.p99);
        System.out.printf("BENCH pages with beacons: %d pages, p50 %.1f ms, p99 %.1f ms (%+.0f %% p99)%n",
                withBeacons.count, withBeacons.p50, withBeacons.p99, 100 * (withBeacons.p99 / alone.p99 - 1));
        System.out.printf("BENCH beacons: %d batches posted (%d × 202, %d × 429, %d × 503, %d other; %d not sent:"
                        + " 256 in flight) over %.1f s; %d page times stored = %.0f events/s (offered %d/s)%n",
                ingest.posted.get(), ingest.accepted.get(), ingest.limited.get(), ingest.shed.get(), ingest.other.get(),
                ingest.skipped.get(), ingest.seconds,
                storedAfter - storedBefore, perSecond, SENDERS * PER_BATCH);

        // analytics over 1,000,000 stored events of the link (the raw table topped up; analytics read the roll-ups)
        long missing = 1_000_000 - stored(tenant, link);
        if (missing > 0) {
            ItDatabase.execute(tenant, "insert into activity_events (id, tenant_id, at, type, actor_type, actor_id,"
                    + " room_id, document_id, link_id, session_id, page, seconds) select gen_random_uuid(),"
                    + " cast(? as uuid), now() - (i % 86400) * interval '1 second', 'document.viewed', 'VISITOR',"
                    + " gen_random_uuid(), cast(? as uuid), cast(? as uuid), cast(? as uuid), gen_random_uuid(),"
                    + " 1 + i % " + PAGES + ", 1 from generate_series(1, ?) i", tenant.toString(), room, doc, link,
                    (int) missing);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> a = Http.get("/api/v1/share-links/" + link + "/analytics", owner);
            assertEquals(200, a.statusCode(), a.body());
            if (i >= 5) {
                times.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(times);
        System.out.printf("BENCH link analytics over %d stored events (%d visitor sessions): p50 %.1f ms, p99 %.1f ms%n",
                stored(tenant, link), SENDERS + PAGERS, times.get(times.size() / 2),
                times.get((int) Math.ceil(times.size() * 0.99) - 1));
    }

    static long stored(UUID tenant, String link) {
        return ItDatabase.number(tenant, "select count(*) from activity_events where link_id = cast(? as uuid)"
                + " and seconds > 0", link);
    }

    static List<String> sessions(String base, int n) throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < n; i++) {
            pool.submit(() -> {
                HttpResponse<String> r = Http.postJson(base + "/sessions", null, "{}");
                assertEquals(201, r.statusCode(), r.body());
                out.add(Http.json(r).getString("visitorToken"));
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        assertEquals(n, out.size());
        return new ArrayList<>(out);
    }

    static int page(String base, String doc, String visitor, int n) {
        HttpRequest r = Http.request(base + "/documents/" + doc + "/pages/" + n).header("X-Visitor-Token", visitor)
                .GET().build();
        try {
            return Http.CLIENT.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Result(int count, double p50, double p99) {
    }

    /** The 50 pagers, each paging on after {@link #THINK_MS}, for {@link #RUN}; with the ingest running if given. */
    static Result paging(String base, String doc, List<String> pagers, Ingest ingest) throws Exception {
        List<Double> times = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(pagers.size());
        for (int v = 0; v < pagers.size(); v++) {
            String visitor = pagers.get(v);
            int offset = v;
            pool.submit(() -> {
                int i = offset;
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    int status = page(base, doc, visitor, 1 + i++ % PAGES);
                    if (status == 200) {
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                    if (THINK_MS > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(THINK_MS * 1_000_000L);
                    }
                }
            });
        }
        if (ingest != null) {
            ingest.start();
        }
        Thread.sleep(RUN.toMillis());
        stop.set(true);
        if (ingest != null) {
            ingest.stop();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return new Result(sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
    }

    /** 1,000 sessions, each posting one batch of 20 page times per second (asynchronously, at most 256 in flight). */
    static final class Ingest {
        final String base;
        final String body;
        final List<String> senders;
        final AtomicLong posted = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong limited = new AtomicLong();
        final AtomicLong shed = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final Semaphore inFlight = new Semaphore(256);
        final java.util.concurrent.ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        final AtomicLong skipped = new AtomicLong();
        long started;
        double seconds;

        Ingest(String base, String doc, List<String> senders) {
            this.base = base;
            this.senders = senders;
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < PER_BATCH; i++) {
                json.append(i == 0 ? "" : ", ").append("{\"docId\": \"").append(doc).append("\", \"page\": ")
                        .append(1 + i).append(", \"seconds\": 1}");
            }
            this.body = json.append(']').toString();
        }

        void start() {
            started = System.nanoTime();
            ticker.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
        }

        /** One second's batches, spread over the second. */
        void tick() {
            long t0 = System.nanoTime();
            for (int i = 0; i < senders.size(); i++) {
                long wait = t0 + i * 1_000_000_000L / senders.size() - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // not a spin: the client shares the cores
                }
                if (!inFlight.tryAcquire()) {
                    skipped.incrementAndGet(); // the client could not keep up: counted, not sent
                    continue;
                }
                posted.incrementAndGet();
                HttpRequest r = HttpRequest.newBuilder(URI.create(Http.BASE + base + "/events"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("X-Visitor-Token", senders.get(i)).header("X-Forwarded-For", "198.51.100." + (i % 250))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                Http.CLIENT.sendAsync(r, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, error) -> {
                    inFlight.release();
                    int status = error == null ? resp.statusCode() : -1;
                    (status == 202 ? accepted : status == 429 ? limited : status == 503 ? shed : other)
                            .incrementAndGet();
                });
            }
        }

        void stop() throws InterruptedException {
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            inFlight.acquire(256);
            seconds = (System.nanoTime() - started) / 1e9;
            inFlight.release(256);
        }
    }
}
