package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access requests (docs/features/sharelinks.md, AR-1..AR-7) over HTTP: a visitor refused by a link's allow list asks,
 * the link's creator is mailed (GreenMail), a manager approves or denies; approval lets the visitor in.
 */
class AccessRequestsIT {

    UUID tenant;
    ItDatabase.User owner;
    String ownerToken;
    String suffix;
    String room;
    JsonObject link;
    String token;

    @BeforeEach
    void setUp() {
        ItMail.start();
        tenant = ItDatabase.tenant("access");
        suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = ItDatabase.user(tenant, "owner-" + suffix + "@a.test", "OWNER");
        ownerToken = Tokens.accessToken(owner);
        room = Api.room(ownerToken, "Deal " + suffix);
        link = Http.json(Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\": \"DATAROOM\","
                + " \"id\": \"" + room + "\"}, \"name\": \"Teaser " + suffix + "\", \"allowEmails\": [\"ok-" + suffix
                + "@v.test\"]}"));
        token = link.getString("token");
    }

    HttpResponse<String> ask(String linkToken, String json) {
        return Http.postJson("/api/v1/public/links/" + linkToken + "/access-requests", null, json);
    }

    List<JsonObject> requests() {
        HttpResponse<String> r = Http.get("/api/v1/share-links/" + link.getString("id") + "/access-requests",
                ownerToken);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    @Test
    void ar1_ar5_aRefusedVisitorAsksOnceAndTheCreatorIsMailedOnce() {
        String visitor = "new-" + suffix + "@v.test";
        assertEquals(403, ShareLinksIT.session(token, "{\"email\": \"" + visitor + "\"}").statusCode(),
                "the allow list refuses the visitor first");
        HttpResponse<String> asked = ask(token, "{\"email\": \"" + visitor + "\", \"message\": \"I am the buyer's"
                + " counsel.\\nPlease let me in.\"}");
        assertEquals(202, asked.statusCode(), asked.body());
        String mail = ItMail.awaitMail(owner.email(), 1);
        assertTrue(mail.contains(visitor) && mail.contains("buyer's counsel") && mail.contains("Teaser " + suffix),
                "AR-1: the creator learns who asks, why, and for which link: " + mail);
        assertEquals(202, ask(token, "{\"email\": \"" + visitor.toUpperCase() + "\"}").statusCode());
        ItMail.assertNoMoreMail(owner.email(), 1);
        List<JsonObject> all = requests();
        assertEquals(1, all.size(), "AR-5: one pending request per email: " + all);
        assertEquals(visitor, all.get(0).getString("email"));
        assertEquals("PENDING", all.get(0).getString("status"));
        assertEquals("I am the buyer's counsel.\nPlease let me in.", all.get(0).getString("message"));
        // an email the list already lets in: the same answer, nothing stored
        assertEquals(202, ask(token, "{\"email\": \"ok-" + suffix + "@v.test\"}").statusCode());
        assertEquals(1, requests().size(), "AR-1: nothing to ask for, nothing stored");
    }

    @Test
    void ar2_approvingAddsTheEmailToTheAllowListAndLetsTheVisitorIn() {
        String visitor = "approved-" + suffix + "@v.test";
        assertEquals(202, ask(token, "{\"email\": \"" + visitor + "\"}").statusCode());
        String id = requests().get(0).getString("id");
        HttpResponse<String> approved = Http.postJson("/api/v1/access-requests/" + id + "/approve", ownerToken, "");
        assertEquals(204, approved.statusCode(), approved.body());
        assertEquals("APPROVED", requests().get(0).getString("status"));
        assertTrue(Http.json(Http.get("/api/v1/share-links/" + link.getString("id"), ownerToken))
                .getJsonArray("allowEmails").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList().containsAll(List.of("ok-" + suffix + "@v.test",
                        visitor)), "AR-2: added, the earlier entries kept");
        assertEquals(201, ShareLinksIT.session(token, "{\"email\": \"" + visitor + "\"}").statusCode(),
                "AR-2: the visitor is let in");
        assertProblem(Http.postJson("/api/v1/access-requests/" + id + "/deny", ownerToken, ""), 409, "conflict");
    }

    @Test
    void ar3_denyingLeavesTheLinkAsItWas() {
        String visitor = "denied-" + suffix + "@v.test";
        assertEquals(202, ask(token, "{\"email\": \"" + visitor + "\"}").statusCode());
        String id = requests().get(0).getString("id");
        HttpResponse<String> denied = Http.postJson("/api/v1/access-requests/" + id + "/deny", ownerToken, "");
        assertEquals(204, denied.statusCode(), denied.body());
        assertEquals("DENIED", requests().get(0).getString("status"));
        assertEquals(403, ShareLinksIT.session(token, "{\"email\": \"" + visitor + "\"}").statusCode(),
                "AR-3: still refused");
        assertProblem(Http.postJson("/api/v1/access-requests/" + id + "/approve", ownerToken, ""), 409, "conflict");
        // a new request after a denial is a new request
        assertEquals(202, ask(token, "{\"email\": \"" + visitor + "\"}").statusCode());
        assertEquals(2, requests().size());
    }

    @Test
    void ar4_onlyTheLinksManagersSeeAndDecide() {
        assertEquals(202, ask(token, "{\"email\": \"x-" + suffix + "@v.test\"}").statusCode());
        String id = requests().get(0).getString("id");
        String member = Tokens.accessToken(ItDatabase.user(tenant, "m-" + suffix + "@a.test", "MEMBER"));
        assertProblem(Http.get("/api/v1/share-links/" + link.getString("id") + "/access-requests", member), 404,
                "not-found");
        assertProblem(Http.postJson("/api/v1/access-requests/" + id + "/approve", member, ""), 404, "not-found");
        String foreign = Tokens.accessToken(ItDatabase.user(ItDatabase.tenant("access-other"), "f-" + suffix
                + "@f.test", "OWNER"));
        assertProblem(Http.postJson("/api/v1/access-requests/" + id + "/approve", foreign, ""), 404, "not-found");
        assertEquals("PENDING", requests().get(0).getString("status"), "nothing was decided");
    }

    @Test
    void ar6_erasingAVisitorsDataRemovesTheirRequests() throws Exception {
        String visitor = "erase-" + suffix + "@v.test";
        assertEquals(202, ask(token, "{\"email\": \"" + visitor + "\", \"message\": \"secret plan\"}").statusCode());
        assertEquals(1, requests().size());
        assertEquals(202, Http.postJson("/api/v1/privacy/erasure", ownerToken, "{\"email\": \"" + visitor + "\"}")
                .statusCode());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!requests().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(List.of(), requests(), "AR-6: the request (email and message) is gone within 60 s");
    }

    @Test
    void ar7_badInputGetsAProblemAndAnUnknownLinkIs404() {
        assertProblem(ask(token, "{\"email\": \"not an email\"}"), 400, "validation");
        assertProblem(ask(token, "{}"), 400, "validation");
        assertProblem(ask(token, "{\"email\": \"a-" + suffix + "@v.test\", \"message\": \"" + "x".repeat(2001)
                + "\"}"), 400, "validation");
        assertProblem(ask(token, "{\"email\": \"a-" + suffix + "@v.test\", \"extra\": 1}"), 400, "validation");
        HttpResponse<String> unknown = ask(ShareLinksIT.unknown(token), "{\"email\": \"a-" + suffix + "@v.test\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertProblem(Http.postJson("/api/v1/access-requests/" + UUID.randomUUID() + "/approve", ownerToken, ""),
                404, "not-found");
        assertEquals(List.of(), requests(), "nothing stored");
    }
}
