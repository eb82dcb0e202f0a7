package io.coffer.web.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OPS-11: the decisions of the /metrics gate (the IT server's OperationsIT proves it in Liberty). */
class MetricsTokenInterceptorTest {

    static final byte[] TOKEN = MetricsTokenInterceptor.configured("prom-scrape-4f1d9c2a");

    @Test
    void ops11_onlyTheExactTokenAsABearerIsAdmitted() {
        assertTrue(MetricsTokenInterceptor.admits(TOKEN, "Bearer prom-scrape-4f1d9c2a"));
        assertTrue(MetricsTokenInterceptor.admits(TOKEN, "bearer prom-scrape-4f1d9c2a"), "the scheme is case-insensitive");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, null), "no header");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, ""), "empty header");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, "Bearer "), "empty token");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, "Bearer prom-scrape-4f1d9c2"), "a prefix");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, "Bearer prom-scrape-4f1d9c2ab"), "longer");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, "Bearer PROM-SCRAPE-4F1D9C2A"), "the token is case-sensitive");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, "Basic prom-scrape-4f1d9c2a"), "another scheme");
        assertFalse(MetricsTokenInterceptor.admits(TOKEN, "prom-scrape-4f1d9c2a"), "no scheme");
    }

    @Test
    void ops11_withoutAConfiguredTokenNobodyIsAdmitted() {
        for (String unset : new String[] {null, "", "   ", "${COFFER_METRICS_TOKEN}", "${env.COFFER_METRICS_TOKEN}"}) {
            byte[] none = MetricsTokenInterceptor.configured(unset);
            assertEquals(0, none.length, "'" + unset + "' is no token");
            assertFalse(MetricsTokenInterceptor.admits(none, "Bearer "), unset);
            assertFalse(MetricsTokenInterceptor.admits(none, "Bearer " + unset), "the unresolved variable's text: " + unset);
        }
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), MetricsTokenInterceptor.configured(" abc\n"),
                "a token read from a file keeps no line end");
    }

    @Test
    void ops11_theGateGuardsMetricsAndNothingElse() {
        assertTrue(MetricsTokenInterceptor.guards("/metrics"));
        assertTrue(MetricsTokenInterceptor.guards("/metrics/base"));
        assertFalse(MetricsTokenInterceptor.guards("/metricsx"));
        assertFalse(MetricsTokenInterceptor.guards("/health/ready"));
        assertFalse(MetricsTokenInterceptor.guards("/api/v1/me"));
        assertFalse(MetricsTokenInterceptor.guards("/"));
        assertFalse(MetricsTokenInterceptor.guards(null));
    }

    @Test
    void ops11_theRefusalIsTheContractsProblem() {
        String problem = MetricsTokenInterceptor.PROBLEM;
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(problem))) {
            var json = reader.readObject();
            assertEquals("/problems/unauthenticated", json.getString("type"));
            assertEquals(401, json.getInt("status"));
        }
    }
}
