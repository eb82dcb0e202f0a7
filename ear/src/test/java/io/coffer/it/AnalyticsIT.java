package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Beacons and analytics (docs/features/activity.md, "Beacons and analytics", ACT-20..28): a known sequence of visits,
 * page views, beacons and a download, and the exact numbers the link, document and room analytics and the visits CSV
 * answer for it; the beacon checks, the per-session rate, the bounded queue; authorization and tenant isolation.
 */
class AnalyticsIT {

    static UUID tenant;
    static String owner;
    static String room;
    static String docA; // 3 pages
    static String docB; // 2 pages
    static String roomLink;
    static String roomToken;
    static String docLink;
    static String docToken;
    static String checksRoom;
    static String docC; // 3 pages, in a room of its own: the checks below add nothing to the numbers above
    static final Map<String, Instant[]> started = new HashMap<>();
    static Instant lastAction;

    @BeforeAll
    static void visitsAndBeacons() throws Exception {
        tenant = ItDatabase.tenant("analytics");
        String s = UUID.randomUUID().toString().substring(0, 6);
        owner = Tokens.login(ItDatabase.user(tenant, "o-" + s + "@an.test", "OWNER"));
        room = DataRoomsIT.createRoom(owner, "Analytics").getString("id");
        docA = upload(room, "a.pdf", DocumentsIT.pdf(3, 300, 300));
        docB = upload(room, "b.pdf", DocumentsIT.pdf(2, 300, 300));
        JsonObject rl = Http.json(created(Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\":"
                + " \"DATAROOM\", \"id\": \"" + room + "\"}, \"name\": \"Room link\", \"requireEmail\": true,"
                + " \"allowDownload\": true}")));
        roomLink = rl.getString("id");
        roomToken = rl.getString("token");
        JsonObject dl = Http.json(created(Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + docA + "\"}, \"name\": \"Doc link\", \"requireEmail\": true}")));
        docLink = dl.getString("id");
        docToken = dl.getString("token");
        checksRoom = DataRoomsIT.createRoom(owner, "Analytics checks").getString("id");
        docC = upload(checksRoom, "c.pdf", DocumentsIT.pdf(3, 300, 300));

        // alice, first session: pages A1 and A2 seen, 10 + 5 s on A1 and 20 s on A2
        String alice1 = session(roomToken, "alice@an.test", "alice1");
        page(roomToken, alice1, docA, 1);
        page(roomToken, alice1, docA, 2);
        accepted(beacons(roomToken, alice1, "Mozilla/5.0 (alice)", docA, 1, 10, docA, 2, 20));
        Thread.sleep(1100); // the next batch of this session in another second
        accepted(beacons(roomToken, alice1, "Mozilla/5.0 (alice)", docA, 1, 5));
        // alice, second session: page A3, 7 s
        String alice2 = session(roomToken, "alice@an.test", "alice2");
        page(roomToken, alice2, docA, 3);
        accepted(beacons(roomToken, alice2, "Mozilla/5.0 (alice)", docA, 3, 7));
        // bob: page B1, 4 s, and a download of B; his user agent tries a spreadsheet formula
        String bob = session(roomToken, "bob@an.test", "bob");
        page(roomToken, bob, docB, 1);
        accepted(beacons(roomToken, bob, "=HYPERLINK(\"http://evil.test\")", docB, 1, 4));
        HttpResponse<byte[]> download = ShareLinksIT.bytes("/api/v1/public/links/" + roomToken + "/documents/" + docB
                + "/content", bob);
        assertEquals(200, download.statusCode());
        // carol, through the document link: page A1, 30 s
        String carol = session(docToken, "carol@an.test", "carol");
        page(docToken, carol, docA, 1);
        accepted(beacons(docToken, carol, "Mozilla/5.0 (carol)", docA, 1, 30));
        lastAction = Instant.now();
    }

    @Test
    void act21_act24_linkAnalyticsCountSessionsVisitorsSecondsPerPageCompletionDownloadsWithinTwoSeconds() {
        long t0 = System.nanoTime();
        JsonObject a = until("/api/v1/share-links/" + roomLink + "/analytics", o -> o.getInt("totalSeconds") == 46);
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited < 2500, "beacons visible after " + waited + " ms (ACT-24: flushed every second)");
        assertEquals(3, a.getInt("views"), "views are the sessions created");
        assertEquals(2, a.getInt("uniqueVisitors"));
        assertEquals(46, a.getInt("totalSeconds"));
        assertEquals(1, a.getInt("downloads"));
        assertEquals(0.75, a.getJsonNumber("completion").doubleValue(), 1e-9, "mean of 3/3 and 1/2");
        assertEquals(sorted(docA + "#1:1:15", docA + "#2:1:20", docA + "#3:1:7", docB + "#1:1:4"),
                pages(a.getJsonArray("pages")));
        JsonArray visitors = a.getJsonArray("visitors");
        assertEquals(2, visitors.size());
        JsonObject alice = visitor(visitors, "alice@an.test");
        assertEquals(42, alice.getInt("seconds"));
        assertEquals(2, alice.getInt("sessions"));
        assertEquals(3, alice.getInt("pagesSeen"));
        assertEquals(1.0, alice.getJsonNumber("completion").doubleValue(), 1e-9);
        assertEquals(0, alice.getInt("downloads"));
        Instant aliceFirst = Instant.parse(alice.getString("firstSeen"));
        assertTrue(!aliceFirst.isBefore(started.get("alice1")[0]) && !aliceFirst.isAfter(started.get("alice1")[1]),
                "alice first seen when her first session started: " + aliceFirst);
        Instant aliceLast = Instant.parse(alice.getString("lastSeen"));
        assertTrue(!aliceLast.isBefore(started.get("alice2")[0])
                        // bob's bounds are padded by 5 ms each way; his request began 5 ms after the lower one
                        && aliceLast.isBefore(started.get("bob")[0].plusMillis(5)),
                "alice last seen at her second session's beacon: " + aliceLast);
        JsonObject bob = visitor(visitors, "bob@an.test");
        assertEquals(4, bob.getInt("seconds"));
        assertEquals(1, bob.getInt("pagesSeen"));
        assertEquals(0.5, bob.getJsonNumber("completion").doubleValue(), 1e-9, "1 of B's 2 pages");
        assertEquals(1, bob.getInt("downloads"));
        assertFalse(a.containsKey("byLink"), "a link's analytics have no byLink");

        JsonObject d = until("/api/v1/share-links/" + docLink + "/analytics", o -> o.getInt("totalSeconds") == 30);
        assertEquals(1, d.getInt("views"));
        assertEquals(1, d.getInt("uniqueVisitors"));
        assertEquals(sorted(docA + "#1:1:30"), pages(d.getJsonArray("pages")));
        assertEquals(1.0 / 3, visitor(d.getJsonArray("visitors"), "carol@an.test").getJsonNumber("completion")
                .doubleValue(), 1e-9);
    }

    @Test
    void act21_documentAndRoomAnalyticsCoverEveryLinkWithByLink() {
        until("/api/v1/share-links/" + roomLink + "/analytics", o -> o.getInt("totalSeconds") == 46);
        until("/api/v1/share-links/" + docLink + "/analytics", o -> o.getInt("totalSeconds") == 30);
        JsonObject doc = ok(Http.get("/api/v1/documents/" + docA + "/analytics", owner));
        assertEquals(3, doc.getInt("views"), "alice's two sessions and carol's saw A");
        assertEquals(2, doc.getInt("uniqueVisitors"));
        assertEquals(72, doc.getInt("totalSeconds"));
        assertEquals(0, doc.getInt("downloads"));
        assertEquals(sorted(docA + "#1:2:45", docA + "#2:1:20", docA + "#3:1:7"), pages(doc.getJsonArray("pages")));
        assertEquals(sorted(roomLink + ":Room link:2:42", docLink + ":Doc link:1:30"),
                byLink(doc.getJsonArray("byLink")));

        JsonObject r = ok(Http.get("/api/v1/datarooms/" + room + "/analytics", owner));
        assertEquals(4, r.getInt("views"));
        assertEquals(3, r.getInt("uniqueVisitors"));
        assertEquals(76, r.getInt("totalSeconds"));
        assertEquals(1, r.getInt("downloads"));
        assertEquals(sorted(roomLink + ":Room link:3:46", docLink + ":Doc link:1:30"),
                byLink(r.getJsonArray("byLink")));
        JsonObject docB = ok(Http.get("/api/v1/documents/" + AnalyticsIT.docB + "/analytics", owner));
        assertEquals(1, docB.getInt("downloads"));
        assertEquals(1, docB.getInt("views"));
    }

    @Test
    void act25_visitsCsvHasOneQuotedRowPerSessionWithFormulasDefused() {
        until("/api/v1/share-links/" + roomLink + "/analytics", o -> o.getInt("totalSeconds") == 46);
        HttpResponse<String> csv = Http.get("/api/v1/share-links/" + roomLink + "/visits?format=csv", owner);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("sessionId,email,clientAddress,userAgent,start,lastSeen,seconds,pagesSeen,downloads", lines[0]);
        assertEquals(4, lines.length, csv.body());
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith("\"") && lines[i].endsWith("\""), "every field quoted: " + lines[i]);
        }
        assertTrue(lines[1].contains(",\"alice@an.test\",\"198.51.100.1\",\"Mozilla/5.0 (alice)\","), lines[1]);
        assertTrue(lines[1].endsWith(",\"35\",\"2\",\"0\""), "seconds, pages seen, downloads: " + lines[1]);
        assertTrue(lines[2].endsWith(",\"7\",\"1\",\"0\""), lines[2]);
        assertTrue(lines[3].contains(",\"bob@an.test\","), lines[3]);
        assertTrue(lines[3].contains(",\"'=HYPERLINK(\"\"http://evil.test\"\")\","),
                "a formula in a user agent is defused and its quotes doubled: " + lines[3]);
        assertTrue(lines[3].endsWith(",\"4\",\"1\",\"1\""), lines[3]);
        assertEquals(400, Http.get("/api/v1/share-links/" + roomLink + "/visits?format=xml", owner).statusCode());
    }

    @Test
    void act26_analyticsAreServedFromRollUpsAndSurviveTheRawEventsGoing() {
        JsonObject before = until("/api/v1/share-links/" + docLink + "/analytics", o -> o.getInt("totalSeconds") == 30);
        assertTrue(ItDatabase.number(tenant, "select count(*) from activity_events where link_id = cast(? as uuid)"
                + " and seconds > 0", docLink) >= 1, "the beacon's raw document.viewed row is stored");
        int deleted = ItDatabase.execute(tenant, "delete from activity_events where link_id = cast(? as uuid)", docLink);
        assertTrue(deleted >= 1);
        JsonObject after = ok(Http.get("/api/v1/share-links/" + docLink + "/analytics", owner));
        assertEquals(before.toString(), after.toString(), "retention drops raw rows; the analytics stay the same");
    }

    @Test
    void act20_beaconsOutsideTheLinkThePagesOrTheSecondsAreRefused() throws Exception {
        JsonObject l = link(docC);
        String token = l.getString("token");
        String v = session(token, "dave@an.test", "dave");
        assertProblem(400, beacons(token, v, null, docC, 4, 1), "page beyond the document's 3 pages");
        assertProblem(400, beacons(token, v, null, docC, 0, 1), "page 0");
        assertProblem(400, beacons(token, v, null, docB, 1, 1), "a document of another link");
        assertProblem(400, beacons(token, v, null, docC, 1, 3601), "more than an hour on a page");
        assertProblem(400, beacons(token, v, null, docC, 1, -1), "negative seconds");
        assertProblem(400, beacons(token, v, null, docC, 1, 2000, docC, 2, 2000), "more than an hour per batch");
        assertProblem(400, Http.send(Http.request("/api/v1/public/links/" + token + "/events")
                .header("Content-Type", "application/json").header("X-Visitor-Token", v)
                .POST(HttpRequest.BodyPublishers.ofString(entries(501, docC)))), "501 beacons");
        HttpResponse<String> noToken = beacons(token, null, null, docC, 1, 1);
        assertEquals(401, noToken.statusCode(), noToken.body());
        accepted(beacons(token, v, null, docC, 1, 3));
        JsonObject a = until("/api/v1/share-links/" + l.getString("id") + "/analytics",
                o -> o.getInt("totalSeconds") >= 3);
        Thread.sleep(1200); // one more flush: nothing refused may follow
        a = ok(Http.get("/api/v1/share-links/" + l.getString("id") + "/analytics", owner));
        assertEquals(3, a.getInt("totalSeconds"), "only the accepted batch counted");
        assertEquals(sorted(docC + "#1:0:3"), pages(a.getJsonArray("pages")));
        JsonObject dave = visitor(a.getJsonArray("visitors"), "dave@an.test");
        assertEquals(3, dave.getInt("seconds"));
    }

    /**
     * ACT-30: once a batch of the link was checked the full way, the requests that follow are checked from memory —
     * and answer exactly as the full way does: every refusal of ACT-20, 401 without a session, 401 with another link's
     * session, 404 for an unknown link token; and the accepted batches are stored.
     */
    @Test
    void act30_fromMemoryTheAnswersAreThoseOfTheFullWay() throws Exception {
        JsonObject l = link(docC);
        String token = l.getString("token");
        String v = session(token, "gina@an.test", "gina");
        String other = session(link(docC).getString("token"), null, null);
        accepted(beacons(token, v, null, docC, 1, 2)); // the full way: remembers the link
        for (int round = 0; round < 2; round++) { // both rounds well within the facts' 2 s
            assertProblem(400, beacons(token, v, null, docC, 4, 1), "page beyond the document's 3 pages");
            assertProblem(400, beacons(token, v, null, docC, 0, 1), "page 0");
            assertProblem(400, beacons(token, v, null, docB, 1, 1), "a document of another link");
            assertProblem(400, beacons(token, v, null, docC, 1, 3601), "more than an hour on a page");
            assertProblem(400, beacons(token, v, null, docC, 1, 2000, docC, 2, 2000), "more than an hour per batch");
            HttpResponse<String> noToken = beacons(token, null, null, docC, 1, 1);
            assertEquals(401, noToken.statusCode(), noToken.body());
            HttpResponse<String> otherLink = beacons(token, other, null, docC, 1, 1);
            assertEquals(401, otherLink.statusCode(), "a session of another link: " + otherLink.body());
            HttpResponse<String> forged = beacons(token, v.substring(0, v.length() - 2) + "xx", null, docC, 1, 1);
            assertEquals(401, forged.statusCode(), "a forged visitor token: " + forged.body());
            HttpResponse<String> unknown = beacons(token + "x", v, null, docC, 1, 1);
            assertEquals(404, unknown.statusCode(), unknown.body());
            Thread.sleep(250); // the session's batches per second (ACT-22)
            accepted(beacons(token, v, null, docC, 2, 3));
        }
        JsonObject a = until("/api/v1/share-links/" + l.getString("id") + "/analytics",
                o -> o.getInt("totalSeconds") >= 8);
        Thread.sleep(1200); // one more flush: nothing refused may follow
        a = ok(Http.get("/api/v1/share-links/" + l.getString("id") + "/analytics", owner));
        assertEquals(8, a.getInt("totalSeconds"), "the three accepted batches, nothing of the refused ones");
        assertEquals(sorted(docC + "#1:0:2", docC + "#2:0:6"), pages(a.getJsonArray("pages")));
    }

    /**
     * ACT-29, ACT-30, SL-45: a change of what access rests on (the link revoked; a new password, which ends every
     * session) is refused at the very next beacon, memory or not; a new version with fewer pages (which the access
     * generation does not cover) may still be answered 202 from memory, but the check before storing drops what the
     * document no longer has, and the next request goes the full way and is refused.
     */
    @Test
    void act29_act30_sl45_fd34_whatTheLinkRefusesNowIsNeitherAcceptedNorStored() throws Exception {
        for (String change : List.of("revoke", "password")) {
            JsonObject l = link(docC);
            String id = l.getString("id");
            String token = l.getString("token");
            String v = session(token, change + "@an.test", null);
            accepted(beacons(token, v, null, docC, 1, 5));
            until("/api/v1/share-links/" + id + "/analytics", o -> o.getInt("totalSeconds") == 5);
            accepted(beacons(token, v, null, docC, 2, 1)); // memory: the facts are fresh and the generation the same
            HttpResponse<String> changed = change.equals("revoke")
                    ? Http.send(Http.request("/api/v1/share-links/" + id).header("Authorization", "Bearer " + owner)
                            .DELETE())
                    : Http.patchJson("/api/v1/share-links/" + id, owner, "{\"password\": \"a new link password\"}");
            assertTrue(changed.statusCode() == 204 || changed.statusCode() == 200, change + ": " + changed.body());
            HttpResponse<String> after = beacons(token, v, null, docC, 3, 7);
            assertEquals(change.equals("revoke") ? 404 : 401, after.statusCode(),
                    change + ": refused at the next request: " + after.body());
            Thread.sleep(2500); // two flushes
            JsonObject a = ok(Http.get("/api/v1/share-links/" + id + "/analytics", owner));
            assertFalse(pages(a.getJsonArray("pages")).contains(docC + "#3:0:7"), change + ": nothing refused stored");
        }

        String doc = upload(checksRoom, "shrinks.pdf", DocumentsIT.pdf(3, 300, 300));
        JsonObject l = link(doc);
        String token = l.getString("token");
        String v = session(token, "shrink@an.test", null);
        accepted(beacons(token, v, null, doc, 3, 5)); // the full way: remembers 3 pages
        until("/api/v1/share-links/" + l.getString("id") + "/analytics", o -> o.getInt("totalSeconds") == 5);
        HttpResponse<String> v2 = Http.send(Http.request("/api/v1/documents/" + doc + "/versions")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(1, 300, 300))));
        assertEquals(201, v2.statusCode(), v2.body());
        HttpResponse<String> stale = beacons(token, v, null, doc, 3, 4);
        assertEquals(202, stale.statusCode(), "memory still knows 3 pages (a version does not raise the access"
                + " generation): " + stale.body());
        Thread.sleep(2500); // two flushes: the first checks page 3 against the new version's one page
        JsonObject a = ok(Http.get("/api/v1/share-links/" + l.getString("id") + "/analytics", owner));
        assertEquals(5, a.getInt("totalSeconds"), "page 3 of a one-page document is not stored");
        assertProblem(400, beacons(token, v, null, doc, 3, 4), "once the facts know the new page count");
        accepted(beacons(token, v, null, doc, 1, 2));
    }

    @Test
    void act22_moreThanAFewBatchesASecondPerSessionAre429WithRetryAfter() throws Exception {
        JsonObject l = link(docC);
        String token = l.getString("token");
        String v = session(token, "erin@an.test", "erin");
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(() -> beacons(token, v, null, docC, 2, 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        int accepted = 0;
        int limited = 0;
        try {
            for (Future<HttpResponse<String>> f : pool.invokeAll(posts)) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 202) {
                    accepted++;
                } else {
                    assertEquals(429, r.statusCode(), r.body());
                    assertTrue(r.body().contains("/problems/rate-limited"), r.body());
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                    limited++;
                }
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(limited >= 1, "12 batches at once: some refused");
        assertTrue(accepted >= 1 && accepted <= 10, "at most 5 a second (12 may span two seconds): " + accepted);
        int expected = accepted;
        JsonObject a = until("/api/v1/share-links/" + l.getString("id") + "/analytics",
                o -> visitorOrNull(o.getJsonArray("visitors"), "erin@an.test") != null
                        && visitorOrNull(o.getJsonArray("visitors"), "erin@an.test").getInt("seconds") == expected);
        assertEquals(expected, visitor(a.getJsonArray("visitors"), "erin@an.test").getInt("seconds"),
                "a refused batch is not stored");
        Thread.sleep(1100);
        accepted(beacons(token, v, null, docC, 2, 1)); // the next second takes batches again
    }

    @Test
    void act23_aFullQueueShedsWith503() throws Exception {
        // the IT server's queue holds 1,000 page times (it.xml); 20 sessions post 500 each at once
        JsonObject l = link(docC);
        String token = l.getString("token");
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(session(token, null, null));
        }
        String body = entries(500, docC);
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (String v : sessions) {
            posts.add(() -> Http.send(Http.request("/api/v1/public/links/" + token + "/events")
                    .header("Content-Type", "application/json").header("X-Visitor-Token", v)
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        int shed = 0;
        int accepted = 0;
        try {
            for (Future<HttpResponse<String>> f : pool.invokeAll(posts)) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 503) {
                    assertTrue(r.body().contains("/problems/unavailable"), r.body());
                    assertNotNull(r.headers().firstValue("Retry-After").orElse(null));
                    shed++;
                } else {
                    assertEquals(202, r.statusCode(), r.body());
                    accepted++;
                }
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(shed >= 1, "10,000 page times at once into a queue of 1,000: some shed (" + accepted + " accepted)");
        int stored = accepted * 500;
        JsonObject a = until("/api/v1/share-links/" + l.getString("id") + "/analytics",
                o -> o.getInt("totalSeconds") == stored);
        assertEquals(stored, a.getInt("totalSeconds"), "what was shed is not stored, what was accepted is");
    }

    @Test
    void act27_act28_analyticsNeedManageOnTheRoomAndStayInTheirTenant() {
        until("/api/v1/share-links/" + roomLink + "/analytics", o -> o.getInt("totalSeconds") == 46);
        UUID otherTenant = ItDatabase.tenant("analytics-other");
        String stranger = Tokens.login(ItDatabase.user(otherTenant, "o-" + UUID.randomUUID().toString()
                .substring(0, 6) + "@other.test", "OWNER"));
        HttpResponse<String> unknown = Http.get("/api/v1/share-links/" + UUID.randomUUID() + "/analytics", owner);
        assertEquals(404, unknown.statusCode());
        for (String path : List.of("/api/v1/share-links/" + roomLink + "/analytics",
                "/api/v1/share-links/" + roomLink + "/visits?format=csv", "/api/v1/documents/" + docA + "/analytics",
                "/api/v1/datarooms/" + room + "/analytics")) {
            HttpResponse<String> r = Http.get(path, stranger);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertFalse(r.body().contains("alice"), r.body());
        }
        assertEquals(0, ItDatabase.number(otherTenant, "select count(*) from analytics_visits"),
                "row-level security: another tenant's transaction sees none of these visits");
        assertTrue(ItDatabase.number(tenant, "select count(*) from analytics_visits") >= 4);

        ItDatabase.User member = ItDatabase.user(tenant, "m-" + UUID.randomUUID().toString().substring(0, 6)
                + "@an.test", "MEMBER");
        String memberToken = Tokens.login(member);
        assertEquals(200, Api.putGrants(owner, room, List.of(Api.grant("USER", member.id().toString(), null, "VIEW")))
                .statusCode());
        HttpResponse<String> roomForViewer = Http.get("/api/v1/datarooms/" + room + "/analytics", memberToken);
        assertEquals(403, roomForViewer.statusCode(), roomForViewer.body());
        for (String path : List.of("/api/v1/share-links/" + roomLink + "/analytics",
                "/api/v1/share-links/" + roomLink + "/visits?format=csv", "/api/v1/documents/" + docA + "/analytics")) {
            HttpResponse<String> r = Http.get(path, memberToken);
            assertTrue(r.statusCode() == 403 || r.statusCode() == 404, path + ": " + r.statusCode());
            assertFalse(r.body().contains("alice"), r.body());
        }
        assertEquals(401, Http.get("/api/v1/share-links/" + roomLink + "/analytics").statusCode());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static String upload(String room, String name, byte[] pdf) {
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=" + name)
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)));
        assertEquals(201, up.statusCode(), up.body());
        return Http.json(up).getString("id");
    }

    static JsonObject link(String doc) {
        return Http.json(created(Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + doc + "\"}}")));
    }

    static List<String> sorted(String... values) {
        List<String> out = new ArrayList<>(List.of(values));
        out.sort(null);
        return out;
    }

    static HttpResponse<String> created(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return r;
    }

    /** A visitor session from a fixed address ("198.51.100.1"); its start is bracketed under {@code label}. */
    static String session(String token, String email, String label) {
        Instant before = Instant.now();
        HttpResponse<String> r = Http.send(Http.request("/api/v1/public/links/" + token + "/sessions")
                .setHeader("X-Forwarded-For", "198.51.100.1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(email == null ? "{}" : "{\"email\": \"" + email + "\"}")));
        assertEquals(201, r.statusCode(), r.body());
        if (label != null) {
            started.put(label, new Instant[]{before.minusMillis(5), Instant.now().plusMillis(5)});
        }
        return Http.json(r).getString("visitorToken");
    }

    static void page(String token, String visitor, String doc, int n) {
        HttpResponse<byte[]> r = ShareLinksIT.bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/pages/"
                + n, visitor);
        assertEquals(200, r.statusCode(), "page " + n);
    }

    /** Beacons as (docId, page, seconds) triples. */
    static HttpResponse<String> beacons(String token, String visitor, String userAgent, Object... triples) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < triples.length; i += 3) {
            json.append(i == 0 ? "" : ", ").append("{\"docId\": \"").append(triples[i]).append("\", \"page\": ")
                    .append(triples[i + 1]).append(", \"seconds\": ").append(triples[i + 2]).append('}');
        }
        HttpRequest.Builder r = Http.request("/api/v1/public/links/" + token + "/events")
                .header("Content-Type", "application/json").setHeader("X-Forwarded-For", "198.51.100.1")
                .POST(HttpRequest.BodyPublishers.ofString(json.append(']').toString()));
        if (visitor != null) {
            r.header("X-Visitor-Token", visitor);
        }
        if (userAgent != null) {
            r.header("User-Agent", userAgent);
        }
        return Http.send(r);
    }

    static String entries(int n, String doc) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"docId\": \"").append(doc).append("\", \"page\": ")
                    .append(1 + i % 3).append(", \"seconds\": 1}");
        }
        return json.append(']').toString();
    }

    static void accepted(HttpResponse<String> r) {
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
    }

    static void assertProblem(int status, HttpResponse<String> r, String what) {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertTrue(r.body().contains("/problems/validation"), what + ": " + r.body());
    }

    static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    /** Polls an analytics answer until {@code done} holds (at most 10 s: the contract's bound). */
    static JsonObject until(String path, Predicate<JsonObject> done) {
        long end = System.nanoTime() + 10_000_000_000L;
        JsonObject last;
        do {
            last = ok(Http.get(path, owner));
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < end);
        throw new AssertionError("not within 10 s: " + last);
    }

    static List<String> pages(JsonArray pages) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : pages) {
            JsonObject p = v.asJsonObject();
            out.add(p.getString("documentId") + "#" + p.getInt("page") + ":" + p.getInt("views") + ":"
                    + p.getInt("seconds"));
        }
        out.sort(null);
        return out;
    }

    static List<String> byLink(JsonArray links) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : links) {
            JsonObject l = v.asJsonObject();
            out.add(l.getString("linkId") + ":" + l.getString("name") + ":" + l.getInt("views") + ":"
                    + l.getInt("seconds"));
        }
        out.sort(null);
        return out;
    }

    static JsonObject visitorOrNull(JsonArray visitors, String email) {
        for (JsonValue v : visitors) {
            JsonObject o = v.asJsonObject();
            if (!o.isNull("email") && email.equals(o.getString("email"))) {
                return o;
            }
        }
        return null;
    }

    static JsonObject visitor(JsonArray visitors, String email) {
        JsonObject o = visitorOrNull(visitors, email);
        assertNotNull(o, email + " in " + visitors);
        return o;
    }
}
