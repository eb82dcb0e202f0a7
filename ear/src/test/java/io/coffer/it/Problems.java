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

    private Problems() {
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
