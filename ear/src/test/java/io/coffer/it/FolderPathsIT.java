package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /datarooms/{id}/paths} (docs/features/datarooms.md): DR-11 (the permission of making a folder there; the
 * room's 404), DR-12 (path syntax and limits, 400 naming the bad path), DR-13 (idempotent: folders reused, also under
 * concurrent identical requests; documents, hidden and trashed folders), DR-14 (one answer per path in request order,
 * the deepest folder; one folder.created per folder made), DR-15 (one transaction: any refusal makes nothing).
 */
class FolderPathsIT {
    UUID tenant;
    ItDatabase.User admin;
    ItDatabase.User member;
    ItDatabase.User bystander;
    ItDatabase.User foreigner;
    String adminToken;
    String room;

    @BeforeEach
    void tenant() {
        tenant = ItDatabase.tenant("paths");
        String s = UUID.randomUUID().toString().substring(0, 6);
        admin = ItDatabase.user(tenant, "admin-" + s + "@p.test", "ADMIN");
        member = ItDatabase.user(tenant, "member-" + s + "@p.test", "MEMBER");
        bystander = ItDatabase.user(tenant, "bystander-" + s + "@p.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("paths-b"), "f-" + s + "@p.test", "OWNER");
        adminToken = Tokens.login(admin);
        room = Api.room(adminToken, "Deal");
    }

    static HttpResponse<String> paths(String token, String room, String body) {
        return Http.postJson("/api/v1/datarooms/" + room + "/paths", token, body);
    }

    /** The answer of a successful request, checked to be 200 with one entry per path. */
    static JsonArray ensured(String token, String room, String body) {
        HttpResponse<String> r = paths(token, room, body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return Api.array(r);
    }

    static String json(String... paths) {
        List<String> quoted = new ArrayList<>();
        for (String p : paths) {
            quoted.add(jakarta.json.Json.createValue(p).toString());
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    private long liveFolders() {
        return ItDatabase.number(tenant, "select count(*) from items where room_id = ? and kind = 'FOLDER'"
                + " and deleted_at is null", UUID.fromString(room));
    }

    /** The ids of the folders whose folder.created the audit holds, oldest first. */
    private List<String> createdEvents() {
        HttpResponse<String> r = Http.get("/api/v1/audit?action=folder.created&limit=200", adminToken);
        assertEquals(200, r.statusCode(), r.body());
        List<String> ids = new ArrayList<>();
        Http.json(r).getJsonArray("items").forEach(v -> ids.add(0, v.asJsonObject().getString("objectId")));
        return ids;
    }

    private String pathOf(String folder) {
        HttpResponse<String> r = Http.get("/api/v1/folders/" + folder, adminToken);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getString("path");
    }

    private void grants(String... grants) {
        HttpResponse<String> r = Api.putGrants(adminToken, room, List.of(grants));
        assertEquals(200, r.statusCode(), r.body());
    }

    // ---- DR-11 -----------------------------------------------------------------------------------------------------

    @Test
    void dr11_whoMayNotSeeTheRoomGetsItsUniform404BeforeTheBodyIsRead() {
        HttpResponse<String> hidden = paths(Tokens.login(bystander), room, json("A/B"));
        assertProblem(hidden, 404, "not-found");
        assertEquals(withoutInstance(hidden.body()), withoutInstance(paths(Tokens.login(bystander), room, "{not json").body()),
                "authorization before validation");
        assertEquals(withoutInstance(hidden.body()), withoutInstance(paths(Tokens.login(foreigner), room, json("A/B")).body()),
                "another tenant");
        assertEquals(withoutInstance(hidden.body()),
                withoutInstance(paths(adminToken, UUID.randomUUID().toString(), json("A/B")).body()), "missing");
        assertEquals(withoutInstance(hidden.body()), withoutInstance(paths(adminToken, "not-a-uuid", json("A/B")).body()),
                "malformed id");
        assertProblem(paths(null, room, json("A/B")), 401, "unauthenticated");
        assertEquals(0, liveFolders());
    }

    @Test
    void dr11_makingAFolderNeedsManageWhereItIsMadeAndReusingOneNeedsView() {
        String team = Api.folder(adminToken, room, "Team", null);
        String locked = Api.folder(adminToken, room, "Locked", null);
        String below = Api.folder(adminToken, room, "Below", locked);
        String viewer = Api.folder(adminToken, room, "Viewer", null);
        grants(Api.grant("USER", member.id().toString(), team, "MANAGE"),
                Api.grant("USER", member.id().toString(), locked, "UPLOAD"),
                Api.grant("USER", bystander.id().toString(), viewer, "VIEW"));
        String token = Tokens.login(member);

        JsonArray made = ensured(token, room, json("Team/2026/Q1"));
        assertEquals("/Team/2026/Q1", pathOf(made.getJsonObject(0).getString("folderId")));
        // UPLOAD on Locked: its folders are reused, nothing is made below it
        JsonArray reused = ensured(token, room, json("Locked/Below", "Locked"));
        assertEquals(below, reused.getJsonObject(0).getString("folderId"));
        assertEquals(locked, reused.getJsonObject(1).getString("folderId"));
        long before = liveFolders();
        assertProblem(paths(token, room, json("Locked/New")), 403, "forbidden");
        assertProblem(paths(token, room, json("Top")), 403, "forbidden"); // no MANAGE on the room itself
        assertEquals(before, liveFolders());

        // VIEW somewhere, MANAGE nowhere: the endpoint's own 403, before the body is read
        String viewerToken = Tokens.login(bystander);
        assertProblem(paths(viewerToken, room, json("Viewer")), 403, "forbidden");
        assertProblem(paths(viewerToken, room, "{not json"), 403, "forbidden");
    }

    // ---- DR-12 -----------------------------------------------------------------------------------------------------

    @Test
    void dr12_aBadPathIsA400NamingItsIndexAndText() {
        JsonObject problem = assertProblem(paths(adminToken, room, json("Fine/Path", "a//b", "ok", "x/../y")), 400,
                "validation");
        JsonArray errors = problem.getJsonArray("errors");
        assertEquals(2, errors.size(), problem.toString());
        assertEquals("[1]", errors.getJsonObject(0).getString("field"));
        assertTrue(errors.getJsonObject(0).getString("message").contains("\"a//b\""), errors.toString());
        assertEquals("[3]", errors.getJsonObject(1).getString("field"));
        for (String bad : List.of("", "/", "a\\b", "a/\u0000", "n".repeat(256), "x\u202Eexe.pdf")) {
            JsonObject p = assertProblem(paths(adminToken, room, json(bad)), 400, "validation");
            assertEquals("[0]", p.getJsonArray("errors").getJsonObject(0).getString("field"), bad);
        }
        String deep = String.join("/", java.util.Collections.nCopies(33, "d"));
        assertEquals("[0]", assertProblem(paths(adminToken, room, json(deep)), 400, "validation")
                .getJsonArray("errors").getJsonObject(0).getString("field"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add("p" + i);
        }
        assertProblem(paths(adminToken, room, json(many.toArray(String[]::new))), 400, "validation");
        assertEquals("[1]", assertProblem(paths(adminToken, room, "[\"a\", 42]"), 400, "validation")
                .getJsonArray("errors").getJsonObject(0).getString("field"));
        assertProblem(paths(adminToken, room, "{\"paths\": [\"a\"]}"), 400, "validation");
        assertProblem(paths(adminToken, room, "\"a/b\""), 400, "validation");
        assertProblem(paths(adminToken, room, "[not json"), 400, "validation");
        assertEquals(0, liveFolders(), "no folder was made by any of them");
        assertEquals(0, ensured(adminToken, room, "[]").size(), "nothing asked, nothing made");
    }

    @Test
    void dr12_slashesAtTheEndsAreIgnoredAndNamesAreNormalisedLikeFolderNames() {
        JsonArray a = ensured(adminToken, room, json("/Legal/Contracts/", "Re\u0301sume\u0301 / Q1"));
        assertEquals("/Legal/Contracts", pathOf(a.getJsonObject(0).getString("folderId")));
        assertEquals("/Résumé/Q1", pathOf(a.getJsonObject(1).getString("folderId")), "NFC and trimmed");
        JsonArray again = ensured(adminToken, room, json("Legal/Contracts", "R\u00e9sum\u00e9/Q1"));
        assertEquals(a.getJsonObject(0).getString("folderId"), again.getJsonObject(0).getString("folderId"));
        assertEquals(a.getJsonObject(1).getString("folderId"), again.getJsonObject(1).getString("folderId"),
                "the composed and the decomposed form are one name");
        assertEquals(4, liveFolders());
    }

    // ---- DR-13 -----------------------------------------------------------------------------------------------------

    @Test
    void dr13_aRepeatedRequestReusesEveryFolderAndMakesNothing() {
        String finance = Api.folder(adminToken, room, "Finance", null);
        JsonArray first = ensured(adminToken, room, json("finance/2026/Q1", "Finance/2026/Q2"));
        assertEquals(4, liveFolders(), "Finance reused case-insensitively, 2026 made once, Q1 and Q2");
        String q1 = first.getJsonObject(0).getString("folderId");
        assertEquals("/Finance/2026/Q1", pathOf(q1), "the existing folder's own name");
        JsonArray second = ensured(adminToken, room, json("finance/2026/Q1", "Finance/2026/Q2"));
        assertEquals(first, second, "the same answer");
        assertEquals(4, liveFolders());
        JsonObject tree = Api.tree(adminToken, room);
        JsonObject top = tree.getJsonArray("children").getJsonObject(0);
        assertEquals(finance, top.getString("id"));
        assertEquals(1, tree.getJsonArray("children").size());
        assertEquals(1, top.getJsonArray("children").size(), "one 2026");
    }

    @Test
    void dr13_concurrentIdenticalRequestsMakeOneFolderPerSegmentAndAnswerTheSameIds() throws Exception {
        int n = 6;
        String body = json("Deals/2026/Q1/Board", "Deals/2026/Q2", "Other");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return paths(adminToken, room, body);
                }));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
                bodies.add(Api.array(r).toString());
            }
            assertEquals(1, bodies.size(), "every request answers the same ids: " + bodies);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, liveFolders(), "Deals, 2026, Q1, Board, Q2, Other: once each");
        assertEquals(6, createdEvents().size(), "one folder.created per folder made, none for the reused ones");
    }

