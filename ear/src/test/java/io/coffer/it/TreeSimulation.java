package io.coffer.it;

import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * The tree of a big room read by a MEMBER whose view comes from group grants, under an open workload (issue 14):
 * {@code GET /api/v1/datarooms/{id}/tree}, every answer 200 with the whole tree ({@code bench.g.min.bytes} at least).
 * The reference, the server's own CTE over plain JDBC on the same database, is timed by {@link GatlingBenchIT} in
 * the same run (Gatling drives HTTP only). Set up by {@link GatlingBenchIT} / {@link GatlingSmokeIT}.
 */
public class TreeSimulation extends Simulation {
    static final String TREE = "GET /tree as MEMBER";

    {
        String base = GatlingRun.property("base");
        String room = GatlingRun.property("room");
        String token = GatlingRun.property("token");
        int minBytes = Integer.parseInt(GatlingRun.property("min.bytes"));
        double rate = Double.parseDouble(GatlingRun.property("rate"));
        int seconds = Integer.parseInt(GatlingRun.property("seconds"));
        setUp(scenario("tree").exec(http(TREE).get("/api/v1/datarooms/" + room + "/tree")
                        .header("Authorization", "Bearer " + token)
                        .check(status().is(200), bodyLength().gte(minBytes)))
                .injectOpen(constantUsersPerSec(rate).during(seconds)))
                .protocols(http.baseUrl(base).shareConnections().disableWarmUp().disableCaching());
    }
}
