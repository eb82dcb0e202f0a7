package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ID-18 invitations by mail, ID-20 roles, ID-32 listing and revoking, ID-33 an inviter's demotion or removal; the
 * invited user exists in the inviting tenant only.
 */
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
    void id37_aSpentInvitationTokenCostsNoPasswordHash() {
        invite(Tokens.login(admin), invitee, "MEMBER");
        String token = ItMail.token(ItMail.awaitMail(invitee, 1));
        assertEquals(201, accept(token).statusCode());
        HashCost.assertNoHash("accepting a used invitation", 400, () -> accept(token),
                () -> accept("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                () -> Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + member.tenantSlug()
                        + "\", \"email\": \"" + member.email() + "\", \"password\": \"not the password at all\"}"));
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

    static HttpResponse<String> list(String token, String query) {
        return Http.get("/api/v1/invitations" + query, token);
    }

    static HttpResponse<String> revoke(String token, String id) {
        return Http.send(Http.request("/api/v1/invitations/" + id).header("Authorization", "Bearer " + token)
                .DELETE());
    }

    static List<String> emails(HttpResponse<String> listed) {
        assertEquals(200, listed.statusCode(), listed.body());
        return Http.json(listed).getJsonArray("items").stream().map(v -> v.asJsonObject().getString("email"))
                .toList();
    }

    @Test
    void id32_adminsListPendingInvitationsAndRevokeThem() {
        String adminToken = Tokens.login(admin);
        String first = "first-" + invitee;
        String second = "second-" + invitee;
        String joined = "joined-" + invitee;
        String firstId = Http.json(invite(adminToken, first, "MEMBER")).getString("id");
        String secondId = Http.json(invite(adminToken, second, "ADMIN")).getString("id");
        invite(adminToken, joined, "MEMBER");
        assertEquals(201, accept(ItMail.token(ItMail.awaitMail(joined, 1))).statusCode());

        HttpResponse<String> listed = list(adminToken, "");
        assertEquals(List.of(second, first), emails(listed), "pending ones only, newest first");
        JsonObject item = Http.json(listed).getJsonArray("items").getJsonObject(1);
        assertEquals(firstId, item.getString("id"));
        assertEquals("MEMBER", item.getString("role"));
        assertEquals(admin.id().toString(), item.getString("invitedBy"));
        assertTrue(java.time.Instant.parse(item.getString("createdAt"))
                .plus(Duration.ofDays(7)).equals(java.time.Instant.parse(item.getString("expiresAt"))));
        assertEquals(List.of("createdAt", "email", "expiresAt", "id", "invitedBy", "role"),
                item.keySet().stream().sorted().toList());
        assertTrue(Http.json(listed).isNull("nextCursor"));
        assertTrue(!listed.body().contains("token"), "never a token");

        HttpResponse<String> page = list(adminToken, "?limit=1");
        assertEquals(List.of(second), emails(page));
        String cursor = Http.json(page).getString("nextCursor");
        HttpResponse<String> next = list(adminToken, "?limit=1&cursor=" + cursor);
        assertEquals(List.of(first), emails(next));
        assertTrue(Http.json(next).isNull("nextCursor"));

        assertProblem(list(Tokens.login(member), ""), 403, "forbidden");
        assertProblem(revoke(Tokens.login(member), firstId), 403, "forbidden");
        assertProblem(list(null, ""), 401, "unauthenticated");
        ItDatabase.User foreigner = ItDatabase.user(ItDatabase.tenant("invite-b"), "f-" + invitee, "OWNER");
        HttpResponse<String> foreign = revoke(Tokens.login(foreigner), secondId);
        HttpResponse<String> unknown = revoke(adminToken, UUID.randomUUID().toString());
        assertProblem(foreign, 404, "not-found");
        assertEquals(unknown.body().replaceAll("\"instance\":\"[^\"]*\"", ""),
                foreign.body().replaceAll("\"instance\":\"[^\"]*\"", ""), "one body for foreign and unknown");
        assertEquals(List.of(), emails(list(Tokens.login(foreigner), "")));

        assertEquals(204, revoke(adminToken, firstId).statusCode());
        assertEquals(List.of(second), emails(list(adminToken, "")));
        assertProblem(accept(ItMail.token(ItMail.awaitMail(first, 1))), 400, "invalid-token");
        assertProblem(revoke(adminToken, firstId), 404, "not-found");
        HttpResponse<String> stillValid = accept(ItMail.token(ItMail.awaitMail(second, 1)));
        assertEquals(201, stillValid.statusCode(), "a foreign DELETE revoked nothing: " + stillValid.body());

        invite(adminToken, "late-" + invitee, "MEMBER");
        ItClock.advance(Duration.ofDays(7).plusMinutes(1));
        assertEquals(List.of(), emails(list(adminToken, "")), "an expired invitation is no longer pending");
    }

    @Test
    void id33_anInvitationIsNotHonouredAboveWhatItsInviterMayInviteNow() {
        UUID tenant = admin.tenant();
        String s = UUID.randomUUID().toString().substring(0, 6);
        ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + s + "@i.test", "OWNER");
        ItDatabase.User coOwner = ItDatabase.user(tenant, "coowner-" + s + "@i.test", "OWNER");
        ItDatabase.User leaving = ItDatabase.user(tenant, "leaving-" + s + "@i.test", "ADMIN");
        String ownerToken = Tokens.login(owner);

        invite(Tokens.login(admin), "by-demoted-" + invitee, "MEMBER");
        invite(Tokens.login(leaving), "by-removed-" + invitee, "ADMIN");
        String coOwnerToken = Tokens.login(coOwner);
        invite(coOwnerToken, "owner-by-coowner-" + invitee, "OWNER");
        invite(coOwnerToken, "admin-by-coowner-" + invitee, "ADMIN");

        assertEquals(200, MembersIT.patchRole(ownerToken, admin, "MEMBER").statusCode());
        assertEquals(204, MembersIT.delete(ownerToken, leaving).statusCode());
        assertEquals(200, MembersIT.patchRole(ownerToken, coOwner, "ADMIN").statusCode());

        assertProblem(accept(ItMail.token(ItMail.awaitMail("by-demoted-" + invitee, 1))), 400, "invalid-token");
        assertProblem(accept(ItMail.token(ItMail.awaitMail("by-removed-" + invitee, 1))), 400, "invalid-token");
        assertProblem(accept(ItMail.token(ItMail.awaitMail("owner-by-coowner-" + invitee, 1))), 400,
                "invalid-token");
        assertEquals(List.of("admin-by-coowner-" + invitee), emails(list(ownerToken, "")),
                "what the inviters may no longer invite is no longer pending");
        HttpResponse<String> kept = accept(ItMail.token(ItMail.awaitMail("admin-by-coowner-" + invitee, 1)));
        assertEquals(201, kept.statusCode(), "an ADMIN may still invite an ADMIN: " + kept.body());
        assertEquals("ADMIN", Http.json(kept).getString("role"));
    }
}
