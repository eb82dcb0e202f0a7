package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The search benchmark of docs/benchmarks.md (heavy only: {@code mvn verify -Pheavy -Dit.test=SearchBenchIT}): the
 * room of {@link TreeBenchmarkIT} (10,000 documents in 1,000 folders, 500 grants) gets a version and 20 pages of text
 * per document (200,000 pages, each one of 2,000 bodies of 120 words drawn from a 400-word vocabulary; a rare phrase
 * on 10 pages), written in SQL with
 * the same {@code to_tsvector} the indexer uses, then {@code analyze}. Timed (3 warm-ups, median of 15): the real
 * {@code GET /search} for the OWNER (every document in scope) and for the MEMBER of 5 groups, for the rare phrase and
 * for a word on about 1 in 20 pages; next to the reference in the same run, the plain GIN match of the same query
 * over JDBC without any scope (what the index alone costs). Goal: p50 < 200 ms. Writes
 * {@code target/search-benchmark.txt}.
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class SearchBenchIT {

    static final int PAGES = 20;
    static final int WORDS_PER_PAGE = 120;

    @Test
    void searchOverTenThousandDocumentsOfTwentyPagesAnswersInUnder200msAtTheMedian() throws Exception {
        TreeBenchmarkIT.Seeded seeded = TreeBenchmarkIT.seed(1);
        long start = System.nanoTime();
        seedText(seeded.tenant(), seeded.room());
        double textSeconds = (System.nanoTime() - start) / 1e9;

        String rare = "\"indemnification escrow\"";
        String common = "warranty";
        double[] ownerRare = TreeBenchmarkIT.time(() -> search(seeded.ownerToken(), rare));
        double[] ownerCommon = TreeBenchmarkIT.time(() -> search(seeded.ownerToken(), common));
        double[] memberRare = TreeBenchmarkIT.time(() -> search(seeded.memberToken(), rare));
        double[] memberCommon = TreeBenchmarkIT.time(() -> search(seeded.memberToken(), common));
        String gin = "select version_id, page from document_text where tsv @@ websearch_to_tsquery("
                + "'coffer_english', ?) order by ts_rank_cd(tsv, websearch_to_tsquery('coffer_english', ?)) desc"
                + " limit 50";
        double[] sqlRare = TreeBenchmarkIT.time(() -> TreeBenchmarkIT.sql(gin, seeded.tenant(), seeded.room(), rare,
                rare));
        double[] sqlCommon = TreeBenchmarkIT.time(() -> TreeBenchmarkIT.sql(gin, seeded.tenant(), seeded.room(),
                common, common));
        List<JsonObject> found = Http.json(search(seeded.ownerToken(), rare)).getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertEquals(10, found.size(), "the rare phrase is on 10 pages");

        String report = String.format(java.util.Locale.ROOT, """
                BENCHMARK search %s cores=%d seed=%.1fs (text of 200,000 pages)
                OWNER  rare phrase: API median %.1f ms (min %.1f) | common word: API median %.1f ms (min %.1f)
                MEMBER rare phrase: API median %.1f ms (min %.1f) | common word: API median %.1f ms (min %.1f)
                reference (GIN match and rank over JDBC, no scope): rare %.1f ms | common %.1f ms
                """, java.time.Instant.now(), Runtime.getRuntime().availableProcessors(), textSeconds,
                TreeBenchmarkIT.median(ownerRare), ownerRare[0], TreeBenchmarkIT.median(ownerCommon), ownerCommon[0],
                TreeBenchmarkIT.median(memberRare), memberRare[0], TreeBenchmarkIT.median(memberCommon),
                memberCommon[0], TreeBenchmarkIT.median(sqlRare), TreeBenchmarkIT.median(sqlCommon));
        System.out.print(report);
        Files.writeString(Path.of("target", "search-benchmark.txt"), report);
        assertTrue(TreeBenchmarkIT.median(ownerRare) < 200 && TreeBenchmarkIT.median(memberRare) < 200,
                "goal: p50 < 200 ms\n" + report);
    }

    static HttpResponse<String> search(String token, String q) {
        return Http.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
    }

    /** One version per document of the room and 20 pages of text each, in SQL; the rare phrase on 10 pages. */
    static void seedText(UUID tenant, UUID room) throws Exception {
        StringBuilder words = new StringBuilder();
        String[] base = {"agreement", "party", "shall", "company", "share", "purchase", "price", "closing", "date",
            "warranty", "liability", "seller", "buyer", "consent", "notice", "term", "period", "financial", "statement",
            "tax", "employee", "contract", "property", "intellectual", "license", "report", "quarter", "revenue",
            "margin", "growth", "market", "customer", "supplier", "board", "director", "meeting", "minutes", "policy",
            "risk", "audit"};
        for (int i = 0; i < 400; i++) {
            words.append(i == 0 ? "" : ",").append('"').append(base[i % base.length]).append(i < base.length ? "" : i)
                    .append('"');
        }
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
                p.setString(1, tenant.toString());
                p.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement("insert into document_versions (id, tenant_id, document_id,"
                    + " version, blob_id, sha256, size, content_type, page_count, created_by, created_at)"
                    + " select gen_random_uuid(), i.tenant_id, i.id, 1, md5(i.id::text), md5(i.id::text), 1000,"
                    + " 'application/pdf', 20, i.created_by, now() from items i"
                    + " where i.room_id = ?::uuid and i.kind = 'DOCUMENT'")) {
                p.setString(1, room.toString());
                p.executeUpdate();
            }
            // 2,000 distinct page bodies, drawn once; each page takes one of them (a hash of its version and
            // number): the index holds 200,000 rows as the indexer would write them, without 24 million draws
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table bench_bodies on commit drop as select b, (select string_agg("
                        + "(cast('{" + words.toString().replace("'", "''") + "}' as text[]))[1 + (abs(hashtext(b || '-'"
                        + " || k)) % 400)], ' ') from generate_series(1, " + WORDS_PER_PAGE + ") k) as body"
                        + " from generate_series(0, 1999) b");
            }
            try (PreparedStatement p = c.prepareStatement("insert into document_text (tenant_id, version_id,"
                    + " document_id, page, body, tsv) select v.tenant_id, v.id, v.document_id, g.page, b.body,"
                    + " to_tsvector('coffer_english', b.body) from document_versions v"
                    + " cross join generate_series(1, " + PAGES + ") g(page)"
                    + " join bench_bodies b on b.b = abs(hashtext(v.id::text || g.page)) % 2000"
                    + " where v.tenant_id = ?::uuid")) {
                p.setString(1, tenant.toString());
                p.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update document_text set body = body || ' indemnification escrow',"
                        + " tsv = to_tsvector('coffer_english', body || ' indemnification escrow')"
                        + " where (version_id, page) in (select version_id, page from document_text"
                        + " order by version_id, page limit 10)");
                s.executeUpdate("insert into document_text_queue (version_id, tenant_id, queued_at, done_at)"
                        + " select id, tenant_id, now(), now() from document_versions where tenant_id = '"
                        + tenant + "'");
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("analyze document_text");
                s.execute("analyze document_versions");
            }
        }
    }
}
