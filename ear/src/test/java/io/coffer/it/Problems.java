package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

/** Assertions on RFC 9457 problem answers (FD-7). */
public final class Problems {
    /** What must never reach a client: stack frames, exception class names, SQL, server internals. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(exception|\\bat [a-z]+\\.[a-z]|\\bselect\\b|\\binsert\\b|\\bsql|eclipselink|liberty|\\bjava\\.|io\\.coffer)");

    /** A problem's {@code instance}: the request it answered (OPS-10), the one member that varies per request. */
    private static final Pattern INSTANCE = Pattern.compile(",\"instance\":\"urn:coffer:request:[A-Za-z0-9._-]{1,64}\"");

    private Problems() {
    }

    /**
     * A problem body byte for byte, without its {@code instance} (OPS-10): what two requests refused alike must share.
     * The body must name exactly one request as its instance.
     */
    public static String withoutInstance(String body) {
        java.util.regex.Matcher instance = INSTANCE.matcher(body);
        assertTrue(instance.find(), "OPS-10: a problem names its request as instance: " + body);
        String rest = body.substring(0, instance.start()) + body.substring(instance.end());
        assertFalse(INSTANCE.matcher(rest).find(), "one instance: " + body);
        return rest;
    }

    public static JsonObject assertProblem(HttpResponse<String> response, int status, String slug) {
        assertEquals(status, response.statusCode(), response.body());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/problem+json"), "problem+json, got " + contentType);
        JsonObject problem = Http.json(response);
        assertEquals("/problems/" + slug, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertNoInternals(response.body());
        return problem;
    }

    public static void assertNoInternals(String body) {
        assertFalse(INTERNALS.matcher(body).find(), "internals leaked: " + body);
    }
}
