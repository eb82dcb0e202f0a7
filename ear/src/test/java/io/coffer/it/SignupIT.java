package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ID-21 signup and email verification, with real mail; then the new owner logs in (ID-2). */
class SignupIT {

    static final String PASSWORD = "a long signup passphrase";

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    static HttpResponse<String> signup(String slug, String email) {
        return Http.postJson("/api/v1/auth/signup", null, "{\"tenantName\": \"Acme " + slug + "\", \"tenantSlug\": \""
                + slug + "\", \"email\": \"" + email + "\", \"password\": \"" + PASSWORD
                + "\", \"displayName\": \"Ada Owner\"}");
    }

    static HttpResponse<String> login(String slug, String email) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + slug + "\", \"email\": \"" + email
                + "\", \"password\": \"" + PASSWORD + "\"}");
    }

    @Test
    void id21_signupMailsAVerificationLinkThatOnlyThePostUsesUp() {
        String slug = "signup-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada@" + slug + ".test";
        HttpResponse<String> accepted = signup(slug, email);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("{}", accepted.body());

        String body = ItMail.awaitMail(email, 1);
        assertTrue(body.contains(Http.BASE + "/verify-email?token="), body);
        String token = ItMail.token(body);
        assertTrue(token.length() >= 22, "at least 128 bits");

        assertProblem(login(slug, email), 403, "forbidden"); // ID-2: not verified yet
        Http.get("/verify-email?token=" + token); // a mail scanner opens the link
        assertEquals(204, Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"" + token + "\"}")
                .statusCode());
        assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"" + token + "\"}"), 400,
                "invalid-token");

        HttpResponse<String> loggedIn = login(slug, email);
        assertEquals(200, loggedIn.statusCode(), loggedIn.body());
        HttpResponse<String> me = Http.get("/api/v1/me", Http.json(loggedIn).getString("accessToken"));
        assertEquals("OWNER", Http.json(me).getString("role"));
        assertEquals(slug, Http.json(me).getString("tenantSlug"));
    }

    @Test
    void id21_aTakenSlugIsAConflictAndNothingIsMailed() {
        String slug = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(202, signup(slug, "first@" + slug + ".test").statusCode());
        assertProblem(signup(slug, "second@" + slug + ".test"), 409, "conflict");
        ItMail.assertNoMoreMail("second@" + slug + ".test", 0);
    }

    @Test
    void id21_theSameEmailMaySignUpAnotherTenant() {
        String email = "twice-" + UUID.randomUUID().toString().substring(0, 8) + "@x.test";
        assertEquals(202, signup("one-" + UUID.randomUUID().toString().substring(0, 8), email).statusCode());
        assertEquals(202, signup("two-" + UUID.randomUUID().toString().substring(0, 8), email).statusCode());
        String first = ItMail.token(ItMail.awaitMail(email, 2));
        assertNotEquals("", first);
    }

    @Test
    void id21_badSignupsAreValidationProblems() {
        assertProblem(signup("Bad Slug!", "x@y.test"), 400, "validation");
        assertProblem(Http.postJson("/api/v1/auth/signup", null, "{\"tenantName\": \"A\", \"tenantSlug\": \"ok-slug\","
                + " \"email\": \"not-an-email\", \"password\": \"" + PASSWORD + "\", \"displayName\": \"A\"}"),
                400, "validation");
        assertProblem(Http.postJson("/api/v1/auth/signup", null, "{\"tenantName\": \"A\", \"tenantSlug\": \"ok-slug2\","
                + " \"email\": \"a@b.test\", \"password\": \"short\", \"displayName\": \"A\"}"), 400, "validation");
        assertProblem(Http.postJson("/api/v1/auth/signup", null, "{\"tenantId\": \"x\"}"), 400, "validation");
    }

    @Test
    void id21_aWrongVerificationTokenIsInvalid() {
        assertProblem(Http.postJson("/api/v1/auth/verify-email", null, "{\"token\": \"nope\"}"), 400, "invalid-token");
    }
}