    @Test
    void dr13_aDocumentOrAFolderHiddenFromTheCallerIsAConflictAndATrashedFolderIsNotReused() {
        String doc = Api.document(adminToken, room, null, "Report", "%PDF-1.4 x".getBytes());
        assertProblem(paths(adminToken, room, json("Report/2026")), 409, "conflict");
        assertProblem(paths(adminToken, room, json("report")), 409, "conflict");
        assertEquals(0, liveFolders());

        String secret = Api.folder(adminToken, room, "Secret", null);
        grants(Api.grant("USER", member.id().toString(), null, "MANAGE"),
                Api.grant("USER", member.id().toString(), secret, "NONE"));
        String token = Tokens.login(member);
        JsonObject hidden = assertProblem(paths(token, room, json("Secret/Inside")), 409, "conflict");
        assertFalse(hidden.toString().contains(secret), "the hidden folder's id is not told");
        assertEquals(assertProblem(paths(token, room, json("Report/Inside")), 409, "conflict").getString("detail")
                .replace("Report", "Secret"), hidden.getString("detail"), "a hidden folder reads like a document");
        assertEquals(1, liveFolders());

        String old = Api.folder(adminToken, room, "Old", null);
        assertEquals(204, Api.delete("/api/v1/folders/" + old, adminToken).statusCode());
        String fresh = ensured(adminToken, room, json("Old")).getJsonObject(0).getString("folderId");
        assertNotEquals(old, fresh, "a trashed folder's name is free; it is not brought back");
        assertEquals("/Old", pathOf(fresh));
        assertEquals(doc, Api.tree(adminToken, room).getJsonArray("children").getJsonObject(0).getString("id"));
    }

