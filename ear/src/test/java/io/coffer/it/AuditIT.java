package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The audit log over HTTP and in the database (docs/features/audit.md, AUD-*). */
class AuditIT {
    UUID tenant;
    ItDatabase.User owner;
    ItDatabase.User alice;
    ItDatabase.User admin;
    String ownerToken;
    String aliceToken;
    String adminToken;
    String s;

    @BeforeEach
    void tenant() {
        tenant = ItDatabase.tenant("audit");
        s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@audit.test", "OWNER");
        alice = ItDatabase.user(tenant, "alice-" + s + "@audit.test", "MEMBER");
        admin = ItDatabase.user(tenant, "admin-" + s + "@audit.test", "ADMIN");
        ownerToken = Tokens.accessToken(owner);
        aliceToken = Tokens.accessToken(alice);
        adminToken = Tokens.accessToken(admin);
    }

    static JsonArray entries(String token, String query) {
        HttpResponse<String> r = Http.get("/api/v1/audit" + query, token);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items");
    }

    static JsonObject only(JsonArray items) {
        assertEquals(1, items.size(), items.toString());
        return items.getJsonObject(0);
    }

    static String upload(String token, String room, String name, byte[] bytes) {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=" + name)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    static PGSimpleDataSource app() {
        Path file = Path.of(System.getProperty("it.coffer.home", "target/it-coffer-home"), "db", "coffer_app.secret");
        PGSimpleDataSource ds = ItDatabase.owner();
        ds.setUser("coffer_app");
        try {
            ds.setPassword(Files.readString(file).strip());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return ds;
    }

    @Test
    void aud1_anActionLeavesAnAllowedEntryNamingItsActorAndObject() {
        String room = Api.room(ownerToken, "Audited");
        String doc = upload(ownerToken, room, "a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        JsonObject created = only(entries(adminToken, "?action=dataroom.created"));
        assertEquals("USER", created.getJsonObject("actor").getString("type"));
        assertEquals(owner.id().toString(), created.getJsonObject("actor").getString("id"));
        assertEquals("dataroom", created.getString("objectType"));
        assertEquals(room, created.getString("objectId"));
        assertEquals("ALLOWED", created.getString("outcome"));
        JsonObject uploaded = only(entries(ownerToken, "?action=document.uploaded"));
        assertEquals(owner.id().toString(), uploaded.getJsonObject("actor").getString("id"));
        assertEquals("document", uploaded.getString("objectType"));
        assertEquals(doc, uploaded.getString("objectId"));
        assertEquals("ALLOWED", uploaded.getString("outcome"));
    }

    @Test
    void aud13_membersAreLabelledByTheirNameNowAndVisitorsNever() throws Exception {
        String room = Api.room(ownerToken, "Labelled");
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=l.pdf")
                .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(1, 612, 792))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        assertEquals(1, ItDatabase.execute(tenant, "update users set display_name = ? where id = cast(? as uuid)",
                "Olive Owner\r\nforged", owner.id().toString()));
        JsonObject actor = only(entries(adminToken, "?action=dataroom.created")).getJsonObject("actor");
        assertEquals(owner.id().toString(), actor.getString("id"));
        String label = actor.getString("label");
        assertTrue(label.contains(owner.email()), label);
        assertTrue(label.startsWith("Olive Owner"), label);
        assertFalse(label.contains("\r") || label.contains("\n"), "the label is encoded like every value: " + label);
        HttpResponse<String> l = Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + doc + "\"}, \"requireEmail\": true}");
        String token = Http.json(l).getString("token");
        String email = "labelled-" + s + "@elsewhere.test";
        String vt = ShareLinksIT.visitor(token, "{\"email\": \"" + email + "\"}");
        assertEquals(200, ShareLinksIT.bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/pages/1", vt)
                .statusCode());
        JsonObject viewed = only(entries(ownerToken, "?action=document.viewed")).getJsonObject("actor");
        assertEquals("VISITOR", viewed.getString("type"));
        assertFalse(viewed.containsKey("label") && !viewed.isNull("label"), "a visitor has no label: " + viewed);
        HttpResponse<String> csv = Http.get("/api/v1/audit/export?action=dataroom.created", ownerToken);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().startsWith("id,at,actorType,actorId,action,objectType,objectId,outcome,clientAddress,"
                + "actorLabel\r\n"), csv.body());
        assertTrue(csv.body().contains(owner.email()), csv.body());
        assertFalse(csv.body().contains(email), "no visitor email in the export");
    }

    @Test
    void aud2_aMembersRefusalIsKeptAsDeniedAlthoughItsTransactionRolledBack() {
        String room = Api.room(ownerToken, "Closed");
        assertProblem(Http.get("/api/v1/datarooms/" + room, aliceToken), 404, "not-found");
        JsonObject denied = only(entries(ownerToken, "?action=access.denied&actor=" + alice.id()));
        assertEquals("USER", denied.getJsonObject("actor").getString("type"));
        assertEquals(room, denied.getString("objectId"));
        assertEquals("DENIED", denied.getString("outcome"));
        assertEquals(200, Api.putGrants(ownerToken, room,
                List.of(Api.grant("USER", alice.id().toString(), null, "VIEW"))).statusCode());
        HttpResponse<String> refused = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=b.txt")
                .header("Authorization", "Bearer " + aliceToken).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray("no".getBytes(StandardCharsets.UTF_8))));
        assertProblem(refused, 403, "forbidden");
        JsonArray both = entries(ownerToken, "?action=access.denied&actor=" + alice.id());
        assertEquals(2, both.size(), both.toString());
        assertEquals("DENIED", both.getJsonObject(0).getString("outcome"));
        assertEquals(0, entries(ownerToken, "?action=document.uploaded").size(), "the refused upload is no action");
    }

    @Test
    void aud2_aud7_aVisitorsRefusedPasswordIsKeptAndVisitorsAppearBySessionIdNeverByEmail() {
        String room = Api.room(ownerToken, "Shared");
        String doc = upload(ownerToken, room, "v.txt", "visible".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> l = Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + doc + "\"}, \"password\": \"right one\", \"allowDownload\": true}");
        assertEquals(201, l.statusCode(), l.body());
        String link = Http.json(l).getString("id");
        String token = Http.json(l).getString("token");
        String email = "visitor-" + s + "@elsewhere.test";
        HttpResponse<String> wrong = ShareLinksIT.session(token, "{\"password\": \"wrong\", \"email\": \"" + email
                + "\"}");
        assertEquals(401, wrong.statusCode(), wrong.body());
        JsonObject denied = only(entries(ownerToken, "?action=access.denied"));
        assertEquals("VISITOR", denied.getJsonObject("actor").getString("type"));
        assertEquals(link, denied.getString("objectId"));
        assertEquals("DENIED", denied.getString("outcome"));
        String vt = ShareLinksIT.visitor(token, "{\"password\": \"right one\", \"email\": \"" + email + "\"}");
        HttpResponse<byte[]> content = ShareLinksIT.bytes("/api/v1/public/links/" + token + "/documents/" + doc
                + "/content", vt);
        assertEquals(200, content.statusCode());
        JsonObject downloaded = only(entries(ownerToken, "?action=document.downloaded"));
        assertEquals("VISITOR", downloaded.getJsonObject("actor").getString("type"));
        String session = downloaded.getJsonObject("actor").getString("id");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from visitor_sessions where id = cast(? as uuid)",
                session), "the visitor is named by their session id");
        chained(tenant);
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from audit_entries a"
                + " where position(lower(?) in lower(row_to_json(a)::text)) > 0", email));
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from audit_entries a"
                + " where position(lower(?) in lower(row_to_json(a)::text)) > 0", "elsewhere.test"));
    }

    @Test
    void aud4_noRoleMayUpdateOrDeleteAnEntry() throws Exception {
        Api.room(ownerToken, "Append only");
        chained(tenant);
        long before = ItDatabase.number(tenant, "select count(*) from audit_entries");
        assertTrue(before > 0);
        for (PGSimpleDataSource role : List.of(app(), ItDatabase.owner())) {
            for (String sql : List.of("update audit_entries set client_address = 'forged'",
                    "delete from audit_entries")) {
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (Connection c = role.getConnection()) {
                        c.setAutoCommit(false);
                        try (Statement st = c.createStatement()) {
                            st.execute("select set_config('coffer.tenant', '" + tenant + "', true)");
                            st.executeUpdate(sql);
                        }
                        c.commit();
                    }
                }, role.getUser() + ": " + sql);
                // Two walls: the query role lacks the privilege (SchemaMigrations), the trigger holds the owner.
                String wall = role.getUser().equals("coffer_app") ? "permission denied" : "append-only";
                assertTrue(refused.getMessage().contains(wall), role.getUser() + ": " + refused.getMessage());
            }
        }
        assertEquals(before, ItDatabase.number(tenant, "select count(*) from audit_entries"));
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from audit_entries where client_address = 'forged'"));
    }

    @Test
    void aud5_concurrentWritersNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> rooms = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                rooms.add(pool.submit(() -> Api.room(ownerToken, "Parallel " + n)));
            }
            for (Future<String> f : rooms) {
                assertNotNull(f.get());
            }
        } finally {
            pool.shutdown();
        }
        chained(tenant);
        long count = ItDatabase.number(tenant, "select count(*) from audit_entries");
        assertTrue(count >= 16);
        assertEquals(count, ItDatabase.number(tenant, "select max(seq) from audit_entries"), "no gap, no twin seq");
        assertEquals(count, ItDatabase.number(tenant, "select count(distinct prev_hash) from audit_entries"),
                "no two entries follow the same one");
        JsonObject v = Http.json(Http.get("/api/v1/audit/verify", ownerToken));
        assertTrue(v.getBoolean("ok"), v.toString());
        assertEquals(count, v.getJsonNumber("entries").longValue());
    }

    @Test
    void aud6_oneRowChangedInTheDatabaseIsFoundByVerify() throws Exception {
        Api.room(ownerToken, "One");
        String second = Api.room(ownerToken, "Two");
        Api.room(ownerToken, "Three");
        JsonObject clean = Http.json(Http.get("/api/v1/audit/verify", adminToken));
        assertTrue(clean.getBoolean("ok"), clean.toString());
        assertTrue(clean.isNull("firstBrokenId") || !clean.containsKey("firstBrokenId"), clean.toString());
        String id = ItDatabase.texts(tenant, "select cast(id as text) from audit_entries where object_id = cast(? as uuid)"
                + " and action = 'dataroom.created'", second).get(0);
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("select set_config('coffer.tenant', '" + tenant + "', true)");
                st.execute("alter table audit_entries disable trigger audit_entries_no_change");
                try (PreparedStatement p = c.prepareStatement(
                        "update audit_entries set client_address = '192.0.2.66' where id = cast(? as uuid)")) {
                    p.setString(1, id);
                    assertEquals(1, p.executeUpdate());
                }
                st.execute("alter table audit_entries enable trigger audit_entries_no_change");
            }
            c.commit();
        }
        JsonObject broken = Http.json(Http.get("/api/v1/audit/verify", ownerToken));
        assertFalse(broken.getBoolean("ok"), broken.toString());
        assertEquals(id, broken.getString("firstBrokenId"));
        assertEquals(clean.getJsonNumber("entries").longValue(), broken.getJsonNumber("entries").longValue());
    }

    @Test
    void aud8_onlyOwnersAndAdminsReadTheLog() {
        Api.room(ownerToken, "Mine");
        for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export")) {
            assertProblem(Http.get(path, aliceToken), 403, "forbidden");
            assertEquals(401, Http.get(path).statusCode(), path);
            assertEquals(200, Http.get(path, adminToken).statusCode(), path);
        }
    }

    @Test
    void aud9_anotherTenantNeverSeesAnEntry() {
        String room = Api.room(ownerToken, "Ours");
        ItDatabase.User foreigner = ItDatabase.user(ItDatabase.tenant("audit-b"), "f-" + s + "@audit.test", "OWNER");
        String foreign = Tokens.accessToken(foreigner);
        HttpResponse<String> list = Http.get("/api/v1/audit?limit=200", foreign);
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(room), list.body());
        assertFalse(list.body().contains(owner.id().toString()), list.body());
        HttpResponse<String> csv = Http.get("/api/v1/audit/export", foreign);
        assertFalse(csv.body().contains(room));
        assertEquals(0, Http.json(Http.get("/api/v1/audit/verify", foreign)).getJsonNumber("entries").longValue());
        assertEquals(0, Http.json(Http.get("/api/v1/audit?actor=" + owner.id(), foreign)).getJsonArray("items")
                .size());
    }

    @Test
    void aud3_aud10_theCsvExportEscapesCrLfAndAnsiAndFiltersAsTheList() {
        Api.room(ownerToken, "Exported");
        chained(tenant); // the forged row below takes the next seq itself
        String forged = "192.0.2.1\r\n\"x\",\"forged line\"\u001b[31m";
        ItDatabase.execute(tenant, "insert into audit_entries (id, tenant_id, seq, at, actor_type, actor_id, action,"
                + " object_type, object_id, outcome, client_address, prev_hash, hash)"
                + " select gen_random_uuid(), h.t, h.seq, now(), 'SYSTEM', null, 'test.forged', null, null, 'ALLOWED',"
                + " cast(? as text), h.prev, audit_entry_hash(h.prev, h.t, h.seq, date_trunc('microseconds', now()),"
                + " 'SYSTEM', null, 'test.forged', null, null, 'ALLOWED', cast(? as text))"
                + " from (select cast(? as uuid) as t, max(seq) + 1 as seq, (select hash from audit_entries"
                + " order by seq desc limit 1) as prev from audit_entries) h", forged, forged, tenant);
        HttpResponse<String> csv = Http.get("/api/v1/audit/export", ownerToken);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String body = csv.body();
        assertFalse(body.contains("\u001b"), "no ANSI escape reaches the export");
        String[] lines = body.split("\r\n", -1);
        assertEquals("", lines[lines.length - 1]);
        long entries = ItDatabase.number(tenant, "select count(*) from audit_entries");
        assertEquals(entries + 2, lines.length, "one line per entry and the header: " + body);
        for (String line : lines) {
            assertFalse(line.contains("\n") || line.contains("\r"), line);
        }
        String row = java.util.Arrays.stream(lines).filter(x -> x.contains("test.forged")).findFirst().orElseThrow();
        assertTrue(row.endsWith(",\"192.0.2.1\\u000d\\u000a\"\"x\"\",\"\"forged line\"\"\\u001b[31m\",\"\""), row);
        HttpResponse<String> filtered = Http.get("/api/v1/audit/export?action=dataroom.created", ownerToken);
        String[] only = filtered.body().split("\r\n");
        assertEquals(2, only.length, filtered.body());
        assertTrue(only[1].contains("\"dataroom.created\""), only[1]);
    }

    /**
     * Waits (at most 10 s) until the chain's writer has linked every pending entry of {@code tenant} (AUD-14), so a
     * test that reads {@code audit_entries} directly sees every entry committed before.
     */
    static void chained(UUID tenant) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ItDatabase.number(tenant, "select count(*) from audit_pending") > 0) {
            assertTrue(System.nanoTime() < deadline, "the chain's writer left entries pending for 10 s");
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aud14_anActionsEntryIsChainedSoonAfterItsCommitWithoutAnyReader() {
        String room = Api.room(ownerToken, "Chained by the writer");
        long deadline = System.nanoTime() + 5_000_000_000L;
        // nobody reads the log: only the writer, told by the commit, can link the entry
        while (ItDatabase.number(tenant, "select count(*) from audit_entries where object_id = cast(? as uuid)"
                + " and action = 'dataroom.created'", room) == 0) {
            assertTrue(System.nanoTime() < deadline, "the room's entry was not chained within 5 s of its commit");
            pause();
        }
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from audit_pending where object_id = cast(? as uuid)",
                room), "a chained entry leaves no pending twin");
        JsonObject v = Http.json(Http.get("/api/v1/audit/verify", ownerToken));
        assertTrue(v.getBoolean("ok"), v.toString());
    }

    @Test
    void aud14_aReaderListsEveryCommittedEntryEvenOneTheWriterWasNeverToldOf() {
        Api.room(ownerToken, "Before");
        chained(tenant);
        // an entry committed by a writer that died before naming it (no commit observer ran): only a reader's drain
        // or the writer's periodic walk can find it; the list must show it at once
        UUID object = UUID.randomUUID();
        ItDatabase.execute(tenant, "insert into audit_pending (id, tenant_id, at, actor_type, action, object_type,"
                + " object_id, outcome) values (gen_random_uuid(), cast(? as uuid), now(), 'SYSTEM', 'test.unnamed',"
                + " 'test', cast(? as uuid), 'ALLOWED')", tenant.toString(), object.toString());
        JsonObject entry = only(entries(ownerToken, "?action=test.unnamed"));
        assertEquals(object.toString(), entry.getString("objectId"));
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from audit_pending"), "the read drained it");
        JsonObject v = Http.json(Http.get("/api/v1/audit/verify", ownerToken));
        assertTrue(v.getBoolean("ok"), v.toString());
        assertEquals(ItDatabase.number(tenant, "select max(seq) from audit_entries"), v.getJsonNumber("entries")
                .longValue(), "linked at the end of the chain, no gap");
    }

    @Test
    void aud4_aud14_theQueryRoleMayAddAPendingEntryButNeverReadChangeOrRemoveOne() throws Exception {
        for (String sql : List.of("select count(*) from audit_pending", "update audit_pending set client_address = 'x'",
                "delete from audit_pending", "truncate audit_pending")) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection c = app().getConnection()) {
                    c.setAutoCommit(false);
                    try (Statement st = c.createStatement()) {
                        st.execute("select set_config('coffer.tenant', '" + tenant + "', true)");
                        st.execute(sql);
                    }
                    c.commit();
                }
            }, sql);
            assertTrue(refused.getMessage().contains("permission denied"), sql + ": " + refused.getMessage());
        }
        // and it cannot chain another tenant's entries: audit_chain answers only for the bound tenant
        UUID other = ItDatabase.tenant("audit-chain-other");
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection c = app().getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("select set_config('coffer.tenant', '" + tenant + "', true)");
                    st.execute("select audit_chain('" + other + "', 10)");
                }
                c.commit();
            }
        });
        assertTrue(refused.getMessage().contains("not the bound tenant"), refused.getMessage());
    }
}
