package io.coffer.web.metrics;

import com.ibm.websphere.security.WebTrustAssociationFailedException;
import com.ibm.wsspi.security.tai.TAIResult;
import com.ibm.wsspi.security.tai.TrustAssociationInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Properties;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * The gate of Liberty's {@code /metrics} (OPS-11): a Trust Association Interceptor that lets a request in when its
 * {@code Authorization: Bearer} equals {@code COFFER_METRICS_TOKEN} and answers 401 otherwise. Liberty's metrics
 * endpoint is served without its own authentication ({@code server-config/metrics-public-false.xml}); this class is
 * the only check, and with no token configured it lets nobody in (fails closed).
 *
 * <p>Not part of the WAR: the build packs this package into a jar of its own (classifier {@code metrics-tai}) that the
 * server loads as a shared library; it may use nothing of Coffer but the JDK, the servlet API and Liberty's TAI SPI.
 * The token is compared in constant time and never logged.
 */
public class MetricsTokenInterceptor implements TrustAssociationInterceptor {

    /** The principal a scrape runs as; it holds no role of the application. */
    static final String PRINCIPAL = "coffer-metrics";
    /** The {@code <properties>} attribute of the interceptor that carries the token. */
    static final String TOKEN_PROPERTY = "token";
    private static final Logger LOG = Logger.getLogger(MetricsTokenInterceptor.class.getName());
    /** The contract's {@code unauthenticated} problem (the API's {@code ProblemType}, which this jar cannot use). */
    static final String PROBLEM = "{\"type\":\"/problems/unauthenticated\",\"title\":\"Unauthenticated\","
            + "\"status\":401,\"detail\":\"/metrics needs Authorization: Bearer <COFFER_METRICS_TOKEN>.\"}";

    private volatile byte[] token = new byte[0];

    /** The paths this gate guards: Liberty's metrics endpoint and its sub-paths ({@code /metrics?scope=base}). */
    static boolean guards(String requestUri) {
        return requestUri != null && (requestUri.equals("/metrics") || requestUri.startsWith("/metrics/"));
    }

    /**
     * The configured token as bytes, or none: empty, or a server.xml variable Liberty left unresolved
     * ({@code ${...}}), would otherwise be a token anybody can guess.
     */
    static byte[] configured(String value) {
        if (value == null || value.isBlank() || value.contains("${")) {
            return new byte[0];
        }
        return value.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header carries exactly the token (scheme case-insensitive, RFC 9110 11.1). */
    static boolean admits(byte[] token, String authorization) {
        if (token.length == 0 || authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, presented);
    }

    @Override
    public int initialize(Properties properties) {
        token = configured(properties.getProperty(TOKEN_PROPERTY));
        LOG.info(token.length == 0 ? "/metrics: no COFFER_METRICS_TOKEN set, the endpoint answers 401 to everyone"
                : "/metrics: open to Authorization: Bearer <COFFER_METRICS_TOKEN>");
        return 0;
    }

    @Override
    public boolean isTargetInterceptor(HttpServletRequest request) {
        return guards(request.getRequestURI());
    }

    @Override
    public TAIResult negotiateValidateandEstablishTrust(HttpServletRequest request, HttpServletResponse response)
            throws WebTrustAssociationFailedException {
        if (admits(token, request.getHeader("Authorization"))) {
            return TAIResult.create(HttpServletResponse.SC_OK, PRINCIPAL, asserted());
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        try {
            response.getWriter().write(PROBLEM);
        } catch (IOException | IllegalStateException e) {
            // the status and the challenge are what counts; the body is a courtesy
        }
        return TAIResult.create(HttpServletResponse.SC_UNAUTHORIZED);
    }

    /**
     * The subject of an admitted scrape, asserted (Liberty's hashtable login): Coffer has no Liberty user registry
     * (its users are the application's), so the principal must not be looked up in one.
     */
    private static Subject asserted() {
        Hashtable<String, Object> credentials = new Hashtable<>();
        credentials.put("com.ibm.wsspi.security.cred.uniqueId", "user:" + PRINCIPAL + "/" + PRINCIPAL);
        credentials.put("com.ibm.wsspi.security.cred.securityName", PRINCIPAL);
        credentials.put("com.ibm.wsspi.security.cred.realm", PRINCIPAL);
        credentials.put("com.ibm.wsspi.security.cred.groups", new ArrayList<String>());
        credentials.put("com.ibm.ws.authentication.internal.assertion", Boolean.TRUE);
        Subject subject = new Subject();
        subject.getPublicCredentials().add(credentials);
        return subject;
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public String getType() {
        return "Coffer metrics token";
    }

    @Override
    public void cleanup() {
        token = new byte[0];
    }
}
