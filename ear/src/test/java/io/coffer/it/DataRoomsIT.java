package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms, folders and the tree (docs/features/datarooms.md, DR-*), with the first permission policy. */
class DataRoomsIT {
    ItDatabase.User admin;
    ItDatabase.User creator;
    ItDatabase.User bystander;
    ItDatabase.User foreigner;

    @BeforeEach
    void tenant() {
        UUID tenant = ItDatabase.tenant("rooms");
        String s = UUID.randomUUID().toString().substring(0, 6);
        admin = ItDatabase.user(tenant, "admin-" + s + "@r.test", "ADMIN");
        creator = ItDatabase.user(tenant, "creator-" + s + "@r.test", "MEMBER");
        bystander = ItDatabase.user(tenant, "bystander-" + s + "@r.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("rooms-b"), "f-" + s + "@r.test", "OWNER");
    }

    static JsonObject createRoom(String token, String name) {
        HttpResponse<String> created = Http.postJson("/api/v1/datarooms", token,
                "{\"name\": \"" + name + "\", \"description\": \"Due diligence\"}");
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created);
    }

    static JsonObject createFolder(String token, String room, String name, String parent) {
        HttpResponse<String> created = Http.postJson("/api/v1/datarooms/" + room + "/folders", token,
                "{\"name\": \"" + name + "\"" + (parent == null ? "" : ", \"parentId\": \"" + parent + "\"") + "}");
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created);
    }

    @Test
    void dr1_theCreatorManagesTheRoomAndOthersDoNotSeeIt() {
        String token = Tokens.login(creator);
        JsonObject room = createRoom(token, "Project Falcon");
        assertEquals("MANAGE", room.getString("myPermission"));
        assertEquals("Due diligence", room.getString("description"));
        String id = room.getString("id");

        assertEquals(1, Http.json(Http.get("/api/v1/datarooms", token)).getJsonArray("items").size());
        assertEquals(0, Http.json(Http.get("/api/v1/datarooms", Tokens.login(bystander))).getJsonArray("items")
                .size());
        assertTrue(Http.get("/api/v1/datarooms", Tokens.login(admin)).body().contains(id), "ADMIN sees all");

        HttpResponse<String> hidden = Http.get("/api/v1/datarooms/" + id, Tokens.login(bystander));
        assertProblem(hidden, 404, "not-found");
        HttpResponse<String> foreign = Http.get("/api/v1/datarooms/" + id, Tokens.login(foreigner));
        HttpResponse<String> missing = Http.get("/api/v1/datarooms/" + UUID.randomUUID(), token);
        assertEquals(withoutInstance(hidden.body()), withoutInstance(foreign.body()));
        assertEquals(withoutInstance(hidden.body()), withoutInstance(missing.body()));
        assertProblem(Http.patchJson("/api/v1/datarooms/" + id, Tokens.login(bystander), "{\"bogus\": 1}"), 404,
                "not-found");
        assertProblem(Http.patchJson("/api/v1/datarooms/" + id, Tokens.login(bystander), "{not json"), 404,
                "not-found");
        assertProblem(Http.postJson("/api/v1/datarooms/" + id + "/folders", Tokens.login(bystander), "{not json"), 404,
                "not-found");
        assertProblem(Http.patchJson("/api/v1/datarooms/" + id, token, "{not json"), 400, "validation");
        assertProblem(Http.get("/api/v1/datarooms"), 401, "unauthenticated");
    }

    @Test
    void dr2_foldersNestWithUniqueSiblingNamesAndPaths() {
        String token = Tokens.login(creator);
        String room = createRoom(token, "Room").getString("id");
        JsonObject finance = createFolder(token, room, "Finance", null);
        JsonObject y2026 = createFolder(token, room, "2026", finance.getString("id"));
        assertEquals("/Finance/2026", y2026.getString("path"));
        assertEquals(finance.getString("id"), y2026.getString("parentId"));
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/folders", token, "{\"name\": \"FINANCE\"}"),
                409, "conflict");
        assertEquals(201, Http.postJson("/api/v1/datarooms/" + room + "/folders", token,
                "{\"name\": \"2026\"}").statusCode(), "the same name elsewhere is fine");
        assertEquals("/Finance/2026", Http.json(Http.get("/api/v1/folders/" + y2026.getString("id"), token))
                .getString("path"));
    }

    @Test
    void dr3_aFolderCannotMoveUnderItselfOrItsDescendants() {
        String token = Tokens.login(creator);
        String room = createRoom(token, "Moves").getString("id");
        String a = createFolder(token, room, "A", null).getString("id");
        String b = createFolder(token, room, "B", a).getString("id");
        String c = createFolder(token, room, "C", b).getString("id");
        assertProblem(Http.patchJson("/api/v1/folders/" + a, token, "{\"parentId\": \"" + c + "\"}"), 409, "conflict");
        assertProblem(Http.patchJson("/api/v1/folders/" + a, token, "{\"parentId\": \"" + a + "\"}"), 409, "conflict");
        HttpResponse<String> toTop = Http.patchJson("/api/v1/folders/" + c, token, "{\"parentId\": null}");
        assertEquals(200, toTop.statusCode(), toTop.body());
        assertEquals("/C", Http.json(toTop).getString("path"));
        HttpResponse<String> renamed = Http.patchJson("/api/v1/folders/" + b, token, "{\"name\": \"Bee\"}");
        assertEquals("/A/Bee", Http.json(renamed).getString("path"));
    }

    @Test
    void dr4_theTreeIsNumberedByOrderAndCarriesPermissions() {
        String token = Tokens.login(creator);
        String room = createRoom(token, "Tree").getString("id");
        String one = createFolder(token, room, "Legal", null).getString("id");
        createFolder(token, room, "Contracts", one);
        createFolder(token, room, "Patents", one);
        createFolder(token, room, "Finance", null);
        JsonObject tree = Http.json(Http.get("/api/v1/datarooms/" + room + "/tree", token));
        assertEquals("DATAROOM", tree.getString("kind"));
        JsonArray top = tree.getJsonArray("children");
        assertEquals("1", top.getJsonObject(0).getString("index"));
        assertEquals("Legal", top.getJsonObject(0).getString("name"));
        assertEquals("2", top.getJsonObject(1).getString("index"));
        JsonArray legal = top.getJsonObject(0).getJsonArray("children");
        assertEquals("1.1", legal.getJsonObject(0).getString("index"));
        assertEquals("Contracts", legal.getJsonObject(0).getString("name"));
        assertEquals("1.2", legal.getJsonObject(1).getString("index"));
        assertEquals("MANAGE", legal.getJsonObject(1).getString("myPermission"));
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/tree", Tokens.login(bystander)), 404, "not-found");
    }

    @Test
    void dr5_anArchivedRoomStopsBeingServed() {
        String token = Tokens.login(creator);
        String room = createRoom(token, "Old deal").getString("id");
        String folder = createFolder(token, room, "Docs", null).getString("id");
        assertEquals(204, Http.send(Http.request("/api/v1/datarooms/" + room)
                .header("Authorization", "Bearer " + token).DELETE()).statusCode());
        assertProblem(Http.get("/api/v1/datarooms/" + room, token), 404, "not-found");
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/tree", token), 404, "not-found");
        assertProblem(Http.get("/api/v1/folders/" + folder, token), 404, "not-found");
        assertFalse(Http.get("/api/v1/datarooms", token).body().contains(room));
    }

    @Test
    void dr6_hostileNamesAreRefused() {
        String token = Tokens.login(creator);
        String room = createRoom(token, "Names").getString("id");
        for (String name : new String[] {"../etc", "a/b", "..", "evil\\u202Etxt.exe", "line\\nbreak", "nul\\u0000x",
                "x".repeat(256), "   "}) {
            assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/folders", token,
                    "{\"name\": \"" + name + "\"}"), 400, "validation");
        }
    }

    @Test
    void dr7_deletingAFolderRemovesEverythingBelowIt() {
        String token = Tokens.login(creator);
        String room = createRoom(token, "Deletes").getString("id");
        String a = createFolder(token, room, "A", null).getString("id");
        String b = createFolder(token, room, "B", a).getString("id");
        assertEquals(204, Http.send(Http.request("/api/v1/folders/" + a)
                .header("Authorization", "Bearer " + token).DELETE()).statusCode());
        assertProblem(Http.get("/api/v1/folders/" + b, token), 404, "not-found");
        assertEquals(0, Http.json(Http.get("/api/v1/datarooms/" + room + "/tree", token)).getJsonArray("children")
                .size());
        assertEquals(201, Http.postJson("/api/v1/datarooms/" + room + "/folders", token, "{\"name\": \"A\"}")
                .statusCode(), "the name is free again");
    }
}