    // ---- DR-14 -----------------------------------------------------------------------------------------------------

    @Test
    void dr14_oneAnswerPerPathInRequestOrderWithTheDeepestFolderAndOneEventPerFolderMade() {
        String existing = Api.folder(adminToken, room, "A", null);
        List<String> before = createdEvents();
        assertEquals(List.of(existing), before, "POST /folders fires folder.created too");
        JsonArray a = ensured(adminToken, room, json("B/C", "A", "b/c/", "/A/", "A/D"));
        assertEquals(5, a.size());
        List<String> sent = List.of("B/C", "A", "b/c/", "/A/", "A/D");
        for (int i = 0; i < 5; i++) {
            assertEquals(sent.get(i), a.getJsonObject(i).getString("path"), "the path as sent, in request order");
            assertEquals(Set.of("path", "folderId"), a.getJsonObject(i).keySet());
        }
        String c = a.getJsonObject(0).getString("folderId");
        assertEquals("/B/C", pathOf(c), "the deepest folder");
        assertEquals(existing, a.getJsonObject(1).getString("folderId"));
        assertEquals(c, a.getJsonObject(2).getString("folderId"));
        assertEquals(existing, a.getJsonObject(3).getString("folderId"));
        String d = a.getJsonObject(4).getString("folderId");
        assertEquals("/A/D", pathOf(d));

        List<String> events = createdEvents();
        assertEquals(4, events.size(), "A (before), then B, C, D: " + events);
        Set<String> made = new HashSet<>(events);
        assertEquals(4, made.size(), "one event per folder");
        assertTrue(made.containsAll(List.of(existing, c, d)), events.toString());
        made.removeAll(List.of(existing, c, d));
        assertEquals("/B", pathOf(made.iterator().next()), "the fourth is B, made on the way to C");
        HttpResponse<String> activity = Http.get("/api/v1/activity?dataroomId=" + room + "&type=folder.created",
                adminToken);
        assertEquals(200, activity.statusCode(), activity.body());
        assertEquals(4, Http.json(activity).getJsonArray("items").size());

        ensured(adminToken, room, json("B/C", "A", "A/D"));
        assertEquals(new HashSet<>(events), new HashSet<>(createdEvents()), "nothing made, no event");
        assertEquals(4, createdEvents().size());
    }

