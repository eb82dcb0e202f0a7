package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ID-7 refresh rotation and reuse detection, logout; ID-4 a refresh token is no access token. */
class SessionsIT {

    /** The refresh token from a Set-Cookie answer (the cookie is Secure: tests send it by hand over http). */
    static String refreshCookie(HttpResponse<String> response) {
        String header = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("coffer_refresh=")).findFirst()
                .orElseThrow(() -> new AssertionError("no refresh cookie in " + response.headers().map()));
        return header.substring("coffer_refresh=".length(), header.indexOf(';'));
    }

    static HttpResponse<String> refresh(String refreshToken) {
        return Http.send(Http.request("/api/v1/auth/refresh").header("Cookie", "coffer_refresh=" + refreshToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static HttpResponse<String> login(ItDatabase.User user) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                + user.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}");
    }

    static ItDatabase.User user() {
        return ItDatabase.user(ItDatabase.tenant("sessions"), "s" + UUID.randomUUID().toString().substring(0, 8)
                + "@sessions.test", "MEMBER");
    }

    @Test
    void id7_theRefreshCookieIsHttpOnlySecureStrictAndScopedToAuth() {
        HttpResponse<String> login = login(user());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("coffer_refresh=")).findFirst().orElseThrow();
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("httponly") && lower.contains("secure") && lower.contains("samesite=strict")
                && lower.contains("path=/api/v1/auth"), cookie);
    }

    @Test
    void id7_refreshRotatesAndGivesAWorkingAccessToken() {
        String first = refreshCookie(login(user()));
        HttpResponse<String> rotated = refresh(first);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = refreshCookie(rotated);
        assertNotEquals(first, second);
        assertEquals(200, Http.get("/api/v1/me", Http.json(rotated).getString("accessToken")).statusCode());
        assertEquals(200, refresh(second).statusCode());
    }

    @Test
    void id7_reusingARotatedTokenRevokesTheWholeFamily() {
        String first = refreshCookie(login(user()));
        String second = refreshCookie(refresh(first));
        assertProblem(refresh(first), 401, "unauthenticated"); // stolen copy replayed
        assertProblem(refresh(second), 401, "unauthenticated"); // and the legitimate one is dead too
    }

    @Test
    void id7_logoutRevokesTheFamily() {
        HttpResponse<String> login = login(user());
        String access = Http.json(login).getString("accessToken");
        String refreshToken = refreshCookie(login);
        HttpResponse<String> out = Http.send(Http.request("/api/v1/auth/logout")
                .header("Authorization", "Bearer " + access)
                .header("Cookie", "coffer_refresh=" + refreshToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, out.statusCode(), out.body());
        assertProblem(refresh(refreshToken), 401, "unauthenticated");
    }

    @Test
    void id20_logoutNeedsAToken() {
        assertProblem(Http.send(Http.request("/api/v1/auth/logout").POST(HttpRequest.BodyPublishers.noBody())),
                401, "unauthenticated");
    }

    @Test
    void id7_noOrUnknownCookieIs401() {
        assertProblem(Http.send(Http.request("/api/v1/auth/refresh").POST(HttpRequest.BodyPublishers.noBody())),
                401, "unauthenticated");
        assertProblem(refresh("made-up"), 401, "unauthenticated");
    }

    @Test
    void id4_aRefreshTokenUsedAsAnAccessTokenIsRefused() {
        String refreshToken = refreshCookie(login(user()));
        assertProblem(Http.get("/api/v1/me", refreshToken), 401, "unauthenticated");
    }
}
