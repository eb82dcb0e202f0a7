package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FD-7 (every error is problem+json without internals) and FD-8 (security headers), over the whole HTTP surface. */
class HttpSurfaceIT {

    @Test
    void fd7_unknownApiPathIsNotFound() {
        assertProblem(Http.get("/api/v1/no-such-thing"), 404, "not-found");
    }

    @Test
    void fd7_unknownPathOutsideTheApiIsNotFoundToo() {
        assertProblem(Http.get("/no/such/page.html"), 404, "not-found");
    }

    @Test
    void fd7_notFoundBodiesAreIdenticalWhateverWasAskedFor() {
        assertEquals(withoutInstance(Http.get("/api/v1/a").body()),
                withoutInstance(Http.get("/api/v1/b/" + java.util.UUID.randomUUID()).body()));
    }

    @Test
    void fd7_wrongMethodIsMethodNotAllowed() {
        HttpResponse<String> response = Http.send(Http.request("/api/v1/me").DELETE());
        assertProblem(response, 405, "method-not-allowed");
    }

    @Test
    void fd7_wrongMediaTypeIsUnsupported() {
        HttpResponse<String> response = Http.send(Http.request("/api/v1/me")
                .header("Authorization", "Bearer " + Tokens.accessToken(ItDatabase.user(
                        ItDatabase.tenant("media"), "m@media.test", "MEMBER")))
                .header("Content-Type", "text/plain")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("displayName=x")));
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void fd8_traceIsRefusedAndEchoesNothing() {
        HttpResponse<String> response = Http.send(Http.request("/api/v1/me")
                .header("X-Secret-Probe", "echo-me").method("TRACE", HttpRequest.BodyPublishers.noBody()));
        assertTrue(response.statusCode() == 403 || response.statusCode() == 405, "TRACE refused: "
                + response.statusCode());
        assertFalse(response.body().contains("echo-me"));
    }

    @Test
    void fd8_securityHeadersOnTheWebApp() {
        HttpResponse<String> page = Http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                && csp.contains("object-src 'none'") && !csp.contains("unsafe-inline"), csp);
        assertSecurityHeaders(page);
    }

    @Test
    void fd8_securityHeadersOnApiErrorsAndOnLibertysOwnEndpoints() {
        for (HttpResponse<String> response : List.of(Http.get("/api/v1/me"), Http.get("/health/ready"),
                Http.get("/openapi"), Http.get("/nope"))) {
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null),
                    response.uri().toString());
            assertTrue(response.headers().firstValue("Referrer-Policy").isPresent(), response.uri().toString());
            assertNoBanner(response);
        }
    }

    @Test
    void fd8_noHstsOverPlainHttp() {
        assertTrue(Http.get("/").headers().firstValue("Strict-Transport-Security").isEmpty());
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null));
        assertNotEquals("unsafe-url", response.headers().firstValue("Referrer-Policy").orElse("unsafe-url"));
        assertNoBanner(response);
    }

    private static void assertNoBanner(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Server").isEmpty(), "no server banner");
        assertTrue(response.headers().firstValue("X-Powered-By").isEmpty(), "no X-Powered-By");
        response.headers().map().keySet().forEach(name ->
                assertFalse(name.startsWith("$"), "no internal header leaks: " + name));
    }
}