    // ---- DR-15 -----------------------------------------------------------------------------------------------------

    @Test
    void dr15_anyRefusedPathMakesNothingOfTheWholeRequest() {
        Api.document(adminToken, room, null, "Report", "%PDF-1.4 x".getBytes());
        String mine = Api.folder(adminToken, room, "Mine", null);
        String theirs = Api.folder(adminToken, room, "Theirs", null);
        grants(Api.grant("USER", member.id().toString(), mine, "MANAGE"),
                Api.grant("USER", member.id().toString(), theirs, "VIEW"));
        List<String> events = createdEvents();
        long before = liveFolders();

        assertProblem(paths(adminToken, room, json("New1/x", "New2", "a//b")), 400, "validation");
        assertProblem(paths(adminToken, room, json("New1/x", "New2", "Report/y")), 409, "conflict");
        assertProblem(paths(Tokens.login(member), room, json("Mine/New/Deep", "Theirs/New")), 403, "forbidden");

        assertEquals(before, liveFolders(), "the folders made before the refusal were rolled back");
        assertEquals(events.size(), createdEvents().size(), "and their events with them");
        JsonArray top = Api.tree(adminToken, room).getJsonArray("children");
        assertEquals(3, top.size(), top.toString());
        assertTrue(top.stream().noneMatch(n -> n.asJsonObject().getString("name").startsWith("New")));
    }
}
