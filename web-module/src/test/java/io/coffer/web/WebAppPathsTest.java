package io.coffer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WEB-1 (deep links serve the app, nothing else does) and WEB-2 (cache headers of the app's files). */
class WebAppPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/rooms", "/rooms/", "/rooms/0193b0a4-0000-7000-8000-000000000000/folders/x",
            "/l/AbCdEf_-123", "/l/AbCdEf_-123/documents/x", "/r/AbCdEf_-123", "/verify-email", "/reset-password",
            "/invitations/accept", "/members", "/no-such-route"})
    void web1_deepLinksOfTheAppServeIndexHtml(String path) {
        assertTrue(WebAppPaths.isAppRoute(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/v1/me", "/api/v1/no-such-thing", "/health", "/health/ready", "/openapi",
            "/openapi/ui", "/metrics", "/assets/x", "/assets/index-abc.js", "/no/such/page.html", "/favicon.ico",
            "/WEB-INF/web.xml", "/x/META-INF/y", "/a/../WEB-INF", "/a//b", "/error-page", "/a\\b"})
    void web1_filesApiAndOperationsAreNeverTheApp(String path) {
        assertFalse(WebAppPaths.isAppRoute(path), path);
    }

    @Test
    void web2_hashedAssetsAreCachedForAYearAndIndexNever() {
        assertEquals("public, max-age=31536000, immutable", WebAppPaths.cacheControl("/assets/index-D5ShcP3k.js"));
        assertEquals("no-cache", WebAppPaths.cacheControl("/"));
        assertEquals("no-cache", WebAppPaths.cacheControl("/index.html"));
        assertEquals("no-cache", WebAppPaths.cacheControl("/rooms/abc"));
        assertNull(WebAppPaths.cacheControl("/robots.txt"));
    }
}
