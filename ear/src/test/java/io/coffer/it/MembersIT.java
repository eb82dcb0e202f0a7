package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ID-17 members and roles, ID-20 401/403/404 and authorization before validation, ID-5 next-request effect. */
class MembersIT {
    ItDatabase.User owner;
    ItDatabase.User admin;
    ItDatabase.User member;
    ItDatabase.User foreigner;

    @BeforeEach
    void tenant() {
        UUID tenant = ItDatabase.tenant("members");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + suffix + "@m.test", "OWNER");
        admin = ItDatabase.user(tenant, "admin-" + suffix + "@m.test", "ADMIN");
        member = ItDatabase.user(tenant, "member-" + suffix + "@m.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("members-b"), "f-" + suffix + "@m.test", "OWNER");
    }

    static HttpResponse<String> patchRole(String token, ItDatabase.User target, String role) {
        return Http.patchJson("/api/v1/members/" + target.id(), token, "{\"role\": \"" + role + "\"}");
    }

    static HttpResponse<String> delete(String token, ItDatabase.User target) {
        return Http.send(Http.request("/api/v1/members/" + target.id())
                .header("Authorization", "Bearer " + token).DELETE());
    }

    @Test
    void id20_membersNeedAToken() {
        assertProblem(Http.get("/api/v1/members"), 401, "unauthenticated");
        assertProblem(Http.patchJson("/api/v1/members/" + member.id(), null, "{\"role\": \"ADMIN\"}"), 401,
                "unauthenticated");
    }

    @Test
    void id20_aMemberIsForbiddenEvenWithAnInvalidBody() {
        String token = Tokens.login(member);
        assertProblem(Http.get("/api/v1/members", token), 403, "forbidden");
        assertProblem(Http.patchJson("/api/v1/members/" + admin.id(), token, "{\"nonsense\": "), 403, "forbidden");
        assertProblem(delete(token, admin), 403, "forbidden");
    }

    @Test
    void id20_anotherTenantsMemberIsNotFoundLikeAMissingOne() {
        String token = Tokens.login(admin);
        HttpResponse<String> foreign = patchRole(token, foreigner, "MEMBER");
        assertProblem(foreign, 404, "not-found");
        HttpResponse<String> missing = Http.patchJson("/api/v1/members/" + UUID.randomUUID(), token,
                "{\"role\": \"MEMBER\"}");
        assertEquals(withoutInstance(foreign.body()), withoutInstance(missing.body()));
        assertProblem(delete(token, foreigner), 404, "not-found");
        assertProblem(Http.patchJson("/api/v1/members/not-a-uuid", token, "{\"role\": \"MEMBER\"}"), 404,
                "not-found");
    }

    @Test
    void id17_anAdminListsAndChangesMembers() {
        String token = Tokens.login(admin);
        HttpResponse<String> list = Http.get("/api/v1/members", token);
        assertEquals(200, list.statusCode(), list.body());
        JsonObject page = Http.json(list);
        assertEquals(3, page.getJsonArray("items").size());
        assertTrue(page.isNull("nextCursor"));
        HttpResponse<String> promoted = patchRole(token, member, "ADMIN");
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertEquals("ADMIN", Http.json(promoted).getString("role"));
        assertProblem(patchRole(token, member, "KING"), 400, "validation");
    }

    @Test
    void id5_aPromotionAndADemotionTakeEffectOnTheNextRequest() {
        String memberToken = Tokens.login(member);
        assertProblem(Http.get("/api/v1/members", memberToken), 403, "forbidden");
        assertEquals(200, patchRole(Tokens.login(owner), member, "ADMIN").statusCode());
        assertEquals(200, Http.get("/api/v1/members", memberToken).statusCode(), "same token, new role");
        assertEquals(200, patchRole(Tokens.login(owner), member, "MEMBER").statusCode());
        assertProblem(Http.get("/api/v1/members", memberToken), 403, "forbidden");
    }

    @Test
    void id17_onlyAnOwnerTouchesTheOwnerRole() {
        String adminToken = Tokens.login(admin);
        assertProblem(patchRole(adminToken, member, "OWNER"), 403, "forbidden");
        assertProblem(patchRole(adminToken, owner, "MEMBER"), 403, "forbidden");
        assertProblem(delete(adminToken, owner), 403, "forbidden");
    }

    @Test
    void id17_theLastOwnerCanBeNeitherDemotedNorRemoved() {
        String ownerToken = Tokens.login(owner);
        assertProblem(patchRole(ownerToken, owner, "ADMIN"), 409, "conflict");
        assertProblem(delete(ownerToken, owner), 409, "conflict");
        assertEquals(200, patchRole(ownerToken, admin, "OWNER").statusCode());
        assertEquals(200, patchRole(ownerToken, owner, "ADMIN").statusCode(), "with a second owner it may step down");
    }

    @Test
    void id5_aRemovedMembersTokenStopsAtTheNextRequest() {
        String memberToken = Tokens.login(member);
        assertEquals(200, Http.get("/api/v1/me", memberToken).statusCode());
        assertEquals(204, delete(Tokens.login(admin), member).statusCode());
        assertProblem(Http.get("/api/v1/me", memberToken), 401, "unauthenticated");
        assertEquals(401, SessionsIT.login(member).statusCode(), "and cannot log in again");
    }
}
