package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's open-workload benchmarks, Gatling simulations (Java DSL) each next to its reference in the same run
 * (heavy profile only; the lead's figures come from a quiet machine). One command each, from the worktree root:
 * <pre>
 * mvn -B -ntp -Pheavy -pl ear -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test='GatlingBenchIT#paging'     # or #downloads, #tree
 * </pre>
 * Knobs: {@code -Dbench.seconds} (each phase; default 30), {@code -Dbench.rate} (arrivals per second of the reference
 * and of the measured scenario), {@code -Dbench.rate.new} (pages new), {@code -Dbench.size} (download bytes). Each
 * prints one {@code BENCH} line per scenario (throughput of successful answers, p50/p95/p99, requests, errors) and
 * appends them to {@code target/gatling-bench.txt}; Gatling's HTML report is under {@code target/gatling/}.
 * Correctness is asserted (every answer 200 with the whole body); the figures are reported, not asserted.
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class GatlingBenchIT {
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);

    @Test
    void paging() throws Exception {
        Map<String, String> p = GatlingSetUp.paging(100, 50);
        p.put("bench.g.rate", System.getProperty("bench.rate", "30"));
        p.put("bench.g.rate.new", System.getProperty("bench.rate.new", "10"));
        p.put("bench.g.seconds", Integer.toString(SECONDS));
        List<GatlingRun.Stats> stats = GatlingRun.run(PagingSimulation.class, p);
        GatlingRun.Stats reference = GatlingRun.of(stats, PagingSimulation.STATIC);
        report("paging", p.get("bench.g.rate"), reference, GatlingRun.of(stats, PagingSimulation.SEEN));
        report("paging", p.get("bench.g.rate.new"), null, GatlingRun.of(stats, PagingSimulation.NEW));
    }

    @Test
    void downloads() throws Exception {
        int size = Integer.getInteger("bench.size", 8 << 20);
        GatlingSetUp.Download d = GatlingSetUp.download(size);
        try (NginxProcess nginx = NginxProcess.serve(d.blob().getParent())) {
            Map<String, String> p = d.properties();
            p.put("bench.g.nginx.url", nginx.url(d.blob().getFileName().toString()));
            p.put("bench.g.rate", System.getProperty("bench.rate", "10"));
            p.put("bench.g.seconds", Integer.toString(SECONDS));
            List<GatlingRun.Stats> stats = GatlingRun.run(DownloadsSimulation.class, p);
            report("downloads of " + size / 1024 + " KiB", p.get("bench.g.rate"),
                    GatlingRun.of(stats, DownloadsSimulation.NGINX), GatlingRun.of(stats, DownloadsSimulation.COFFER));
        }
    }

    @Test
    void tree() throws Exception {
        GatlingSetUp.Tree t = GatlingSetUp.tree(1); // 1,000 folders, 10,000 documents, 500 grants
        double[] before = TreeBenchmarkIT.memberSql(t.seeded());
        Map<String, String> p = t.properties();
        p.put("bench.g.rate", System.getProperty("bench.rate", "3"));
        p.put("bench.g.seconds", Integer.toString(SECONDS));
        List<GatlingRun.Stats> stats = GatlingRun.run(TreeSimulation.class, p);
        double[] after = TreeBenchmarkIT.memberSql(t.seeded());
        GatlingRun.Stats tree = GatlingRun.of(stats, TreeSimulation.TREE);
        double cte = Math.min(TreeBenchmarkIT.median(before), TreeBenchmarkIT.median(after));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "tree | reference: the same CTE over JDBC, median %.1f ms (before %.1f, after"
                + " %.1f; 15 runs each)", cte, TreeBenchmarkIT.median(before), TreeBenchmarkIT.median(after)));
        lines.add("tree | offered " + p.get("bench.g.rate") + "/s | " + tree.line() + String.format(Locale.ROOT,
                "  p50 = %.2f× the CTE (goal ≤ 1.2×)", tree.p50() / cte));
        print(lines);
        assertEquals(0, tree.ko(), "errors in the tree run");
    }

    /**
     * Prints the reference (when there is one, at the same offered rate) and the measured scenario, with its p50 and
     * p99 as multiples of the reference's; asserts that the reference had no error and the measured ran.
     */
    static void report(String what, String offered, GatlingRun.Stats reference, GatlingRun.Stats measured)
            throws Exception {
        List<String> lines = new ArrayList<>();
        String head = what + " | offered " + offered + "/s | ";
        if (reference != null) {
            lines.add(head + "reference: " + reference.line());
        }
        lines.add(head + measured.line() + (reference == null ? "" : String.format(Locale.ROOT,
                "  (p50 %.1f×, p99 %.1f× the reference's)", measured.p50() / reference.p50(),
                measured.p99() / reference.p99())));
        print(lines);
        if (reference != null) {
            assertEquals(0, reference.ko(), "errors in the reference " + reference.line());
        }
        assertTrue(measured.total() > 0, "no request in " + measured.line());
    }

    /** The machine's 1-minute load average when a figure is printed (the machine is shared: read figures with it). */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static void print(List<String> lines) throws Exception {
        Path out = Path.of("target", "gatling-bench.txt");
        for (String line : lines) {
            String l = line + " | load average " + load();
            System.out.println("BENCH " + l);
            Files.writeString(out, java.time.Instant.now() + " " + l + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
