package io.coffer.web;

import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Security headers for every answer of the application (the server adds nosniff and removes its banner for
 * Liberty's own endpoints too, see server.xml). TRACE is refused before anything else runs.
 */
@WebFilter(filterName = "securityHeaders", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    /** Whether the client came over https, also through a trusted TLS proxy (OPS-4). */
    @jakarta.inject.Inject
    io.coffer.api.security.ClientAddresses clients;

    /** The SPA loads only its own scripts, styles and images; nothing may frame it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (clients.isHttps(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (request.getRequestURI().startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        if ("TRACE".equalsIgnoreCase(request.getMethod()) || "TRACK".equalsIgnoreCase(request.getMethod())) {
            response.setStatus(ProblemType.METHOD_NOT_ALLOWED.status());
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            response.setContentType(Problem.MEDIA_TYPE + "; charset=utf-8");
            response.getOutputStream().write(
                    Problem.json(ProblemType.METHOD_NOT_ALLOWED, null, null, RequestIdFilter.ensure(request, response))
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!request.getRequestURI().startsWith("/api/") && isRead(request)) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String cacheControl = WebAppPaths.cacheControl(path);
            if (cacheControl != null) {
                response.setHeader("Cache-Control", cacheControl);
            }
            if (!isServedPath(request) && WebAppPaths.isAppRoute(path)) {
                // A deep link of the SPA (/rooms/..., /l/<token>, /verify-email...): the app answers it.
                request.getRequestDispatcher(WebAppPaths.INDEX).forward(request, response);
                return;
            }
        }
        if (!request.getRequestURI().startsWith("/api/") && !isServedPath(request)) {
            // Answer here rather than through sendError: the container's error dispatch adds internal headers.
            ProblemType type = isRead(request) ? ProblemType.NOT_FOUND : ProblemType.METHOD_NOT_ALLOWED;
            response.setStatus(type.status());
            if (type == ProblemType.METHOD_NOT_ALLOWED) {
                response.setHeader("Allow", "GET, HEAD");
            }
            response.setContentType(Problem.MEDIA_TYPE + "; charset=utf-8");
            response.getOutputStream().write(Problem.json(type, null, null, RequestIdFilter.ensure(request, response))
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /**
     * Outside the API only the web app's own files are served, and only to GET and HEAD; the SPA's deep links are
     * answered with its index.html (see {@link WebAppPaths}).
     */
    private boolean isServedPath(HttpServletRequest request) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!isRead(request)) {
            return false;
        }
        if (path.isEmpty() || path.equals("/")) {
            return true;
        }
        if (path.endsWith("/") || path.contains("..") || path.toUpperCase(java.util.Locale.ROOT).contains("WEB-INF")
                || path.toUpperCase(java.util.Locale.ROOT).contains("META-INF")) {
            return false;
        }
        return getServletContext().getResource(path) != null;
    }
}
