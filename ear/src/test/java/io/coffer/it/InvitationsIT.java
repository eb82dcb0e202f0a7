package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ID-18 invitations by mail, ID-20 roles; the invited user exists in the inviting tenant only. */
class InvitationsIT {
    static final String PASSWORD = "an invited passphrase";
    ItDatabase.User admin;
    ItDatabase.User member;
    String invitee;

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    @BeforeEach
    void tenant() {
        UUID tenant = ItDatabase.tenant("invite");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        admin = ItDatabase.user(tenant, "admin-" + suffix + "@i.test", "ADMIN");
        member = ItDatabase.user(tenant, "member-" + suffix + "@i.test", "MEMBER");
        invitee = "new-" + suffix + "@i.test";
    }

    @AfterEach
    void clock() {
        ItClock.reset();
    }

    static HttpResponse<String> invite(String token, String email, String role) {
        return Http.postJson("/api/v1/invitations", token, "{\"email\": \"" + email + "\", \"role\": \"" + role + "\"}");
    }

    static HttpResponse<String> accept(String token) {
        return Http.postJson("/api/v1/invitations/accept", null, "{\"token\": \"" + token + "\", \"password\": \""
                + PASSWORD + "\", \"displayName\": \"New Colleague\"}");
    }

    @Test
    void id18_anInviteeJoinsTheInvitingTenantOnly() {
        HttpResponse<String> created = invite(Tokens.login(admin), invitee, "MEMBER");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject invitation = Http.json(created);
        assertEquals(invitee, invitation.getString("email"));
        assertEquals("MEMBER", invitation.getString("role"));
        assertTrue(invitation.containsKey("expiresAt") && invitation.containsKey("id"));
        assertTrue(!created.body().contains("token"), "the token is only in the mail");

        String body = ItMail.awaitMail(invitee, 1);
        assertTrue(body.contains("/invitations/accept?token="), body);
        HttpResponse<String> joined = accept(ItMail.token(body));
        assertEquals(201, joined.statusCode(), joined.body());
        assertEquals(admin.tenant().toString(), Http.json(joined).getString("tenantId"));
        assertEquals("MEMBER", Http.json(joined).getString("role"));

        HttpResponse<String> login = Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + admin.tenantSlug()
                + "\", \"email\": \"" + invitee + "\", \"password\": \"" + PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), "verified by the mail itself");
        HttpResponse<String> elsewhere = Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \""
                + ItDatabase.BOOTSTRAP_TENANT + "\", \"email\": \"" + invitee + "\", \"password\": \"" + PASSWORD
                + "\"}");
        assertEquals(401, elsewhere.statusCode(), "no user in any other tenant");
    }

    @Test
    void id18_theTokenIsSingleUse() {
        invite(Tokens.login(admin), invitee, "ADMIN");
        String token = ItMail.token(ItMail.awaitMail(invitee, 1));
        assertEquals(201, accept(token).statusCode());
        assertProblem(accept(token), 400, "invalid-token");
    }

    @Test
    void id18_theTokenExpiresAfterSevenDays() {
        invite(Tokens.login(admin), invitee, "MEMBER");
        String token = ItMail.token(ItMail.awaitMail(invitee, 1));
        ItClock.advance(Duration.ofDays(7).plusMinutes(1));
        assertProblem(accept(token), 400, "invalid-token");
    }

    @Test
    void id20_onlyAdminsInviteAndOnlyOwnersInviteOwners() {
        assertProblem(invite(Tokens.login(member), invitee, "MEMBER"), 403, "forbidden");
        assertProblem(Http.postJson("/api/v1/invitations", Tokens.login(member), "{\"bad\": "), 403, "forbidden");
        assertProblem(invite(Tokens.login(admin), invitee, "OWNER"), 403, "forbidden");
        assertProblem(invite(null, invitee, "MEMBER"), 401, "unauthenticated");
        assertProblem(invite(Tokens.login(admin), "not-an-email", "MEMBER"), 400, "validation");
        assertProblem(invite(Tokens.login(admin), member.email(), "MEMBER"), 409, "conflict");
    }

    @Test
    void id18_aRemovedMemberCanBeInvitedAgain() {
        String adminToken = Tokens.login(admin);
        assertEquals(204, MembersIT.delete(adminToken, member).statusCode());
        assertEquals(201, invite(adminToken, member.email(), "MEMBER").statusCode());
        HttpResponse<String> joined = accept(ItMail.token(ItMail.awaitMail(member.email(), 1)));
        assertEquals(201, joined.statusCode(), joined.body());
    }

    @Test
    void id18_aWrongTokenIsInvalid() {
        assertProblem(accept("not-a-real-invitation-token"), 400, "invalid-token");
    }
}
