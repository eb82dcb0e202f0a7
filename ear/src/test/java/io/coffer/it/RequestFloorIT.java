package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ID-38: what every authenticated request costs before its own work — one check at its start, in one statement,
 * which its module calls act on — counted with pg_stat_statements (the IT database loads it), and that the check
 * does not outlive its request. ACT-32: what a page a visitor has seen before costs beyond its own work.
 */
class RequestFloorIT {

    static UUID tenant;
    static ItDatabase.User member;
    static Set<String> background;

    @BeforeAll
    static void seed() throws InterruptedException {
        tenant = ItDatabase.tenant("floor");
        member = ItDatabase.user(tenant, "mia@floor.test", "MEMBER");
        background = TreeStatementsIT.background();
    }

    @Test
    void id38_aRequestIsCheckedOnceInOneStatementAndItsModuleCallsActOnIt() {
        String token = Tokens.accessToken(member);
        Http.get("/api/v1/datarooms", token); // warm-up
        Map<String, Long> least = leastOfThree(() -> Http.get("/api/v1/datarooms", token));
        String seen = least.toString();
        assertEquals(1, calls(least, "caller_check("), "one caller check per request: " + seen);
        assertEquals(0, calls(least, "from signing_keys"), "the module call asked the check, not the keys: " + seen);
        assertEquals(0, calls(least, "from users where"), "nor the user row: " + seen);
        assertTrue(least.keySet().stream().noneMatch(q -> q.toLowerCase().contains("from users")),
                "no read of users at all in a room list: " + seen);
    }

    @Test
    void id38_theNextRequestIsCheckedAgain() {
        ItDatabase.User admin = ItDatabase.user(tenant, "ada@floor.test", "ADMIN");
        String token = Tokens.accessToken(admin);
        assertEquals(200, Http.get("/api/v1/invitations", token).statusCode());
        assertEquals("ADMIN", Http.json(Http.get("/api/v1/me", token)).getString("role"));

        ItDatabase.execute(tenant, "update users set role = 'MEMBER' where id = ?", admin.id());
        assertProblem(Http.get("/api/v1/invitations", token), 403, "forbidden");
        assertEquals("MEMBER", Http.json(Http.get("/api/v1/me", token)).getString("role"),
                "the module answers with the role the request's check read");

        ItDatabase.execute(tenant, "update users set removed_at = now() where id = ?", admin.id());
        assertProblem(Http.get("/api/v1/me", token), 401, "unauthenticated");
        assertProblem(Http.patchJson("/api/v1/me", token, "{not json"), 401, "unauthenticated");
    }

    @Test
    void act32_aSeenPageWritesItsRollUpsInOneStatementAndAsksNoRoutingQuery() throws Exception {
        ItDatabase.User owner = ItDatabase.user(tenant, "olga-" + UUID.randomUUID().toString().substring(0, 6)
                + "@floor.test", "OWNER");
        String token = Tokens.accessToken(owner);
        String room = DataRoomsIT.createRoom(token, "Floor deck").getString("id");
        java.net.http.HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room
                        + "/documents?name=deck.pdf").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(2, 612, 792))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        java.net.http.HttpResponse<String> link = Http.postJson("/api/v1/share-links", token, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + doc + "\"}, \"requireEmail\": true, \"watermark\": {\"enabled\": true}}");
        assertEquals(201, link.statusCode(), link.body());
        String linkToken = Http.json(link).getString("token");
        String vt = ShareLinksIT.visitor(linkToken, "{\"email\": \"vera@floor.test\"}");
        String page = "/api/v1/public/links/" + linkToken + "/documents/" + doc + "/pages/1";
        assertEquals(200, ShareLinksIT.bytes(page, vt).statusCode()); // drawn now; then seen
        Map<String, Long> least = leastOfThree(() -> {
            var r = ShareLinksIT.bytes(page, vt);
            assertTrue(r.body().length > 1000, "a page image");
            return r;
        });
        String seen = least.toString();
        assertEquals(0, calls(least, "from automation_rules"), "no routing query for rules: " + seen);
        assertEquals(0, calls(least, "from webhooks"), "no routing query for webhooks: " + seen);
        assertEquals(1, calls(least, "insert into analytics_"), "the roll-ups in one statement: " + seen);
        String rollups = least.keySet().stream().filter(q -> q.toLowerCase().contains("insert into analytics_"))
                .findFirst().orElseThrow();
        assertTrue(rollups.contains("analytics_days") && rollups.contains("analytics_visit_pages")
                && rollups.contains("analytics_visits"), "all three roll-ups: " + rollups);
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from analytics_visits where link_id = ?",
                UUID.fromString(Http.json(link).getString("id"))), "one session row");
        assertEquals(4, ItDatabase.number(tenant, "select coalesce(sum(views), 0) from analytics_visit_pages"
                + " where document_id = ? and page = 1", UUID.fromString(doc)), "four views of page 1 counted");
    }

    /** The statements of the cheapest of three runs of {@code request}: a background statement may still slip in. */
    private static Map<String, Long> leastOfThree(
            java.util.function.Supplier<? extends java.net.http.HttpResponse<?>> request) {
        Map<String, Long> least = null;
        for (int i = 0; i < 3; i++) {
            Map<String, Long> ran = ItDatabase.ranBy(request, background);
            if (least == null || total(ran) < total(least)) {
                least = ran;
            }
        }
        return least;
    }

    private static long total(Map<String, Long> ran) {
        return ran.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long calls(Map<String, Long> ran, String fragment) {
        return ran.entrySet().stream().filter(e -> e.getKey().toLowerCase().contains(fragment))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
