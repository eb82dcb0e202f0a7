package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grants and groups over HTTP (docs/features/permissions.md, PERM-*). */
class GrantsIT {
    ItDatabase.User owner;
    ItDatabase.User alice;
    ItDatabase.User bob;
    ItDatabase.User foreigner;
    String ownerToken;
    String aliceToken;
    String bobToken;

    @BeforeEach
    void tenant() {
        UUID tenant = ItDatabase.tenant("grants");
        String s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@g.test", "OWNER");
        alice = ItDatabase.user(tenant, "alice-" + s + "@g.test", "MEMBER");
        bob = ItDatabase.user(tenant, "bob-" + s + "@g.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("grants-b"), "f-" + s + "@g.test", "OWNER");
        ownerToken = Tokens.accessToken(owner);
        aliceToken = Tokens.accessToken(alice);
        bobToken = Tokens.accessToken(bob);
    }

    @Test
    void perm8_theCreatorsManageGrantIsAnOrdinaryGrant() {
        String room = Api.room(aliceToken, "Alice's");
        JsonArray grants = Api.array(Http.get("/api/v1/datarooms/" + room + "/grants", aliceToken));
        assertEquals(1, grants.size());
        JsonObject g = grants.getJsonObject(0);
        assertEquals("USER", g.getJsonObject("principal").getString("type"));
        assertEquals(alice.id().toString(), g.getJsonObject("principal").getString("id"));
        assertTrue(g.isNull("folderId"));
        assertEquals("MANAGE", g.getString("permission"));
    }

    @Test
    void perm9_putGrantsReplacesTheListAtomically() {
        String room = Api.room(ownerToken, "Atomic");
        String folder = Api.folder(ownerToken, room, "F", null);
        String good = Api.grant("USER", alice.id().toString(), folder, "VIEW");
        for (String bad : List.of(Api.grant("USER", UUID.randomUUID().toString(), null, "VIEW"),
                Api.grant("USER", foreigner.id().toString(), null, "VIEW"),
                Api.grant("GROUP", UUID.randomUUID().toString(), null, "VIEW"),
                Api.grant("USER", alice.id().toString(), UUID.randomUUID().toString(), "VIEW"),
                Api.grant("USER", alice.id().toString(), null, "OWN"),
                Api.grant("ROBOT", alice.id().toString(), null, "VIEW"),
                good, "{\"principal\": {\"type\": \"USER\", \"id\": \"" + bob.id() + "\"}, \"permission\": \"VIEW\","
                        + " \"tenantId\": \"x\"}")) {
            HttpResponse<String> r = Api.putGrants(ownerToken, room, List.of(good, bad));
            assertProblem(r, 400, "validation");
            assertTrue(r.body().contains("[1]"), "the invalid entry is named: " + r.body());
            assertProblem(Http.get("/api/v1/folders/" + folder, aliceToken), 404, "not-found");
        }
        HttpResponse<String> ok = Api.putGrants(ownerToken, room, List.of(good,
                Api.grant("USER", bob.id().toString(), null, "DOWNLOAD")));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(2, Api.array(ok).size());
        assertEquals(200, Http.get("/api/v1/folders/" + folder, aliceToken).statusCode());
        assertEquals(2, Api.array(Http.get("/api/v1/datarooms/" + room + "/grants", ownerToken)).size());
        assertProblem(Api.put("/api/v1/datarooms/" + room + "/grants", ownerToken, "{\"not\": \"an array\"}"), 400,
                "validation");
    }

    @Test
    void perm10_grantGroupAndRoleChangesTakeEffectOnTheNextRequest() {
        String room = Api.room(ownerToken, "Next request");
        String doc = Api.document(ownerToken, room, null, "a.pdf", DocumentsIT.PDF);
        assertProblem(Http.get("/api/v1/documents/" + doc, aliceToken), 404, "not-found");

        String group = Api.group(ownerToken, "Deal team " + UUID.randomUUID());
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("GROUP", group, null, "VIEW")))
                .statusCode());
        assertProblem(Http.get("/api/v1/documents/" + doc, aliceToken), 404, "not-found");
        assertEquals(200, Api.members(ownerToken, group, List.of(alice.id().toString())).statusCode());
        assertEquals(200, Http.get("/api/v1/documents/" + doc, aliceToken).statusCode(), "group membership");
        assertProblem(Http.get("/api/v1/documents/" + doc + "/content", aliceToken), 403, "forbidden");

        assertEquals(200, Api.members(ownerToken, group, List.of()).statusCode());
        assertProblem(Http.get("/api/v1/documents/" + doc, aliceToken), 404, "not-found");

        assertEquals(200, Api.role(ownerToken, alice.id().toString(), "ADMIN").statusCode());
        assertEquals(200, Http.get("/api/v1/documents/" + doc + "/content", aliceToken).statusCode(), "role");
        assertEquals(200, Api.role(ownerToken, alice.id().toString(), "MEMBER").statusCode());
        assertProblem(Http.get("/api/v1/documents/" + doc, aliceToken), 404, "not-found");
    }

    @Test
    void perm2_aDeeperGrantOverridesAndNoneHidesButAGroupStillGives() {
        String room = Api.room(ownerToken, "Overrides");
        String a = Api.folder(ownerToken, room, "A", null);
        String b = Api.folder(ownerToken, room, "B", a);
        String inB = Api.document(ownerToken, room, b, "deep.pdf", DocumentsIT.PDF);
        String inA = Api.document(ownerToken, room, a, "shallow.pdf", DocumentsIT.PDF);
        String group = Api.group(ownerToken, "G " + UUID.randomUUID());
        Api.members(ownerToken, group, List.of(bob.id().toString()));
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", alice.id().toString(), null, "DOWNLOAD"),
                Api.grant("USER", alice.id().toString(), b, "NONE"),
                Api.grant("USER", bob.id().toString(), null, "MANAGE"),
                Api.grant("USER", bob.id().toString(), a, "VIEW"),
                Api.grant("GROUP", group, b, "UPLOAD"))).statusCode());
        assertEquals(200, Http.get("/api/v1/documents/" + inA + "/content", aliceToken).statusCode());
        assertProblem(Http.get("/api/v1/documents/" + inB, aliceToken), 404, "not-found");
        assertProblem(Http.get("/api/v1/folders/" + b, aliceToken), 404, "not-found");
        assertFalse(Api.tree(aliceToken, room).toString().contains("deep.pdf"));
        assertProblem(Http.get("/api/v1/documents/" + inA + "/content", bobToken), 403, "forbidden");
        assertEquals(200, Http.get("/api/v1/documents/" + inB + "/content", bobToken).statusCode(),
                "the group's UPLOAD on B beats bob's own VIEW inherited from A");
        assertEquals("MANAGE", Http.json(Http.get("/api/v1/datarooms/" + room, bobToken)).getString("myPermission"));
    }

    @Test
    void perm7_aFolderGrantShowsTheRoomAndThatFolderOnlyWithoutTheNamesAboveIt() {
        String room = Api.room(ownerToken, "Hoist");
        String secret = Api.folder(ownerToken, room, "Secret project", null);
        String shared = Api.folder(ownerToken, room, "Shared", secret);
        Api.document(ownerToken, room, shared, "ok.pdf", DocumentsIT.PDF);
        Api.document(ownerToken, room, secret, "hidden.pdf", DocumentsIT.PDF);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", alice.id().toString(), shared, "VIEW"))).statusCode());
        assertTrue(Http.get("/api/v1/datarooms", aliceToken).body().contains(room));
        JsonObject tree = Api.tree(aliceToken, room);
        assertEquals("NONE", tree.getString("myPermission"));
        String text = tree.toString();
        assertTrue(text.contains("ok.pdf") && text.contains("Shared"), text);
        assertFalse(text.contains("Secret project") || text.contains("hidden.pdf"), text);
        JsonObject top = tree.getJsonArray("children").getJsonObject(0);
        assertEquals("1", top.getString("index"));
        assertEquals("/Shared", Http.json(Http.get("/api/v1/folders/" + shared, aliceToken)).getString("path"));
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/folders", aliceToken, "{\"name\": \"x\"}"), 403,
                "forbidden");
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/grants", aliceToken), 403, "forbidden");
    }

    @Test
    void perm11_groupsAreReadByMembersAndChangedByAdmins() {
        String group = Api.group(ownerToken, "Readers " + UUID.randomUUID());
        assertTrue(Http.get("/api/v1/groups", aliceToken).body().contains(group));
        assertProblem(Http.postJson("/api/v1/groups", aliceToken, "{\"bogus\": 1}"), 403, "forbidden");
        assertProblem(Api.put("/api/v1/groups/" + group + "/members", aliceToken, "not json"), 403, "forbidden");
        assertProblem(Api.put("/api/v1/groups/" + group + "/members", Tokens.accessToken(foreigner), "not json"),
                404, "not-found");
        assertProblem(Api.members(ownerToken, group, List.of(foreigner.id().toString())), 400, "validation");
        assertProblem(Http.postJson("/api/v1/groups", ownerToken, "{\"name\": \"" + Http.json(Http.get(
                "/api/v1/groups/" + group, ownerToken)).getString("name").toUpperCase() + "\"}"), 409, "conflict");
        HttpResponse<String> set = Api.members(ownerToken, group, List.of(alice.id().toString(),
                bob.id().toString(), alice.id().toString()));
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(2, Api.array(set).size());
        assertEquals(204, Api.delete("/api/v1/groups/" + group, ownerToken).statusCode());
        assertProblem(Http.get("/api/v1/groups/" + group, ownerToken), 404, "not-found");
    }

    @Test
    void perm15_aRemovedMemberLeavesNoGroupMembershipOrGrantBehind() {
        String room = Api.room(ownerToken, "Leavers " + UUID.randomUUID());
        String group = Api.group(ownerToken, "Leaving " + UUID.randomUUID());
        assertEquals(200, Api.members(ownerToken, group, List.of(alice.id().toString(), bob.id().toString()))
                .statusCode());
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "DOWNLOAD"),
                Api.grant("GROUP", group, null, "VIEW"))).statusCode());

        assertEquals(204, Api.delete("/api/v1/members/" + alice.id(), ownerToken).statusCode());

        String members = Http.get("/api/v1/groups/" + group + "/members", ownerToken).body();
        assertFalse(members.contains(alice.id().toString()), members);
        assertTrue(members.contains(bob.id().toString()), members);
        String grants = Http.get("/api/v1/datarooms/" + room + "/grants", ownerToken).body();
        assertFalse(grants.contains(alice.id().toString()), grants);
        assertTrue(grants.contains(group), "the group's grant stays");
    }

    // ---- what a manager cannot see, a cascade does not touch (docs/features/datarooms.md, DR-8..DR-10) ----------

    static String names(JsonObject tree) {
        return tree.toString();
    }

    @Test
    void dr8_deletingOrMovingAFolderThatHoldsWhatTheCallerCannotSeeIsRefusedAndChangesNothing() throws Exception {
        String room = Api.room(ownerToken, "Cascade " + UUID.randomUUID());
        String f = Api.folder(ownerToken, room, "Deal", null);
        String hidden = Api.folder(ownerToken, room, "Board", f);
        String shown = Api.folder(ownerToken, room, "Shown", f);
        String elsewhere = Api.folder(ownerToken, room, "Elsewhere", null);
        String secret = Api.document(ownerToken, room, hidden, "minutes.pdf", DocumentsIT.pdf(1, 612, 792));
        String plain = Api.document(ownerToken, room, shown, "plain.pdf", DocumentsIT.pdf(1, 612, 792));
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), f, "MANAGE"),
                Api.grant("USER", alice.id().toString(), elsewhere, "MANAGE"),
                Api.grant("USER", alice.id().toString(), hidden, "NONE"))).statusCode());

        assertProblem(Api.delete("/api/v1/folders/" + f, aliceToken), 403, "forbidden");
        assertProblem(Http.patchJson("/api/v1/folders/" + f, aliceToken, "{\"parentId\": \"" + elsewhere + "\"}"),
                403, "forbidden");
        String ownerTree = names(Api.tree(ownerToken, room));
        for (String id : List.of(f, hidden, shown, secret, plain)) {
            assertTrue(ownerTree.contains(id), "still there for the owner: " + id + " in " + ownerTree);
        }
        assertEquals(200, Http.get("/api/v1/documents/" + secret, ownerToken).statusCode());
        assertTrue(Http.json(Http.get("/api/v1/folders/" + f, ownerToken)).isNull("parentId"), "not moved");
        String aliceTree = names(Api.tree(aliceToken, room));
        assertTrue(aliceTree.contains(f) && aliceTree.contains(plain) && !aliceTree.contains(secret), aliceTree);

        // what alice sees and manages whole, she deletes, moves and renames as before
        assertEquals(200, Http.patchJson("/api/v1/folders/" + f, aliceToken, "{\"name\": \"Deal 2\"}").statusCode());
        assertEquals(200, Http.patchJson("/api/v1/folders/" + shown, aliceToken,
                "{\"parentId\": \"" + elsewhere + "\"}").statusCode());
        assertEquals(204, Api.delete("/api/v1/folders/" + shown, aliceToken).statusCode());
        assertProblem(Http.get("/api/v1/documents/" + plain, ownerToken), 404, "not-found");
        assertTrue(names(Api.tree(ownerToken, room)).contains(secret));
    }

    @Test
    void dr9_aRoomManagerNeitherListsNorRestoresTrashedDocumentsOfFoldersHiddenFromThem() throws Exception {
        String room = Api.room(ownerToken, "Trash " + UUID.randomUUID());
        String hidden = Api.folder(ownerToken, room, "Board", null);
        String secret = Api.document(ownerToken, room, hidden, "board-minutes.pdf", DocumentsIT.pdf(1, 612, 792));
        String gone = Api.folder(ownerToken, room, "Gone", null);
        String goneDoc = Api.document(ownerToken, room, gone, "gone-minutes.pdf", DocumentsIT.pdf(1, 612, 792));
        String open = Api.document(ownerToken, room, null, "open.pdf", DocumentsIT.pdf(1, 612, 792));
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), hidden, "NONE"),
                Api.grant("USER", alice.id().toString(), gone, "NONE"))).statusCode());
        assertEquals(204, Api.delete("/api/v1/documents/" + secret, ownerToken).statusCode());
        assertEquals(204, Api.delete("/api/v1/folders/" + gone, ownerToken).statusCode());
        assertEquals(204, Api.delete("/api/v1/documents/" + open, aliceToken).statusCode());

        String aliceTrash = Http.get("/api/v1/datarooms/" + room + "/trash", aliceToken).body();
        assertTrue(aliceTrash.contains(open), aliceTrash);
        assertFalse(aliceTrash.contains(secret) || aliceTrash.contains("board-minutes")
                || aliceTrash.contains(goneDoc) || aliceTrash.contains("gone-minutes"), aliceTrash);
        assertProblem(Http.postJson("/api/v1/documents/" + secret + "/restore", aliceToken, ""), 404, "not-found");
        assertProblem(Http.postJson("/api/v1/documents/" + goneDoc + "/restore", aliceToken, ""), 404, "not-found");
        assertFalse(names(Api.tree(aliceToken, room)).contains(goneDoc), "not restored to the top for her");
        String ownerTrash = Http.get("/api/v1/datarooms/" + room + "/trash", ownerToken).body();
        assertTrue(ownerTrash.contains(secret) && ownerTrash.contains(goneDoc) && ownerTrash.contains(open),
                ownerTrash);
        assertEquals(200, Http.postJson("/api/v1/documents/" + open + "/restore", aliceToken, "").statusCode());
        assertEquals(200, Http.postJson("/api/v1/documents/" + secret + "/restore", ownerToken, "").statusCode());
        assertTrue(names(Api.tree(ownerToken, room)).contains(secret));
    }

    @Test
    void dr10_aRoomManagerFromWhomAFolderIsHiddenCannotLiftItThroughGrantsNorArchiveTheRoom() throws Exception {
        String room = Api.room(ownerToken, "Whole " + UUID.randomUUID());
        String hidden = Api.folder(ownerToken, room, "Board", null);
        String secret = Api.document(ownerToken, room, hidden, "board-minutes.pdf", DocumentsIT.pdf(1, 612, 792));
        List<String> set = List.of(Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), hidden, "NONE"));
        assertEquals(200, Api.putGrants(ownerToken, room, set).statusCode());

        assertProblem(Api.putGrants(aliceToken, room, List.of(Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "MANAGE"))), 403, "forbidden");
        assertProblem(Api.putGrants(aliceToken, room, List.of(Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "MANAGE"), Api.grant("USER", alice.id().toString(),
                        hidden, "NONE"), Api.grant("USER", bob.id().toString(), null, "VIEW"))), 403, "forbidden");
        assertProblem(Http.get("/api/v1/documents/" + secret, aliceToken), 404, "not-found");
        assertProblem(Http.get("/api/v1/documents/" + secret, bobToken), 404, "not-found");
        String grants = Http.get("/api/v1/datarooms/" + room + "/grants", ownerToken).body();
        assertFalse(grants.contains(bob.id().toString()), grants);
        assertEquals(3, Api.array(Http.get("/api/v1/datarooms/" + room + "/grants", ownerToken)).size());

        assertProblem(Api.delete("/api/v1/datarooms/" + room, aliceToken), 403, "forbidden");
        assertEquals(200, Http.get("/api/v1/documents/" + secret, ownerToken).statusCode(), "the room is served");
        assertTrue(Api.tree(ownerToken, room).toString().contains(secret));
    }

    @Test
    void dr10_aRoomManagerReadsNoGrantOfAFolderHiddenFromThem() throws Exception {
        String room = Api.room(ownerToken, "Listed " + UUID.randomUUID());
        String hidden = Api.folder(ownerToken, room, "Board", null);
        String shown = Api.folder(ownerToken, room, "Shown", null);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), hidden, "NONE"),
                Api.grant("USER", bob.id().toString(), hidden, "VIEW"),
                Api.grant("USER", bob.id().toString(), shown, "DOWNLOAD"))).statusCode());
        HttpResponse<String> mine = Http.get("/api/v1/datarooms/" + room + "/grants", aliceToken);
        assertEquals(200, mine.statusCode(), mine.body());
        assertFalse(mine.body().contains(hidden), "no grant on the folder hidden from her: " + mine.body());
        assertEquals(3, Api.array(mine).size(), mine.body());
        assertTrue(mine.body().contains(shown), mine.body());
        assertEquals(5, Api.array(Http.get("/api/v1/datarooms/" + room + "/grants", ownerToken)).size());
    }
}
