package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The single-page app as the WAR serves it: WEB-1 deep links answer index.html (and nothing of the API or of a
 * missing file does), WEB-2 cache headers (hashed assets a year and immutable, index.html never from cache unasked),
 * WEB-3 the strict CSP on the app and an index.html without inline script or style.
 */
class WebAppIT {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void web1_deepLinksServeTheApp() {
        String index = Http.get("/").body();
        assertTrue(index.contains("<div id=\"root\">"), "the SPA's index.html is at /: " + index);
        for (String path : List.of("/rooms", "/rooms/0193b0a4-0000-7000-8000-000000000000", "/l/AbCdEfGh_-12345678",
                "/verify-email?token=abc", "/reset-password?token=abc", "/invitations/accept?token=abc", "/members",
                "/no-such-route/deeper")) {
            HttpResponse<String> page = Http.get(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertEquals(index, page.body(), path);
            assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(null), path);
        }
    }

    @Test
    void web1_theApiAndMissingFilesStayProblems() {
        assertProblem(Http.get("/api/v1/rooms"), 404, "not-found");
        assertProblem(Http.get("/api/v1/no/such/thing"), 404, "not-found");
        assertProblem(Http.get("/no/such/page.html"), 404, "not-found");
        assertProblem(Http.get("/assets/no-such-file-0000.js"), 404, "not-found");
        assertProblem(Http.send(Http.request("/rooms").POST(HttpRequest.BodyPublishers.ofString("x"))), 405,
                "method-not-allowed");
    }

    @Test
    void web2_hashedAssetsAreCachedLongAndIndexNever() {
        HttpResponse<String> index = Http.get("/");
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElse(null));
        Matcher asset = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(index.body());
        int assets = 0;
        while (asset.find()) {
            HttpResponse<String> file = Http.get(asset.group(1));
            assertEquals(200, file.statusCode(), asset.group(1));
            assertEquals("public, max-age=31536000, immutable",
                    file.headers().firstValue("Cache-Control").orElse(null), asset.group(1));
            assertEquals(CSP, file.headers().firstValue("Content-Security-Policy").orElse(null));
            assets++;
        }
        assertTrue(assets >= 2, "index.html loads its script and style from /assets/: " + index.body());
    }

    @Test
    void web3_theAppHasTheStrictCspAndNoInlineCode() {
        for (String path : List.of("/", "/rooms/x", "/l/AbCdEfGh_-12345678")) {
            HttpResponse<String> page = Http.get(path);
            assertEquals(CSP, page.headers().firstValue("Content-Security-Policy").orElse(null), path);
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
            String html = page.body();
            assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find(),
                    "inline script: " + html);
            assertFalse(html.contains("<style"), "inline style element: " + html);
            assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "style attribute: " + html);
            assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "inline handler: " + html);
        }
    }
}
