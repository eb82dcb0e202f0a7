package io.coffer.it;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Watermarked paging under an open workload (issue 14), one after the other in one run: the reference (the web
 * module's static {@code /}), visitors on a page already drawn for them ("pages seen": visitor i on page 1), then
 * visitors on pages none has seen ("pages new": each arrival takes the next unused (visitor, page 2..n) pair).
 * Arrivals per second are fixed ({@code bench.g.rate}, {@code bench.g.rate.new}), whatever the answers take: latency
 * and errors show what the server does at that load. Set up by {@link GatlingBenchIT} / {@link GatlingSmokeIT}.
 */
public class PagingSimulation extends Simulation {
    static final String STATIC = "static /";
    static final String SEEN = "pages seen";
    static final String NEW = "pages new";

    {
        String base = GatlingRun.property("base");
        String pages = GatlingRun.property("pages.path"); // .../public/links/<token>/documents/<doc>/pages/
        int pageCount = Integer.parseInt(GatlingRun.property("pages"));
        double rate = Double.parseDouble(GatlingRun.property("rate"));
        double rateNew = Double.parseDouble(GatlingRun.property("rate.new"));
        int seconds = Integer.parseInt(GatlingRun.property("seconds"));
        List<String> visitors = lines(Path.of(GatlingRun.property("visitors")));

        Iterator<Map<String, Object>> seen = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return Map.of("visitor", visitors.get(n++ % visitors.size()), "page", 1);
            }
        };
        Iterator<Map<String, Object>> unseen = new Iterator<>() {
            int k;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() { // like FloorBenchIT's wrk script: no pair twice until all are used
                int v = k % visitors.size();
                int page = 2 + (k / visitors.size()) % (pageCount - 1);
                k++;
                return Map.of("visitor", visitors.get(v), "page", page);
            }
        };

        HttpProtocolBuilder protocol = http.baseUrl(base).shareConnections().disableWarmUp()
                .disableCaching().acceptHeader("*/*");
        ScenarioBuilder reference = scenario("reference: static /")
                .exec(http(STATIC).get("/").check(status().is(200)));
        ScenarioBuilder pagesSeen = scenario("pages seen").feed(seen)
                .exec(http(SEEN).get(pages + "#{page}").header("X-Visitor-Token", "#{visitor}")
                        .check(status().is(200)));
        ScenarioBuilder pagesNew = scenario("pages new").feed(unseen)
                .exec(http(NEW).get(pages + "#{page}").header("X-Visitor-Token", "#{visitor}")
                        .check(status().is(200)));
        setUp(reference.injectOpen(constantUsersPerSec(rate).during(seconds))
                .andThen(pagesSeen.injectOpen(constantUsersPerSec(rate).during(seconds))
                        .andThen(pagesNew.injectOpen(constantUsersPerSec(rateNew).during(seconds)))))
                .protocols(protocol);
    }

    static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
