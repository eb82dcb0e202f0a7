package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke of issue 14's Gatling simulations (default suite, inside the one IT server's lifetime): each
 * simulation runs ~10 s at a low arrival rate on a small set-up and fails on any error (a non-200, a truncated body).
 * It proves the programs still run against the current API; it measures nothing (GatlingBenchIT does, -Pheavy).
 */
class GatlingSmokeIT {

    @Test
    void pagingSimulationRunsWithoutErrors() throws Exception {
        Map<String, String> p = GatlingSetUp.paging(10, 5);
        p.put("bench.g.rate", "5");
        p.put("bench.g.rate.new", "3");
        p.put("bench.g.seconds", "3"); // three phases: static /, pages seen, pages new
        List<GatlingRun.Stats> stats = GatlingRun.run(PagingSimulation.class, p);
        noErrors(stats, PagingSimulation.STATIC, PagingSimulation.SEEN, PagingSimulation.NEW);
    }

    @Test
    void downloadsSimulationRunsWithoutErrors() throws Exception {
        GatlingSetUp.Download d = GatlingSetUp.download(256 * 1024);
        try (NginxProcess nginx = NginxProcess.serve(d.blob().getParent())) {
            Map<String, String> p = d.properties();
            p.put("bench.g.nginx.url", nginx.url(d.blob().getFileName().toString()));
            p.put("bench.g.rate", "5");
            p.put("bench.g.seconds", "5"); // nginx, then Coffer
            noErrors(GatlingRun.run(DownloadsSimulation.class, p), DownloadsSimulation.NGINX,
                    DownloadsSimulation.COFFER);
        }
    }

    @Test
    void treeSimulationRunsWithoutErrors() throws Exception {
        GatlingSetUp.Tree t = GatlingSetUp.tree(10); // 190 folders, 1,000 documents, 50 grants
        Map<String, String> p = t.properties();
        p.put("bench.g.rate", "2");
        p.put("bench.g.seconds", "10");
        noErrors(GatlingRun.run(TreeSimulation.class, p), TreeSimulation.TREE);
    }

    static void noErrors(List<GatlingRun.Stats> stats, String... names) {
        for (String name : names) {
            GatlingRun.Stats s = GatlingRun.of(stats, name);
            System.out.println("GATLING SMOKE " + s.line());
            assertTrue(s.total() > 0, "no request ran: " + s.line());
            assertEquals(0, s.ko(), "errors: " + s.line());
        }
    }
}
