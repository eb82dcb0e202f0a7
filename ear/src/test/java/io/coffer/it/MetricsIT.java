package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPS-12, scraped as Prometheus does: the release jar (as {@link ReleaseJar} runs it) with
 * {@code COFFER_METRICS_PUBLIC=true}, since the IT server keeps {@code /metrics} closed (OperationsIT). Requests are
 * made, then {@code /metrics} is read as text and checked by content: the request timer of each endpoint group went up
 * by exactly the requests made, Coffer's data source pool is there with sane values, the outbox and render-queue
 * gauges are there, and no label value anywhere holds an id or a token a client sent.
 */
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> GROUPS = Set.of("activity", "api-keys", "audit", "auth", "automations",
            "datarooms", "documents", "download-tickets", "folders", "groups", "invitations", "me", "members",
            "privacy", "public-links", "share-links", "uploads", "webhooks", "web", "other");

    @TempDir
    Path work;

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.strip());
            assertTrue(m.matches(), "a Prometheus sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return samples;
    }

    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    static boolean has(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
    }

    static double requests(List<Sample> samples, String group, String status) {
        return value(samples, "coffer_http_requests_seconds_count", Map.of("group", group, "status", status));
    }

    @Test
    void ops12_metricsCarryRequestGroupsThePoolTheOutboxLagAndTheRenderQueue_withBoundedLabels() throws Exception {
        assertTrue(Files.isRegularFile(ReleaseJar.JAR), "the build made " + ReleaseJar.JAR + " (profile release)");
        assertFalse(ReleaseJar.listening(ReleaseJar.PORT) || ReleaseJar.listening(ReleaseJar.DB_PORT),
                "the release test's ports are free");
        ReleaseJar release = new ReleaseJar(work);
        Path home = Files.createDirectories(work.resolve("var-lib-coffer"));
        ProcessBuilder unit = release.asTheUnitRunsIt(home);
        unit.environment().put("COFFER_METRICS_PUBLIC", "true");
        // mail goes to an SMTP port nobody listens on: an invitation's mail stays pending (retried), so the outbox
        // has lag to show
        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        unit.environment().put("COFFER_SMTP_HOST", "127.0.0.1");
        unit.environment().put("COFFER_SMTP_PORT", Integer.toString(closedPort));
        Process coffer = unit.start();
        try {
            release.awaitReady(coffer);
            String token = release.login();
            String secretish = UUID.randomUUID().toString();
            String linkToken = "Tk" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

            List<Sample> before = scrape(release);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, release.send(release.at("/api/v1/me").header("Authorization", "Bearer " + token))
                        .statusCode());
            }
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> missing = release.send(release.at("/api/v1/datarooms/" + UUID.randomUUID())
                        .header("Authorization", "Bearer " + token));
                assertEquals(404, missing.statusCode(), missing.body());
            }
            HttpResponse<String> created = release.send(release.at("/api/v1/datarooms")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Metrics " + secretish + "\"}")));
            assertEquals(201, created.statusCode(), created.body());
            int visitor = release.send(release.at("/api/v1/public/links/" + linkToken + "/tree")).statusCode();
            assertEquals(4, visitor / 100, "an unknown link is refused: " + visitor);
            int probe = release.send(release.at("/api/v1/" + secretish).header("Authorization", "Bearer " + token))
                    .statusCode();
            assertTrue(probe == 404 || probe == 401, "an unknown resource is refused: " + probe);
            assertEquals(200, release.send(release.at("/")).statusCode(), "the web app");
            List<Sample> after = scrape(release);

            // (1) requests by endpoint group and status class: exactly the requests made (the login came before)
            assertEquals(3, requests(after, "me", "2xx") - requests(before, "me", "2xx"), "GET /me x3");
            assertEquals(2, requests(after, "datarooms", "4xx") - requests(before, "datarooms", "4xx"), "404 x2");
            assertEquals(1, requests(after, "datarooms", "2xx") - requests(before, "datarooms", "2xx"), "201 x1");
            assertEquals(1, requests(after, "public-links", "4xx") - requests(before, "public-links", "4xx"));
            assertEquals(1, requests(after, "other", "4xx") - requests(before, "other", "4xx"), "the unknown path");
            assertEquals(1, requests(after, "web", "2xx") - requests(before, "web", "2xx"), "the web app's page");
            assertTrue(requests(after, "auth", "2xx") >= 1, "the login");
            double meSeconds = value(after, "coffer_http_requests_seconds_sum", Map.of("group", "me", "status", "2xx"));
            assertTrue(meSeconds > 0 && meSeconds < 60, "latency is recorded: " + meSeconds);
            assertTrue(has(after, "coffer_http_requests_seconds_bucket", Map.of("group", "me", "status", "2xx",
                    "le", "0.1")), "a histogram with fixed buckets (aggregatable across instances)");

            // (2) the pool of Coffer's data source (Liberty's connection pool statistics)
            Map<String, String> pool = Map.of("datasource", "jdbc_coffer");
            double managed = value(after, "connectionpool_managedConnections", pool);
            assertTrue(managed >= 1 && managed <= 40, "pooled connections within maxPoolSize: " + managed);
            double free = value(after, "connectionpool_freeConnections", pool);
            assertTrue(free >= 0 && free <= managed, "free " + free + " of " + managed);
            assertTrue(has(after, "connectionpool_connectionHandles", pool), "connections in use");
            assertTrue(value(after, "connectionpool_usedConnections_total", pool) >= 1, "connections were used");
            assertTrue(has(after, "connectionpool_waitTime_total_seconds", pool), "waiting for the pool");

            // (3) the outbox's lag, sampled every few seconds (NaN until the first sample): nothing pending yet, then
            // an invitation whose mail cannot be sent
            assertTrue(has(after, "coffer_outbox_pending", Map.of()), "the outbox's backlog");
            assertTrue(has(after, "coffer_outbox_oldest_pending_age_seconds", Map.of()), "the outbox's lag");
            HttpResponse<String> invited = release.send(release.at("/api/v1/invitations")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"invitee@metrics.test\", \"role\": \"MEMBER\"}")));
            assertEquals(201, invited.statusCode(), invited.body());
            List<Sample> sampled = scrape(release);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(value(sampled, "coffer_outbox_pending", Map.of()) >= 1
                    && value(sampled, "coffer_outbox_oldest_pending_age_seconds", Map.of()) >= 1)
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                sampled = scrape(release);
            }
            double pending = value(sampled, "coffer_outbox_pending", Map.of());
            double age = value(sampled, "coffer_outbox_oldest_pending_age_seconds", Map.of());
            assertTrue(pending >= 1 && pending < 10, "the undelivered mail is pending: " + pending);
            assertTrue(age >= 1 && age < 120, "and its age is counted: " + age + " s");

            // (4) the render queue, per queue
            for (String queue : List.of("pages-ahead", "pages", "office")) {
                Map<String, String> q = Map.of("queue", queue);
                assertTrue(has(after, "coffer_render_queue_length", q), "render queue " + queue);
                assertTrue(has(after, "coffer_render_active", q), "render jobs running " + queue);
                assertTrue(value(after, "coffer_render_queue_length", q) >= 0);
            }

            // bounded cardinality: no label value holds an id or a token, and groups are the fixed set
            Set<String> groups = new TreeSet<>();
            for (Sample s : after) {
                for (Map.Entry<String, String> l : s.labels().entrySet()) {
                    assertFalse(UUID_LIKE.matcher(l.getValue()).find() || l.getValue().contains(linkToken)
                                    || l.getValue().contains(secretish),
                            "a label holds an id: " + s.name() + " " + s.labels());
                }
                if (s.name().startsWith("coffer_http_requests")) {
                    groups.add(s.labels().get("group"));
                    assertTrue(s.labels().get("status").matches("[1-5]xx|other"), s.labels().toString());
                }
            }
            assertTrue(GROUPS.containsAll(groups), "only the fixed groups: " + groups);
            long series = after.stream().filter(s -> s.name().equals("coffer_http_requests_seconds_count")).count();
            assertTrue(series <= GROUPS.size() * 6L, "bounded series: " + series);
        } finally {
            if (coffer.isAlive()) {
                release.stopGracefully(coffer);
            }
        }
    }

    private static List<Sample> scrape(ReleaseJar release) throws Exception {
        HttpResponse<String> metrics = release.send(release.at("/metrics").header("Accept", "text/plain"));
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                "Prometheus text format: " + metrics.headers().map());
        return parse(metrics.body());
    }

    /** For a failure message: the samples of one metric. */
    static String show(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).map(Sample::toString)
                .collect(Collectors.joining("\n"));
    }
}
