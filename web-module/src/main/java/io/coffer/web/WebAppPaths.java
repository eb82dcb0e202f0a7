package io.coffer.web;

import java.util.List;
import java.util.Locale;

/**
 * Which paths outside the API belong to the single-page app, and how long browsers may keep its files.
 *
 * <ul>
 *   <li>A deep link (every route of the SPA: {@code /rooms/…}, {@code /l/<token>}, {@code /r/<token>} of file
 *       requests, {@code /verify-email}, …) is answered with {@code index.html}; the SPA's router decides what it
 *       shows (its own "not found" page too).
 *       A deep link is a GET or HEAD of a path whose last segment has no dot, outside the API, the operations
 *       endpoints and {@code /assets/}.</li>
 *   <li>A path that names a file ({@code /no/such/page.html}, {@code /assets/missing.js}) and is not in the WAR stays
 *       a problem+json 404, and everything under {@code /api/} stays the API's.</li>
 *   <li>Vite names the files under {@code /assets/} by their content hash: cached for a year, immutable. The
 *       {@code index.html} that points at them is never taken from a cache without asking ({@code no-cache}).</li>
 * </ul>
 */
public final class WebAppPaths {
    static final String INDEX = "/index.html";
    static final String ASSETS_CACHE = "public, max-age=31536000, immutable";
    static final String INDEX_CACHE = "no-cache";

    private static final List<String> NOT_THE_APP = List.of("/api", "/health", "/openapi", "/metrics", "/ibm",
            "/assets", "/error-page");

    private WebAppPaths() {
    }

    /** A path (without the context path) that the SPA answers with index.html. */
    public static boolean isAppRoute(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return true;
        }
        if (!path.startsWith("/") || path.contains("..") || path.contains("//") || path.contains("\\")) {
            return false;
        }
        String upper = path.toUpperCase(Locale.ROOT);
        if (upper.contains("WEB-INF") || upper.contains("META-INF")) {
            return false;
        }
        for (String prefix : NOT_THE_APP) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    /** The Cache-Control for a file of the web app, or null to leave it to the container. */
    public static String cacheControl(String path) {
        if (path.startsWith("/assets/")) {
            return ASSETS_CACHE;
        }
        if (path.isEmpty() || path.equals("/") || path.equals(INDEX) || isAppRoute(path)) {
            return INDEX_CACHE;
        }
        return null;
    }
}
