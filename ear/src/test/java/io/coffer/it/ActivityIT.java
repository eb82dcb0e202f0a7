package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activity store and GET /activity over HTTP (docs/features/activity.md, ACT-1..ACT-11, ACT-16). */
class ActivityIT {
    UUID tenant;
    ItDatabase.User owner;
    ItDatabase.User admin;
    ItDatabase.User member;
    String ownerToken;
    String adminToken;
    String memberToken;
    String s;

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    @BeforeEach
    void tenant() {
        tenant = ItDatabase.tenant("activity");
        s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@activity.test", "OWNER");
        admin = ItDatabase.user(tenant, "admin-" + s + "@activity.test", "ADMIN");
        member = ItDatabase.user(tenant, "member-" + s + "@activity.test", "MEMBER");
        ownerToken = Tokens.accessToken(owner);
        adminToken = Tokens.accessToken(admin);
        memberToken = Tokens.accessToken(member);
    }

    @AfterEach
    void address() {
        Http.clientAddress = null;
    }

    static JsonObject page(String token, String query) {
        HttpResponse<String> r = Http.get("/api/v1/activity" + query, token);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static JsonArray items(String token, String query) {
        return page(token, query).getJsonArray("items");
    }

    /** The newest item of {@code type}, waiting up to 10 s (the contract's bound) for it to be there. */
    static JsonObject newest(String token, String type) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonArray found = items(token, "?type=" + type + "&limit=1");
            if (!found.isEmpty()) {
                return found.getJsonObject(0);
            }
            if (System.nanoTime() > until) {
                fail("no " + type + " within 10 s");
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String str(JsonObject o, String field) {
        return !o.containsKey(field) || o.isNull(field) ? null : o.getString(field);
    }

    /** The stored client address and user agent of one row (they are not in the API's item). */
    List<String> origin(String id) {
        List<String> address = ItDatabase.texts(tenant, "select client_address from activity_events where id = ?::uuid",
                id);
        List<String> agent = ItDatabase.texts(tenant, "select user_agent from activity_events where id = ?::uuid", id);
        assertEquals(1, address.size(), "one row " + id);
        List<String> out = new ArrayList<>();
        out.add(address.get(0));
        out.add(agent.get(0));
        return out;
    }

    /** One row of the table: the action, and what its event must say. Ids are read after the action ran. */
    record Row(String type, Runnable action, String actorType, Supplier<String> actorId, Supplier<String> room,
               Supplier<String> document, Supplier<String> link) {
    }

    String room;
    String doc;
    String doc2;
    String linkId;
    String linkToken;
    String pwLinkToken;
    String ndaLinkToken;
    String ndaLinkId;
    String visitorSession;
    String invitedId;
    ItDatabase.User resetUser;

    static String uploadRaw(String token, String room, String name, byte[] bytes) {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=" + name)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    static JsonObject link(String token, String doc, String extra) {
        HttpResponse<String> r = Http.postJson("/api/v1/share-links", token, "{\"target\": {\"type\": \"DOCUMENT\","
                + " \"id\": \"" + doc + "\"}" + (extra == null ? "" : ", " + extra) + "}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    @Test
    void act1_act2_everyActionOfTheModulesReachesTheStoreWithItsActorObjectsAddressAndUserAgent() throws Exception {
        String o = owner.id().toString();
        byte[] pdf = DocumentsIT.pdf(1, 612, 792);
        byte[] pdf2 = DocumentsIT.pdf(2, 612, 792);
        List<Row> rows = List.of(
                new Row("dataroom.created", () -> room = Api.room(ownerToken, "Deals " + s),
                        "USER", () -> o, () -> room, () -> null, () -> null),
                new Row("document.uploaded", () -> doc = uploadRaw(ownerToken, room, "a.pdf", pdf),
                        "USER", () -> o, () -> room, () -> doc, () -> null),
                new Row("document.version-added", () -> assertEquals(201, Http.send(Http.request("/api/v1/documents/"
                        + doc + "/versions").header("Authorization", "Bearer " + ownerToken)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf2))).statusCode()),
                        "USER", () -> o, () -> room, () -> doc, () -> null),
                new Row("document.downloaded", () -> assertEquals(200, Http.get("/api/v1/documents/" + doc
                        + "/content", ownerToken).statusCode()),
                        "USER", () -> o, () -> room, () -> doc, () -> null),
                new Row("document.deleted", () -> {
                    doc2 = uploadRaw(ownerToken, room, "b.txt", bytes("beta"));
                    assertEquals(204, Api.delete("/api/v1/documents/" + doc2, ownerToken).statusCode());
                }, "USER", () -> o, () -> room, () -> doc2, () -> null),
                new Row("grant.changed", () -> assertEquals(200, Api.putGrants(ownerToken, room,
                        List.of(Api.grant("USER", member.id().toString(), null, "VIEW"))).statusCode()),
                        "USER", () -> o, () -> room, () -> null, () -> null),
                new Row("share-link.created", () -> {
                    JsonObject l = link(ownerToken, doc, "\"allowDownload\": true");
                    linkId = l.getString("id");
                    linkToken = l.getString("token");
                }, "USER", () -> o, () -> room, () -> null, () -> linkId),
                new Row("share-link.updated", () -> assertEquals(200, Http.patchJson("/api/v1/share-links/" + linkId,
                        ownerToken, "{\"name\": \"Renamed\"}").statusCode()),
                        "USER", () -> o, () -> room, () -> null, () -> linkId),
                new Row("link.opened", () -> assertEquals(200, ShareLinksIT.open(linkToken).statusCode()),
                        "VISITOR", () -> null, () -> room, () -> null, () -> linkId),
                new Row("link.access-denied", () -> {
                    JsonObject l = link(ownerToken, doc, "\"password\": \"right one\"");
                    pwLinkToken = l.getString("token");
                    linkId = l.getString("id");
                    assertEquals(401, ShareLinksIT.session(pwLinkToken, "{\"password\": \"wrong\"}").statusCode());
                }, "VISITOR", () -> null, () -> room, () -> null, () -> linkId),
                new Row("nda.accepted", () -> {
                    JsonObject l = link(ownerToken, doc, "\"requireEmail\": true, \"ndaText\": \"Keep it.\","
                            + " \"allowDownload\": true");
                    ndaLinkToken = l.getString("token");
                    ndaLinkId = l.getString("id");
                    linkId = ndaLinkId;
                    visitorSession = ShareLinksIT.visitor(ndaLinkToken, "{\"email\": \"v-" + s + "@visitor.test\","
                            + " \"ndaAccepted\": true}");
                }, "VISITOR", null, () -> room, () -> null, () -> ndaLinkId),
                new Row("document.viewed", () -> assertEquals(200, ShareLinksIT.visitorGet("/api/v1/public/links/"
                        + ndaLinkToken + "/documents/" + doc + "/pages/1", visitorSession).statusCode()),
                        "VISITOR", null, () -> room, () -> doc, () -> ndaLinkId),
                new Row("share-link.revoked", () -> assertEquals(204, Api.delete("/api/v1/share-links/" + ndaLinkId,
                        ownerToken).statusCode()),
                        "USER", () -> o, () -> room, () -> null, () -> ndaLinkId),
                new Row("user.invited", () -> {
                    HttpResponse<String> r = InvitationsIT.invite(ownerToken, "new-" + s + "@activity.test", "MEMBER");
                    assertEquals(201, r.statusCode(), r.body());
                }, "USER", () -> o, () -> null, () -> null, () -> null),
                new Row("user.created", () -> {
                    String token = ItMail.token(ItMail.awaitMail("new-" + s + "@activity.test", 1));
                    HttpResponse<String> r = InvitationsIT.accept(token);
                    assertEquals(201, r.statusCode(), r.body());
                }, "SYSTEM", () -> null, () -> null, () -> null, () -> null),
                new Row("auth.login.succeeded", () -> Tokens.login(owner),
                        "USER", () -> o, () -> null, () -> null, () -> null),
                new Row("auth.login.failed", () -> assertEquals(401, Http.postJson("/api/v1/auth/login", null,
                        "{\"tenant\": \"" + owner.tenantSlug() + "\", \"email\": \"" + owner.email()
                                + "\", \"password\": \"not the password\"}").statusCode()),
                        "USER", () -> o, () -> null, () -> null, () -> null),
                new Row("auth.password-reset.requested", () -> {
                    resetUser = ItDatabase.user(tenant, "reset-" + s + "@activity.test", "MEMBER");
                    assertEquals(202, PasswordResetIT.request(resetUser).statusCode());
                }, "USER", () -> resetUser.id().toString(), () -> null, () -> null, () -> null),
                new Row("auth.password-reset.completed", () -> {
                    String token = ItMail.token(ItMail.awaitMail(resetUser.email(), 1));
                    HttpResponse<String> r = PasswordResetIT.confirm(token, "a brand new passphrase");
                    assertTrue(r.statusCode() / 100 == 2, r.body());
                }, "USER", () -> resetUser.id().toString(), () -> null, () -> null, () -> null),
                new Row("privacy.erased", () -> assertEquals(202, Http.postJson("/api/v1/privacy/erasure", adminToken,
                        "{\"email\": \"nobody-" + s + "@visitor.test\"}").statusCode()),
                        "USER", () -> admin.id().toString(), () -> null, () -> null, () -> null));
        Set<String> types = new HashSet<>();
        int n = 10;
        for (Row row : rows) {
            String address = "203.0.113." + n++;
            Http.clientAddress = address;
            row.action().run();
            Http.clientAddress = null;
            JsonObject item = newest(ownerToken, row.type());
            String t = row.type();
            types.add(t);
            assertEquals(t, item.getString("type"));
            JsonObject actor = item.getJsonObject("actor");
            assertEquals(row.actorType(), actor.getString("type"), t + ": " + item);
            if (row.actorId() != null) {
                assertEquals(row.actorId().get(), str(actor, "id"), t + ": actor " + item);
            } else {
                assertNotNull(str(actor, "id"), t + ": the visitor session " + item);
            }
            assertEquals(row.room().get(), str(item, "dataroomId"), t + ": room " + item);
            assertEquals(row.document().get(), str(item, "documentId"), t + ": document " + item);
            assertEquals(row.link().get(), str(item, "linkId"), t + ": link " + item);
            List<String> origin = origin(item.getString("id"));
            assertEquals(address, origin.get(0), t + ": client address");
            assertNotNull(origin.get(1), t + ": user agent");
            assertTrue(origin.get(1).startsWith("Java-http-client"), t + ": user agent " + origin.get(1));
            assertTrue(item.getJsonObject("data") != null, t);
        }
        // the visitor's email is on the visitor's events, in the actor
        JsonObject nda = newest(ownerToken, "nda.accepted");
        assertEquals("v-" + s + "@visitor.test", nda.getJsonObject("actor").getString("email"));
        assertFalse(newest(ownerToken, "dataroom.created").getJsonObject("actor").containsKey("email"),
                "no email for a member");
        // the contract's event types that exist today, each driven once above
        assertEquals(Set.of("user.created", "user.invited", "auth.login.succeeded", "auth.login.failed",
                "auth.password-reset.requested", "auth.password-reset.completed", "dataroom.created",
                "document.uploaded", "document.version-added", "document.deleted", "grant.changed",
                "share-link.created", "share-link.updated", "share-link.revoked", "link.opened",
                "link.access-denied", "document.viewed", "document.downloaded", "nda.accepted", "privacy.erased"),
                types);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void act3_aCallerWithAnApiKeyIsStoredAsTheKeyWithTheUserAndItsUserAgentBounded() {
        HttpResponse<String> created = Http.postJson("/api/v1/api-keys", ownerToken,
                "{\"name\": \"ci\", \"scopes\": [\"admin\"]}");
        assertEquals(201, created.statusCode(), created.body());
        String keyId = Http.json(created).getString("id");
        String key = Http.json(created).getString("key");
        HttpResponse<String> exchanged = ApiKeysIT.exchange(key);
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        String keyToken = Http.json(exchanged).getString("accessToken");
        String agent = "coffer-ci/1.0 " + "x".repeat(2000);
        HttpResponse<String> r = Http.send(Http.request("/api/v1/datarooms").header("Authorization", "Bearer " + keyToken)
                .header("User-Agent", agent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"By key\"}")));
        assertEquals(201, r.statusCode(), r.body());
        String room = Http.json(r).getString("id");
        JsonObject item = newest(ownerToken, "dataroom.created");
        assertEquals(room, item.getString("dataroomId"));
        assertEquals("API_KEY", item.getJsonObject("actor").getString("type"));
        assertEquals(keyId, item.getJsonObject("actor").getString("id"));
        assertEquals(owner.id().toString(), item.getJsonObject("data").getString("user"));
        String stored = origin(item.getString("id")).get(1);
        assertEquals(512, stored.length(), "bounded");
        assertTrue(stored.startsWith("coffer-ci/1.0 x"), stored);
    }

    @Test
    void act6_act7_act8_filtersAndCursorPagesWalkEveryEventOnceNewestFirst() throws Exception {
        String roomA = Api.room(ownerToken, "A " + s);
        String roomB = Api.room(ownerToken, "B " + s);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            docs.add(uploadRaw(ownerToken, roomA, "d" + i + ".txt", bytes("doc " + i)));
        }
        uploadRaw(ownerToken, roomB, "other.txt", bytes("other"));
        // the room: its creation and its 7 uploads, newest first, 3 a page
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject p = page(ownerToken, "?dataroomId=" + roomA + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonObject i : p.getJsonArray("items").getValuesAs(JsonObject.class)) {
                assertEquals(roomA, i.getString("dataroomId"));
                seen.add(i.getString("id"));
            }
            cursor = p.isNull("nextCursor") ? null : p.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(8, seen.size(), seen.toString());
        assertEquals(8, new HashSet<>(seen).size(), "each once");
        assertEquals(3, pages);
        JsonArray all = items(ownerToken, "?dataroomId=" + roomA + "&limit=200");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.getJsonObject(i - 1).getString("at").compareTo(all.getJsonObject(i).getString("at")) >= 0,
                    "newest first");
        }
        assertEquals("dataroom.created", all.getJsonObject(all.size() - 1).getString("type"), "oldest last");
        // by document and type
        JsonArray ofDoc = items(ownerToken, "?documentId=" + docs.get(3));
        assertEquals(1, ofDoc.size(), ofDoc.toString());
        assertEquals(docs.get(3), ofDoc.getJsonObject(0).getString("documentId"));
        assertEquals(7, items(ownerToken, "?dataroomId=" + roomA + "&type=document.uploaded").size());
        // by time: an empty window, and one that holds everything
        String at = all.getJsonObject(0).getString("at");
        assertEquals(0, items(ownerToken, "?dataroomId=" + roomA + "&to=2000-01-01T00:00:00Z").size());
        assertEquals(8, items(ownerToken, "?dataroomId=" + roomA + "&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")
                .size());
        JsonArray fromNewest = items(ownerToken, "?dataroomId=" + roomA + "&from=" + at);
        assertTrue(fromNewest.size() >= 1 && fromNewest.size() < 8, "from is inclusive and bounds: " + fromNewest);
        assertEquals(2, items(ownerToken, "?dataroomId=" + roomA + "&limit=2").size());
        assertEquals(8, items(ownerToken, "?dataroomId=" + roomA + "&limit=5000").size(), "clamped, not refused");
        // a tampered cursor is a validation problem, never another page
        JsonObject first = page(ownerToken, "?dataroomId=" + roomA + "&limit=3");
        String good = first.getString("nextCursor");
        String tampered = (good.charAt(0) == 'A' ? 'B' : 'A') + good.substring(1);
        assertProblem(Http.get("/api/v1/activity?dataroomId=" + roomA + "&cursor=" + tampered, ownerToken), 400,
                "validation");
        assertProblem(Http.get("/api/v1/activity?cursor=garbage", ownerToken), 400, "validation");
        assertProblem(Http.get("/api/v1/activity?from=yesterday", ownerToken), 400, "validation");
    }

    @Test
    void act7_theStreamsQueryPrunesPartitionsByTimeAndWalksAnIndex() throws Exception {
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set local coffer.tenant = '" + tenant + "'");
                st.execute("set local enable_seqscan = off");
                StringBuilder plan = new StringBuilder();
                try (ResultSet r = st.executeQuery("explain select id from activity_events where tenant_id = '"
                        + tenant + "' and room_id = '" + UUID.randomUUID() + "' and at >= now() - interval '1 day'"
                        + " and at < now() + interval '1 day' order by at desc, id desc limit 51")) {
                    while (r.next()) {
                        plan.append(r.getString(1)).append('\n');
                    }
                }
                String p = plan.toString();
                assertTrue(p.contains("Index"), "an index serves the query:\n" + p);
                assertFalse(p.contains("Seq Scan"), p);
                assertFalse(p.contains("activity_events_2020"), p);
                // the months outside the range are pruned: only this month's partition (and maybe the next) is read
                long partitions = p.lines().filter(l -> l.contains(" on activity_events_")).map(l -> l.replaceAll(
                        ".* on (activity_events_[a-z0-9_]+).*", "$1")).distinct().count();
                assertTrue(partitions >= 1 && partitions <= 2, "pruned to the range:\n" + p);
            }
            c.rollback();
        }
    }

    @Test
    void act5_act9_theWholeStreamIsForAdminsAndARoomsForItsManagersAndARefusedActionLeavesNoRow() {
        String room = Api.room(ownerToken, "Managed " + s);
        String doc = uploadRaw(ownerToken, room, "m.txt", bytes("m"));
        String link = link(ownerToken, doc, null).getString("id");
        assertEquals(200, Http.get("/api/v1/activity", adminToken).statusCode());
        assertProblem(Http.get("/api/v1/activity", memberToken), 403, "forbidden");
        // a room the member cannot see: 404 as everywhere; seen but below MANAGE: 403
        assertProblem(Http.get("/api/v1/activity?dataroomId=" + room, memberToken), 404, "not-found");
        assertProblem(Http.get("/api/v1/activity?documentId=" + doc, memberToken), 404, "not-found");
        assertProblem(Http.get("/api/v1/activity?linkId=" + link, memberToken), 404, "not-found");
        assertProblem(Http.get("/api/v1/activity?dataroomId=" + UUID.randomUUID(), adminToken), 404, "not-found");
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("USER", member.id().toString(), null,
                "VIEW"))).statusCode());
        assertProblem(Http.get("/api/v1/activity?dataroomId=" + room, memberToken), 403, "forbidden");
        // ACT-5: a refused upload rolls back: no document.uploaded row, but its denial is kept
        HttpResponse<String> refused = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=x.txt")
                .header("Authorization", "Bearer " + memberToken).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes("no"))));
        assertProblem(refused, 403, "forbidden");
        assertEquals(1, items(ownerToken, "?dataroomId=" + room + "&type=document.uploaded").size(),
                "only the owner's upload");
        JsonObject denied = newest(ownerToken, "access.denied");
        assertEquals(member.id().toString(), denied.getJsonObject("actor").getString("id"));
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("USER", member.id().toString(), null,
                "MANAGE"))).statusCode());
        JsonArray managed = items(memberToken, "?dataroomId=" + room);
        assertTrue(managed.size() >= 3, managed.toString());
        for (JsonObject i : managed.getValuesAs(JsonObject.class)) {
            assertEquals(room, i.getString("dataroomId"));
        }
        assertEquals(1, items(memberToken, "?documentId=" + doc).size());
        assertFalse(items(memberToken, "?linkId=" + link).isEmpty());
        assertProblem(Http.get("/api/v1/activity", memberToken), 403, "forbidden"); // the whole stream still not
    }

    @Test
    void act10_anotherTenantsEventsAreInvisibleThroughBothWalls() throws Exception {
        String mine = Api.room(ownerToken, "Mine " + s);
        UUID other = ItDatabase.tenant("activity-other");
        ItDatabase.User otherOwner = ItDatabase.user(other, "o-" + s + "@other.test", "OWNER");
        String otherToken = Tokens.accessToken(otherOwner);
        String theirs = Api.room(otherToken, "Theirs " + s);
        for (JsonObject i : items(ownerToken, "?limit=200").getValuesAs(JsonObject.class)) {
            assertFalse(theirs.equals(str(i, "dataroomId")), "another tenant's event in the stream");
        }
        assertProblem(Http.get("/api/v1/activity?dataroomId=" + theirs, ownerToken), 404, "not-found");
        assertEquals(mine, items(ownerToken, "?type=dataroom.created").getJsonObject(0).getString("dataroomId"));
        // the second wall: the query role, bound to this tenant, reads no row of the other
        try (Connection c = AuditIT.app().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set local coffer.tenant = '" + tenant + "'");
            }
            try (PreparedStatement p = c.prepareStatement("select count(*) from activity_events where room_id = ?")) {
                p.setObject(1, UUID.fromString(theirs));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertEquals(0, r.getLong(1), "row-level security hides the other tenant's rows");
                }
            }
            try (PreparedStatement p = c.prepareStatement("select count(*) from activity_events where room_id = ?")) {
                p.setObject(1, UUID.fromString(mine));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertEquals(1, r.getLong(1), "and shows this tenant's");
                }
            }
            c.rollback();
        }
        assertEquals(1, ItDatabase.number(other, "select count(*) from activity_events where room_id = ?::uuid",
                theirs), "the other tenant's row is there");
    }

    @Test
    void act11_act16_retentionDropsWhollyOldPartitionsAndOldRowsAndKeepsNewerOnes() throws Exception {
        String fresh = Api.room(ownerToken, "Fresh " + s);
        try (Connection c = ItDatabase.owner().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false); // made and protected at once: the job running meanwhile waits for both
            st.execute("select activity_ensure_partitions(0)");
            st.execute("create table if not exists activity_events_2020_01 partition of activity_events"
                    + " for values from ('2020-01-01 00:00:00+00') to ('2020-02-01 00:00:00+00')");
            st.execute("select activity_protect_partition('activity_events_2020_01')");
            c.commit();
        }
        assertEquals(1, ItDatabase.execute(tenant, "insert into activity_events (id, tenant_id, at, type, actor_type,"
                + " room_id)"
                + " values (gen_random_uuid(), ?, '2020-01-15 12:00:00+00', 'dataroom.created', 'SYSTEM', ?)",
                tenant, UUID.randomUUID()), "a row of January 2020 (the job may already have dropped its partition)");
        // a row in the default partition (no partition holds 2019) and an old visitor session with an email
        ItDatabase.execute(tenant, "insert into activity_events (id, tenant_id, at, type, actor_type, actor_email)"
                + " values (gen_random_uuid(), ?, '2019-06-01 00:00:00+00', 'link.opened', 'VISITOR', ?)",
                tenant, "old-" + s + "@visitor.test");
        String room = Api.room(ownerToken, "Old links " + s);
        String doc = uploadRaw(ownerToken, room, "o.txt", bytes("old"));
        JsonObject oldLink = link(ownerToken, doc, "\"requireEmail\": true");
        String link = oldLink.getString("token");
        ShareLinksIT.visitor(link, "{\"email\": \"aged-" + s + "@visitor.test\"}");
        ItDatabase.execute(tenant, "update visitor_sessions set created_at = '2019-06-01 00:00:00+00'"
                + " where email = ?", "aged-" + s + "@visitor.test");
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until && (tableExists("activity_events_2020_01")
                || ItDatabase.number(tenant, "select count(*) from activity_events where at < '2021-01-01'") > 0
                || ItDatabase.number(tenant, "select count(*) from visitor_sessions where email = ?",
                        "aged-" + s + "@visitor.test") > 0)) {
            sleep(500);
        }
        assertFalse(tableExists("activity_events_2020_01"), "the partition wholly older than 730 days is dropped");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from activity_events where at < '2021-01-01'"),
                "and the old row of the default partition deleted");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from visitor_sessions where email = ?",
                "aged-" + s + "@visitor.test"), "the old visitor session lost its email");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from visitor_sessions where link_id = ?::uuid",
                oldLink.getString("id")), "the session itself is still counted");
        assertEquals(fresh, items(ownerToken, "?dataroomId=" + fresh).getJsonObject(0).getString("dataroomId"),
                "newer rows stay");
        // partitions: this month and the next two exist (the job ensures them; several runs change nothing)
        for (int m = 0; m <= 2; m++) {
            java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(m);
            String name = String.format("activity_events_%04d_%02d", month.getYear(), month.getMonthValue());
            assertTrue(tableExists(name), name);
        }
    }

    static boolean tableExists(String name) throws Exception {
        try (Connection c = ItDatabase.owner().getConnection();
             PreparedStatement p = c.prepareStatement("select count(*) from pg_class where relname = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }
}
