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

    UUID tenant;

    @BeforeEach
    void tenant() {
        tenant = ItDatabase.tenant("grants");
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

    /** {@code GET .../effective-permissions} as a map user id → its entry. */
    static java.util.Map<String, JsonObject> effective(String token, String room, String folder) {
        HttpResponse<String> r = Http.get("/api/v1/datarooms/" + room + "/effective-permissions"
                + (folder == null ? "" : "?folderId=" + folder), token);
        assertEquals(200, r.statusCode(), r.body());
        java.util.Map<String, JsonObject> byUser = new java.util.HashMap<>();
        for (JsonObject e : Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class)) {
            assertTrue(byUser.put(e.getString("userId"), e) == null, "one entry per member: " + r.body());
        }
        return byUser;
    }

    static void assertEntry(JsonObject e, String permission, String source, String group, String folder) {
        assertEquals(permission, e.getString("permission"), e.toString());
        assertEquals(source, e.getString("source"), e.toString());
        assertEquals(group, e.isNull("groupId") ? null : e.getString("groupId"), "groupId of " + e);
        assertEquals(folder, e.isNull("folderId") ? null : e.getString("folderId"), "folderId of " + e);
    }

    /** The member's level on a node of their own tree as the tree reports it (NONE when it is not shown). */
    static String treeLevel(JsonObject node, String id) {
        if (node.getString("id").equals(id)) {
            return node.getString("myPermission");
        }
        if (node.containsKey("children") && !node.isNull("children")) {
            for (JsonObject child : node.getJsonArray("children").getValuesAs(JsonObject.class)) {
                String found = treeLevel(child, id);
                if (!"NONE".equals(found)) {
                    return found;
                }
            }
        }
        return "NONE";
    }

    @Test
    void perm22_effectivePermissionsNameTheDecidingGrantAndEqualWhatEachMemberCanDo() {
        String s = UUID.randomUUID().toString().substring(0, 6);
        ItDatabase.User admin = ItDatabase.user(tenant, "admin-" + s + "@g.test", "ADMIN");
        ItDatabase.User carol = ItDatabase.user(tenant, "carol-" + s + "@g.test", "MEMBER");
        ItDatabase.User erin = ItDatabase.user(tenant, "erin-" + s + "@g.test", "MEMBER");
        String room = Api.room(ownerToken, "Effective");
        String a = Api.folder(ownerToken, room, "A", null);
        String b = Api.folder(ownerToken, room, "B", a);
        String deep = Api.document(ownerToken, room, b, "deep.pdf", DocumentsIT.PDF);
        String viewers = Api.group(ownerToken, "Viewers " + s);
        String uploaders = Api.group(ownerToken, "Uploaders " + s);
        Api.members(ownerToken, viewers, List.of(alice.id().toString(), bob.id().toString()));
        Api.members(ownerToken, uploaders, List.of(bob.id().toString()));
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("GROUP", viewers, null, "VIEW"),
                Api.grant("USER", alice.id().toString(), b, "NONE"),
                Api.grant("USER", bob.id().toString(), null, "DOWNLOAD"),
                Api.grant("GROUP", uploaders, a, "UPLOAD"),
                Api.grant("USER", erin.id().toString(), null, "DOWNLOAD"),
                Api.grant("USER", erin.id().toString(), b, "NONE"))).statusCode());

        var onRoom = effective(ownerToken, room, null);
        assertEquals(java.util.Set.of(owner.id().toString(), admin.id().toString(), alice.id().toString(),
                bob.id().toString(), carol.id().toString(), erin.id().toString()), onRoom.keySet(),
                "every current member of the tenant, nobody of another tenant");
        assertEntry(onRoom.get(owner.id().toString()), "MANAGE", "ROLE", null, null);
        assertEntry(onRoom.get(admin.id().toString()), "MANAGE", "ROLE", null, null);
        assertEntry(onRoom.get(alice.id().toString()), "VIEW", "GROUP", viewers, null);
        assertEntry(onRoom.get(bob.id().toString()), "DOWNLOAD", "USER", null, null);
        assertEntry(onRoom.get(carol.id().toString()), "NONE", "NONE", null, null);
        assertEntry(onRoom.get(erin.id().toString()), "DOWNLOAD", "USER", null, null);

        var onB = effective(ownerToken, room, b);
        // a group's VIEW and a deeper own NONE: the own NONE cancels nothing a group gives (PERM-3)
        assertEntry(onB.get(alice.id().toString()), "VIEW", "GROUP", viewers, null);
        // an own DOWNLOAD on the room and a deeper own NONE, no group: NONE on that folder (PERM-2)
        assertEntry(onB.get(erin.id().toString()), "NONE", "USER", null, b);
        // a group's UPLOAD on the folder above beats the own DOWNLOAD on the room (highest over principals)
        assertEntry(onB.get(bob.id().toString()), "UPLOAD", "GROUP", uploaders, a);
        assertEntry(onB.get(carol.id().toString()), "NONE", "NONE", null, null);
        assertEntry(onB.get(admin.id().toString()), "MANAGE", "ROLE", null, null);

        // the answer is what each member can actually do: their own tree, folder and document answers agree
        java.util.Map<String, String> tokens = java.util.Map.of(alice.id().toString(), aliceToken,
                bob.id().toString(), bobToken, carol.id().toString(), Tokens.accessToken(carol),
                erin.id().toString(), Tokens.accessToken(erin), admin.id().toString(), Tokens.accessToken(admin));
        tokens.forEach((user, token) -> {
            String level = onB.get(user).getString("permission");
            HttpResponse<String> tree = Http.get("/api/v1/datarooms/" + room + "/tree", token);
            String inTree = tree.statusCode() == 200 ? treeLevel(Http.json(tree), b) : "NONE";
            assertEquals(level, inTree, "the tree of " + user + " shows B at the answered level");
            int folder = Http.get("/api/v1/folders/" + b, token).statusCode();
            assertEquals(level.equals("NONE") ? 404 : 200, folder, "folder B for " + user + " at " + level);
            int content = Http.get("/api/v1/documents/" + deep + "/content", token).statusCode();
            assertEquals(level.equals("NONE") ? 404 : level.equals("VIEW") ? 403 : 200, content,
                    "the content of a document in B for " + user + " at " + level);
            String roomLevel = onRoom.get(user).getString("permission");
            HttpResponse<String> seen = Http.get("/api/v1/datarooms/" + room, token);
            assertEquals(roomLevel, seen.statusCode() == 200 ? Http.json(seen).getString("myPermission") : "NONE",
                    "the room's myPermission for " + user);
        });

        // a change of grants or membership counts on the next request (PERM-10), the reason with it
        assertEquals(200, Api.members(ownerToken, uploaders, List.of()).statusCode());
        assertEntry(effective(ownerToken, room, b).get(bob.id().toString()), "DOWNLOAD", "USER", null, null);
    }

    @Test
    void perm23_effectivePermissionsNeedManageOnTheRoomAndALiveFolderOfItTheCallerSees() {
        String room = Api.room(ownerToken, "Who holds what");
        String hidden = Api.folder(ownerToken, room, "Hidden", null);
        String gone = Api.folder(ownerToken, room, "Gone", null);
        String other = Api.folder(ownerToken, Api.room(ownerToken, "Other"), "Elsewhere", null);
        String doc = Api.document(ownerToken, room, null, "top.pdf", DocumentsIT.PDF);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), hidden, "NONE"),
                Api.grant("USER", bob.id().toString(), null, "DOWNLOAD"))).statusCode());
        assertEquals(204, Api.delete("/api/v1/folders/" + gone, ownerToken).statusCode());
        String path = "/api/v1/datarooms/" + room + "/effective-permissions";

        // a room manager who is a MEMBER reads it; the answer names every member
        assertEquals(3, effective(aliceToken, room, null).size());
        // seen below MANAGE: 403; not seen (no grant, another tenant, no such room): the uniform 404
        assertProblem(Http.get(path, bobToken), 403, "forbidden");
        assertProblem(Http.get(path + "?folderId=not-a-uuid", bobToken), 403, "forbidden");
        ItDatabase.User carol = ItDatabase.user(tenant, "carol-" + UUID.randomUUID() + "@g.test", "MEMBER");
        assertProblem(Http.get(path, Tokens.accessToken(carol)), 404, "not-found");
        assertProblem(Http.get(path, Tokens.accessToken(foreigner)), 404, "not-found");
        assertProblem(Http.get("/api/v1/datarooms/" + UUID.randomUUID() + "/effective-permissions", ownerToken),
                404, "not-found");
        // a folder that is not a live folder of this room, a document, a malformed id: 404
        for (String bad : List.of(other, gone, doc, UUID.randomUUID().toString(), "not-a-uuid")) {
            assertProblem(Http.get(path + "?folderId=" + bad, ownerToken), 404, "not-found");
        }
        // a folder hidden from the manager is not theirs to ask about (DR-10), though the OWNER may
        assertProblem(Http.get(path + "?folderId=" + hidden, aliceToken), 404, "not-found");
        assertEntry(effective(ownerToken, room, hidden).get(alice.id().toString()), "NONE", "USER", null, hidden);
        // a removed member is no longer listed
        assertEquals(204, Api.delete("/api/v1/members/" + bob.id(), ownerToken).statusCode());
        assertFalse(effective(ownerToken, room, null).containsKey(bob.id().toString()));
    }
}
