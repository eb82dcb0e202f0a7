package io.coffer.it;

import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Plain downloads under an open workload (issue 14): the reference first, nginx (Debian's) serving the very blob file
 * from the same disk on a loopback port of its own, then {@code GET /api/v1/documents/{id}/content} of that document
 * as its OWNER. Every answer must be 200 with the whole body ({@code bench.g.size} bytes): a truncated body is an
 * error. Set up by {@link GatlingBenchIT} / {@link GatlingSmokeIT}.
 */
public class DownloadsSimulation extends Simulation {
    static final String NGINX = "nginx, same file";
    static final String COFFER = "GET /content";

    {
        String base = GatlingRun.property("base");
        String nginx = GatlingRun.property("nginx.url");
        String content = GatlingRun.property("content.path");
        String token = GatlingRun.property("token");
        int size = Integer.parseInt(GatlingRun.property("size"));
        double rate = Double.parseDouble(GatlingRun.property("rate"));
        int seconds = Integer.parseInt(GatlingRun.property("seconds"));

        ScenarioBuilder reference = scenario("reference: nginx")
                .exec(http(NGINX).get(nginx).check(status().is(200), bodyLength().is(size)));
        ScenarioBuilder coffer = scenario("downloads")
                .exec(http(COFFER).get(content).header("Authorization", "Bearer " + token)
                        .check(status().is(200), bodyLength().is(size)));
        setUp(reference.injectOpen(constantUsersPerSec(rate).during(seconds))
                .andThen(coffer.injectOpen(constantUsersPerSec(rate).during(seconds))))
                .protocols(http.baseUrl(base).shareConnections().disableWarmUp().disableCaching());
    }
}
