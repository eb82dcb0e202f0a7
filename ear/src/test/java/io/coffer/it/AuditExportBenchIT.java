package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Audit export benchmark for docs/benchmarks.md (AUD-11; heavy profile only: {@code mvn verify -Pheavy
 * -Dit.test=AuditExportBenchIT}, where the server runs with a 256 MB heap). Seeds 1,000,000 entries of one tenant
 * directly in SQL (the chain is not computed for the seed: the export reads rows, it does not check hashes), then
 * streams {@code GET /audit/export} twice — over the first 10,000 entries and over all 1,000,000 — and compares the
 * server's old-generation peak of the two (ServerHeap): constant memory means the large export's peak is not the
 * small one's times a hundred. Also times {@code GET /audit/verify} over the million (every hash recomputed).
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class AuditExportBenchIT {

    static final int ENTRIES = Integer.getInteger("bench.audit.entries", 1_000_000);

    @Test
    void aud11_exportingAMillionEntriesStreamsInConstantMemory() throws Exception {
        UUID tenant = ItDatabase.tenant("auditbench");
        ItDatabase.User admin = ItDatabase.user(tenant, "admin-" + UUID.randomUUID().toString().substring(0, 6)
                + "@bench.test", "ADMIN");
        String token = Tokens.accessToken(admin);
        long seedStart = System.nanoTime();
        ItDatabase.execute(tenant, "insert into audit_entries (id, tenant_id, seq, at, actor_type, actor_id, action,"
                + " object_type, object_id, outcome, client_address, prev_hash, hash)"
                + " select gen_random_uuid(), cast(? as uuid), g, timestamptz '2026-01-01 00:00:00+00'"
                + " + g * interval '1 second', 'USER', cast(? as uuid), 'document.viewed', 'document',"
                + " gen_random_uuid(), 'ALLOWED', '192.0.2.' || (g % 250), md5(g::text) || md5(g::text),"
                + " md5((g + 1)::text) || md5((g + 1)::text) from generate_series(1, ?) g",
                tenant.toString(), admin.id().toString(), ENTRIES);
        ItDatabase.execute(tenant, "analyze audit_entries");
        long seedMs = (System.nanoTime() - seedStart) / 1_000_000;

        String small = "/api/v1/audit/export?to=" + java.time.Instant.parse("2026-01-01T00:00:00Z")
                .plusSeconds(10_001);
        Export warm = export(small, token);
        Export tenThousand = export(small, token);
        Export million = export("/api/v1/audit/export", token);
        assertEquals(10_001, tenThousand.lines, "header and 10,000 entries");
        assertEquals(ENTRIES + 1L, million.lines, "header and every entry");

        long verifyStart = System.nanoTime();
        HttpResponse<String> verify = Http.send(Http.request("/api/v1/audit/verify")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).GET());
        long verifyMs = (System.nanoTime() - verifyStart) / 1_000_000;
        assertEquals(200, verify.statusCode(), verify.body());

        System.out.printf("AUD-11 benchmark: seeded %,d entries in %,d ms%n", ENTRIES, seedMs);
        System.out.printf("  export of 10,000: %,d ms, %,d bytes, old-gen peak +%,d KiB (warm-up run +%,d KiB)%n",
                tenThousand.ms, tenThousand.bytes, tenThousand.peakGrowth / 1024, warm.peakGrowth / 1024);
        System.out.printf("  export of %,d: %,d ms (%,.0f entries/s), %,d bytes, old-gen peak +%,d KiB%n", ENTRIES,
                million.ms, ENTRIES * 1000.0 / Math.max(1, million.ms), million.bytes, million.peakGrowth / 1024);
        System.out.printf("  verify of %,d: %,d ms%n", ENTRIES, verifyMs);
        // constant memory: a hundred times the rows may not need a hundred times the heap (32 MiB of slack for GC
        // timing: a young collection that promotes a page's worth of objects shows as old-generation growth)
        assertTrue(million.peakGrowth < Math.max(32L << 20, 4 * tenThousand.peakGrowth),
                "the export's heap grew with its size: " + million.peakGrowth + " bytes for " + ENTRIES
                        + " entries, " + tenThousand.peakGrowth + " for 10,000");
    }

    record Export(long ms, long bytes, long lines, long peakGrowth) {
    }

    static Export export(String path, String token) throws Exception {
        try (ServerHeap heap = ServerHeap.connect()) {
            long before = heap.resetPeak();
            long start = System.nanoTime();
            HttpResponse<InputStream> r = Http.CLIENT.send(Http.request(path).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(20)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            long bytes = 0;
            long lines = 0;
            try (InputStream in = r.body()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Export(ms, bytes, lines, Math.max(0, heap.peak() - before));
        }
    }
}
