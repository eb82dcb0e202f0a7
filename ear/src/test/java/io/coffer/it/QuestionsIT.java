package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Q&A (docs/features/questions.md, QA-1..QA-10) over HTTP: members with VIEW and visitors of links with
 * {@code allowQuestions} ask about a document; the managers answer privately or published; who reads what is checked
 * on the lists' content, the asker's mail in GreenMail.
 *
 * <p>The fixture: a room with folder "Deal" (documents {@code term sheet} and {@code side letter}, the latter hidden by
 * the link) and folder "HR" ({@code payroll}, outside the link); the OWNER manages everything; {@code alice} and
 * {@code bob} hold VIEW on the room, {@code mona} MANAGE, {@code dora} VIEW on "Deal" only, {@code nemo} nothing.
 */
class QuestionsIT {

    UUID tenant;
    String s;
    ItDatabase.User owner;
    String ownerToken;
    ItDatabase.User alice;
    String aliceToken;
    String bobToken;
    String monaToken;
    String doraToken;
    String nemoToken;
    String room;
    String deal;
    String hr;
    String termSheet;
    String sideLetter;
    String payroll;
    JsonObject link;
    String linkToken;

    @BeforeEach
    void setUp() {
        ItMail.start();
        s = UUID.randomUUID().toString().substring(0, 8);
        tenant = ItDatabase.tenant("qa");
        owner = ItDatabase.user(tenant, "owner-" + s + "@q.test", "OWNER");
        ownerToken = Tokens.accessToken(owner);
        alice = ItDatabase.user(tenant, "alice-" + s + "@q.test", "MEMBER");
        aliceToken = Tokens.accessToken(alice);
        ItDatabase.User bob = ItDatabase.user(tenant, "bob-" + s + "@q.test", "MEMBER");
        bobToken = Tokens.accessToken(bob);
        ItDatabase.User mona = ItDatabase.user(tenant, "mona-" + s + "@q.test", "MEMBER");
        monaToken = Tokens.accessToken(mona);
        ItDatabase.User dora = ItDatabase.user(tenant, "dora-" + s + "@q.test", "MEMBER");
        doraToken = Tokens.accessToken(dora);
        nemoToken = Tokens.accessToken(ItDatabase.user(tenant, "nemo-" + s + "@q.test", "MEMBER"));
        room = Api.room(ownerToken, "Project " + s);
        deal = Api.folder(ownerToken, room, "Deal", null);
        hr = Api.folder(ownerToken, room, "HR", null);
        termSheet = Api.document(ownerToken, room, deal, "term sheet " + s + ".pdf", PermissionsModelIT.ONE_PAGE);
        sideLetter = Api.document(ownerToken, room, deal, "side letter " + s + ".pdf", PermissionsModelIT.ONE_PAGE);
        payroll = Api.document(ownerToken, room, hr, "payroll " + s + ".pdf", PermissionsModelIT.ONE_PAGE);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), null, "VIEW"),
                Api.grant("USER", bob.id().toString(), null, "VIEW"),
                Api.grant("USER", mona.id().toString(), null, "MANAGE"),
                Api.grant("USER", dora.id().toString(), deal, "VIEW"))).statusCode());
        link = link("{\"target\": {\"type\": \"FOLDER\", \"id\": \"" + deal + "\"}, \"name\": \"Buyers " + s
                + "\", \"allowQuestions\": true, \"itemOverrides\": [{\"itemId\": \"" + sideLetter
                + "\", \"hidden\": true}]}");
        linkToken = link.getString("token");
    }

    JsonObject link(String json) {
        HttpResponse<String> r = Http.postJson("/api/v1/share-links", ownerToken, json);
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    HttpResponse<String> ask(String token, String doc, String json) {
        return Http.postJson("/api/v1/documents/" + doc + "/questions", token, json);
    }

    JsonObject asked(String token, String doc, String text) {
        HttpResponse<String> r = ask(token, doc, "{\"text\": \"" + text + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    HttpResponse<String> answer(String token, String question, String text, boolean publish) {
        return Http.postJson("/api/v1/questions/" + question + "/answers", token,
                "{\"text\": \"" + text + "\", \"publish\": " + publish + "}");
    }

    JsonObject answered(String token, String question, String text, boolean publish) {
        HttpResponse<String> r = answer(token, question, text, publish);
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    List<JsonObject> list(String token) {
        return list(token, "");
    }

    List<JsonObject> list(String token, String query) {
        HttpResponse<String> r = Http.get("/api/v1/datarooms/" + room + "/questions" + query, token);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    HttpResponse<String> visitorAsk(String linkToken, String visitor, String json) {
        return Http.send(Http.request("/api/v1/public/links/" + linkToken + "/questions")
                .header("X-Visitor-Token", visitor).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> visitorList(String linkToken, String visitor) {
        return Http.send(Http.request("/api/v1/public/links/" + linkToken + "/questions")
                .header("X-Visitor-Token", visitor).GET());
    }

    List<JsonObject> visitorItems(String linkToken, String visitor) {
        HttpResponse<String> r = visitorList(linkToken, visitor);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    static Optional<JsonObject> find(List<JsonObject> items, String id) {
        return items.stream().filter(q -> q.getString("id").equals(id)).findFirst();
    }

    static List<String> answerTexts(JsonObject q) {
        return q.getJsonArray("answers").getValuesAs(JsonObject.class).stream().map(a -> a.getString("text")).toList();
    }

    @Test
    void qa1_aPrivateQuestionIsSeenByItsAskerAndTheManagersOnly() {
        String id = asked(aliceToken, termSheet, "Is the price fixed?").getString("id");
        JsonObject mine = find(list(aliceToken), id).orElseThrow(() -> new AssertionError("QA-1: the asker sees it"));
        assertTrue(mine.getBoolean("mine"));
        assertEquals("Is the price fixed?", mine.getString("text"));
        assertEquals("OPEN", mine.getString("status"));
        assertTrue(mine.isNull("asker"), "an asker who is no manager is not told who asked (themselves)");
        JsonObject managed = find(list(ownerToken), id).orElseThrow(() -> new AssertionError("QA-1: the manager"));
        assertEquals("USER", managed.getJsonObject("asker").getString("type"));
        assertEquals(alice.id().toString(), managed.getJsonObject("asker").getString("userId"));
        assertFalse(managed.getBoolean("mine"));
        assertTrue(find(list(monaToken), id).isPresent(), "QA-1: a member managing the room sees it");
        assertTrue(find(list(bobToken), id).isEmpty(), "QA-1: another member with VIEW does not");
        String visitor = ShareLinksIT.visitor(linkToken, "{}");
        assertTrue(find(visitorItems(linkToken, visitor), id).isEmpty(), "QA-1: a visitor does not");
        assertProblem(answer(bobToken, id, "guess", true), 404, "not-found");
        // a private answer: still the asker's and the managers'
        answered(ownerToken, id, "Yes, fixed at 10.", false);
        JsonObject after = find(list(aliceToken), id).orElseThrow();
        assertEquals("ANSWERED", after.getString("status"));
        assertEquals(List.of("Yes, fixed at 10."), answerTexts(after));
        assertTrue(find(list(bobToken), id).isEmpty(), "QA-1: a private answer publishes nothing");
        assertTrue(find(list(bobToken, "?status=ANSWERED"), id).isEmpty());
        assertTrue(find(visitorItems(linkToken, visitor), id).isEmpty());
        assertFalse(Http.get("/api/v1/datarooms/" + room + "/questions", bobToken).body().contains("price fixed"));
    }

    @Test
    void qa2_aPublishedAnswerIsSeenByEveryoneWhoCanSeeTheDocument() {
        String id = asked(aliceToken, termSheet, "Who signs for the seller?").getString("id");
        answered(ownerToken, id, "Internal note for Alice only", false);
        JsonObject published = answered(ownerToken, id, "The CFO signs.", true);
        assertTrue(published.getBoolean("published"));
        JsonObject seen = find(list(bobToken), id).orElseThrow(() -> new AssertionError("QA-2: a VIEW member sees it"));
        assertEquals("PUBLISHED", seen.getString("status"));
        assertEquals("Who signs for the seller?", seen.getString("text"));
        assertEquals(List.of("The CFO signs."), answerTexts(seen), "QA-2: only the published answer");
        assertTrue(seen.isNull("asker"), "the asker stays the managers' to know");
        assertFalse(seen.getBoolean("mine"));
        assertEquals(List.of("Internal note for Alice only", "The CFO signs."), answerTexts(find(list(aliceToken), id)
                .orElseThrow()), "the asker reads every answer to them");
        assertEquals(2, find(list(ownerToken, "?status=PUBLISHED"), id).orElseThrow().getJsonArray("answers").size());
        assertTrue(find(list(ownerToken, "?status=OPEN"), id).isEmpty(), "?status= filters");
        String visitor = ShareLinksIT.visitor(linkToken, "{}");
        JsonObject v = find(visitorItems(linkToken, visitor), id)
                .orElseThrow(() -> new AssertionError("QA-2: a visitor of a link showing the document sees it"));
        assertEquals(List.of("The CFO signs."), answerTexts(v));
        assertEquals("term sheet " + s + ".pdf", v.getString("documentName"));
        assertFalse(v.containsKey("dataroomId"), "a visitor never learns the room's id");
        assertFalse(v.getJsonArray("answers").getJsonObject(0).containsKey("answeredBy"));
        assertFalse(visitorList(linkToken, visitor).body().contains("Internal note"));
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/questions", nemoToken), 404, "not-found");
    }

    @Test
    void qa3_membersAskWithViewOnTheDocument() {
        assertProblem(ask(nemoToken, termSheet, "{\"text\": \"May I?\"}"), 404, "not-found");
        assertProblem(ask(doraToken, payroll, "{\"text\": \"Salaries?\"}"), 404, "not-found");
        assertProblem(ask(aliceToken, UUID.randomUUID().toString(), "{\"text\": \"Anything?\"}"), 404, "not-found");
        HttpResponse<String> r = ask(aliceToken, termSheet, "{\"text\": \"  What about page two?\\nThanks \", "
                + "\"page\": 2}");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject q = Http.json(r);
        assertEquals("What about page two?\nThanks", q.getString("text"), "stored stripped, line breaks kept");
        assertEquals(2, q.getInt("page"));
        assertEquals(termSheet, q.getString("documentId"));
        assertEquals(room, q.getString("dataroomId"));
        assertEquals("OPEN", q.getString("status"));
        assertTrue(q.getBoolean("mine"));
        JsonObject listed = find(list(aliceToken), q.getString("id")).orElseThrow();
        assertEquals(2, listed.getInt("page"));
        assertEquals(List.of(), answerTexts(listed));
        assertTrue(find(list(bobToken), q.getString("id")).isEmpty(), "QA-3: private until an answer is published");
    }

    @Test
    void qa4_visitorsAskOnlyThroughLinksThatAllowQuestions() {
        assertTrue(link.getBoolean("allowQuestions"));
        JsonObject plain = link("{\"target\": {\"type\": \"FOLDER\", \"id\": \"" + deal + "\"}}");
        assertFalse(plain.getBoolean("allowQuestions"), "QA-4: off by default");
        String plainToken = plain.getString("token");
        String visitor = ShareLinksIT.visitor(plainToken, "{}");
        assertProblem(visitorAsk(plainToken, visitor, "{\"documentId\": \"" + termSheet + "\", \"text\": \"Hi\"}"),
                404, "not-found");
        assertProblem(visitorList(plainToken, visitor), 404, "not-found");
        HttpResponse<String> patched = Http.patchJson("/api/v1/share-links/" + plain.getString("id"), ownerToken,
                "{\"allowQuestions\": true}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertTrue(Http.json(patched).getBoolean("allowQuestions"));
        assertTrue(Http.json(Http.get("/api/v1/share-links/" + plain.getString("id"), ownerToken))
                .getBoolean("allowQuestions"));
        HttpResponse<String> ok = visitorAsk(plainToken, visitor, "{\"documentId\": \"" + termSheet
                + "\", \"text\": \"Is there a data tape?\", \"page\": 1}");
        assertEquals(201, ok.statusCode(), ok.body());
        JsonObject q = Http.json(ok);
        assertEquals("Is there a data tape?", q.getString("text"));
        assertTrue(q.getBoolean("mine"));
        assertFalse(q.containsKey("dataroomId"));
        assertEquals(List.of(q.getString("id")), visitorItems(plainToken, visitor).stream()
                .map(x -> x.getString("id")).toList(), "the visitor reads their own question");
        JsonObject managed = find(list(ownerToken), q.getString("id")).orElseThrow();
        assertEquals("VISITOR", managed.getJsonObject("asker").getString("type"));
        assertEquals(plain.getString("id"), managed.getJsonObject("asker").getString("linkId"));
        // another session of the link does not see it (private), and without a session nothing is asked
        String other = ShareLinksIT.visitor(plainToken, "{}");
        assertTrue(find(visitorItems(plainToken, other), q.getString("id")).isEmpty());
        HttpResponse<String> none = Http.send(Http.request("/api/v1/public/links/" + plainToken + "/questions")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"documentId\": \"" + termSheet + "\", \"text\": \"No session\"}")));
        assertEquals(401, none.statusCode(), none.body());
        assertProblem(visitorList(UUID.randomUUID().toString().replace("-", ""), visitor), 404, "not-found");
    }

    @Test
    void qa5_noQuestionRevealsAHiddenDocument() {
        String visitor = ShareLinksIT.visitor(linkToken, "{}");
        HttpResponse<String> hidden = visitorAsk(linkToken, visitor, "{\"documentId\": \"" + sideLetter
                + "\", \"text\": \"What is in the side letter?\"}");
        assertProblem(hidden, 404, "not-found");
        assertProblem(visitorAsk(linkToken, visitor, "{\"documentId\": \"" + payroll + "\", \"text\": \"Pay?\"}"),
                404, "not-found");
        assertProblem(visitorAsk(linkToken, visitor, "{\"documentId\": \"" + UUID.randomUUID()
                + "\", \"text\": \"Pay?\"}"), 404, "not-found");
        assertEquals(Problems.withoutInstance(visitorAsk(linkToken, visitor, "{\"documentId\": \"" + UUID.randomUUID()
                + "\", \"text\": \"x\"}").body()), Problems.withoutInstance(hidden.body()),
                "QA-5: a hidden document is refused as a missing one");
        // published questions of the hidden and the outside documents never reach the visitor, nor a member who
        // cannot see them
        String onHidden = asked(aliceToken, sideLetter, "Side letter terms?").getString("id");
        answered(ownerToken, onHidden, "Published side letter answer", true);
        String onPayroll = asked(bobToken, payroll, "Payroll totals?").getString("id");
        answered(ownerToken, onPayroll, "Published payroll answer", true);
        String onTerms = asked(bobToken, termSheet, "Closing date?").getString("id");
        answered(ownerToken, onTerms, "Published closing answer", true);
        HttpResponse<String> seen = visitorList(linkToken, visitor);
        assertEquals(200, seen.statusCode(), seen.body());
        assertEquals(List.of(onTerms), Http.json(seen).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(q -> q.getString("id")).toList(), "QA-5: only the shown document's question");
        for (String leak : List.of(sideLetter, payroll, "side letter", "Side letter", "payroll", "Payroll", onHidden,
                onPayroll)) {
            assertFalse(seen.body().contains(leak), "QA-5: the visitor's list names " + leak);
        }
        HttpResponse<String> dora = Http.get("/api/v1/datarooms/" + room + "/questions", doraToken);
        assertEquals(200, dora.statusCode(), dora.body());
        assertEquals(List.of(onTerms, onHidden).stream().sorted().toList(), Http.json(dora).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(q -> q.getString("id")).sorted().toList(),
                "QA-5: a member with VIEW on Deal only sees nothing of HR");
        assertFalse(dora.body().contains(payroll) || dora.body().contains("Payroll"));
        assertProblem(answer(doraToken, onPayroll, "x", true), 404, "not-found");
        // a document trashed later takes its questions out of every list
        assertEquals(204, Api.delete("/api/v1/documents/" + termSheet, ownerToken).statusCode());
        assertTrue(find(visitorItems(linkToken, visitor), onTerms).isEmpty());
        assertTrue(find(list(bobToken), onTerms).isEmpty());
    }

    @Test
    void qa6_onlyManagersAnswer() {
        String id = asked(aliceToken, termSheet, "Any warranties?").getString("id");
        assertProblem(answer(aliceToken, id, "I answer myself", true), 403, "forbidden");
        assertProblem(answer(bobToken, id, "I answer for her", true), 404, "not-found");
        assertProblem(answer(nemoToken, id, "me too", true), 404, "not-found");
        assertProblem(answer(ownerToken, UUID.randomUUID().toString(), "nobody's", true), 404, "not-found");
        assertProblem(Http.postJson("/api/v1/questions/" + id + "/answers", null, "{\"text\": \"x\"}"), 401,
                "unauthenticated");
        JsonObject q = find(list(ownerToken), id).orElseThrow();
        assertEquals(List.of(), answerTexts(q), "QA-6: nothing was stored");
        assertEquals("OPEN", q.getString("status"));
        JsonObject a = answered(monaToken, id, "Standard warranties apply.", false);
        assertEquals("Standard warranties apply.", a.getString("text"));
        assertFalse(a.getBoolean("published"));
        assertEquals(List.of("Standard warranties apply."), answerTexts(find(list(aliceToken), id).orElseThrow()));
    }

    @Test
    void qa7_anotherTenantSeesNothing() {
        String id = asked(aliceToken, termSheet, "Tenant secret question").getString("id");
        UUID otherTenant = ItDatabase.tenant("qa-other");
        String foreign = Tokens.accessToken(ItDatabase.user(otherTenant, "f-" + s + "@f.test", "OWNER"));
        assertProblem(ask(foreign, termSheet, "{\"text\": \"Hello?\"}"), 404, "not-found");
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/questions", foreign), 404, "not-found");
        assertProblem(answer(foreign, id, "Hijack", true), 404, "not-found");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from questions"));
        assertEquals(0, ItDatabase.number(otherTenant, "select count(*) from questions"),
                "QA-7: row-level security hides the rows from another tenant, even from the tables' owner");
        assertEquals(0, ItDatabase.number(otherTenant, "select count(*) from answers"));
        assertEquals(2, ItDatabase.number(tenant, "select count(*) from pg_class where relname in ('questions',"
                + " 'answers') and relrowsecurity and relforcerowsecurity"));
        assertEquals(List.of(), find(list(ownerToken), id).orElseThrow().getJsonArray("answers"));
    }

    @Test
    void qa8_theAskerIsMailedWhenAnswered() {
        String id = asked(aliceToken, termSheet, "When is the closing?").getString("id");
        answered(ownerToken, id, "Closing is on 31 March.", false);
        String mail = ItMail.awaitMail(alice.email(), 1);
        assertTrue(mail.contains("When is the closing?") && mail.contains("Closing is on 31 March.")
                && mail.contains("term sheet " + s), "QA-8: the member learns the question, the answer and where: "
                + mail);
        answered(ownerToken, id, "Published: closing on 31 March.", true);
        assertTrue(ItMail.awaitMail(alice.email(), 2).contains("published"), "one mail per answer");
        // a visitor with an email is told, without the answer's text
        JsonObject withEmail = link("{\"target\": {\"type\": \"FOLDER\", \"id\": \"" + deal + "\"},"
                + " \"requireEmail\": true, \"allowQuestions\": true}");
        String email = "buyer-" + s + "@v.test";
        String visitor = ShareLinksIT.visitor(withEmail.getString("token"), "{\"email\": \"" + email + "\"}");
        HttpResponse<String> asked = visitorAsk(withEmail.getString("token"), visitor, "{\"documentId\": \""
                + termSheet + "\", \"text\": \"Is there an escrow?\"}");
        assertEquals(201, asked.statusCode(), asked.body());
        answered(ownerToken, Http.json(asked).getString("id"), "Escrow of 5 percent, confidential.", false);
        String visitorMail = ItMail.awaitMail(email, 1);
        assertTrue(visitorMail.contains("Is there an escrow?") && visitorMail.contains("answered"), visitorMail);
        assertFalse(visitorMail.contains("Escrow of 5 percent"), "QA-8: the visitor's mail keeps the answer back");
        // a manager answering their own question is not mailed
        String own = asked(ownerToken, termSheet, "Note to self").getString("id");
        answered(ownerToken, own, "Done", false);
        ItMail.assertNoMoreMail(owner.email(), 0);
        ItMail.assertNoMoreMail(alice.email(), 2);
    }

    @Test
    void qa9_badInputIsRefusedAndAskersAreThrottled() {
        assertProblem(ask(aliceToken, termSheet, "{}"), 400, "validation");
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"   \"}"), 400, "validation");
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"" + "x".repeat(4001) + "\"}"), 400, "validation");
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"bell\\u0007\"}"), 400, "validation");
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"ok\", \"page\": 0}"), 400, "validation");
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"ok\", \"page\": 1.5}"), 400, "validation");
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"ok\", \"documentId\": \"" + payroll + "\"}"), 400,
                "validation");
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/questions?status=CLOSED", ownerToken), 400,
                "validation");
        String id = asked(aliceToken, termSheet, "x".repeat(4000)).getString("id");
        assertEquals(4000, find(list(aliceToken), id).orElseThrow().getString("text").length());
        assertProblem(answer(ownerToken, id, "", true), 400, "validation");
        assertProblem(answer(ownerToken, id, "x".repeat(10_001), true), 400, "validation");
        assertProblem(Http.postJson("/api/v1/questions/" + id + "/answers", ownerToken, "{\"text\": \"ok\","
                + " \"publish\": \"yes\"}"), 400, "validation");
        String visitor = ShareLinksIT.visitor(linkToken, "{}");
        assertProblem(visitorAsk(linkToken, visitor, "{\"text\": \"no document\"}"), 400, "validation");
        assertProblem(visitorAsk(linkToken, visitor, "{\"documentId\": \"nope\", \"text\": \"x\"}"), 400,
                "validation");
        // the throttle: 20 questions of one asker in 15 minutes (the one above counts)
        for (int i = 2; i <= 20; i++) {
            asked(aliceToken, termSheet, "Question " + i);
        }
        assertProblem(ask(aliceToken, termSheet, "{\"text\": \"One too many\"}"), 429, "rate-limited");
        assertEquals(20, list(aliceToken).size(), "QA-9: the refused question was not stored");
        asked(bobToken, termSheet, "Bob is not throttled by Alice");
        // a visitor's address: one of its own (TEST-NET-1, outside the random addresses of Http.request), fresh per
        // run, so that neither another test's requests nor an earlier run on the same database counts towards it
        int n = new java.util.Random().nextInt(250) + 1;
        Http.clientAddress = "192.0.2." + n + ", 192.0.2." + n;
        try {
            String v = ShareLinksIT.visitor(linkToken, "{}");
            for (int i = 1; i <= 20; i++) {
                assertEquals(201, visitorAsk(linkToken, v, "{\"documentId\": \"" + termSheet + "\", \"text\": \"V"
                        + i + "\"}").statusCode());
            }
            String fresh = ShareLinksIT.visitor(linkToken, "{}");
            assertProblem(visitorAsk(linkToken, fresh, "{\"documentId\": \"" + termSheet + "\", \"text\": \"V21\"}"),
                    429, "rate-limited");
        } finally {
            Http.clientAddress = null;
        }
    }

    @Test
    void qa10_eventsAreRecordedInActivityAndAudit() {
        String id = asked(aliceToken, termSheet, "Secret wording of the question").getString("id");
        String answerId = answered(ownerToken, id, "Secret wording of the answer", true).getString("id");
        String visitor = ShareLinksIT.visitor(linkToken, "{}");
        HttpResponse<String> v = visitorAsk(linkToken, visitor, "{\"documentId\": \"" + termSheet
                + "\", \"text\": \"Visitor wording\"}");
        assertEquals(201, v.statusCode(), v.body());
        JsonArray asked = awaitActivity("question.asked", 2);
        JsonObject byAlice = asked.getValuesAs(JsonObject.class).stream()
                .filter(e -> "USER".equals(e.getJsonObject("actor").getString("type"))).findFirst().orElseThrow();
        assertEquals(alice.id().toString(), byAlice.getJsonObject("actor").getString("id"));
        assertEquals(termSheet, byAlice.getString("documentId"));
        assertEquals(room, byAlice.getString("dataroomId"));
        JsonObject byVisitor = asked.getValuesAs(JsonObject.class).stream()
                .filter(e -> "VISITOR".equals(e.getJsonObject("actor").getString("type"))).findFirst().orElseThrow();
        assertEquals(link.getString("id"), byVisitor.getString("linkId"));
        JsonObject answeredEvent = awaitActivity("question.answered", 1).getJsonObject(0);
        assertEquals(owner.id().toString(), answeredEvent.getJsonObject("actor").getString("id"));
        assertEquals(answerId, answeredEvent.getJsonObject("data").getString("answerId"));
        assertTrue(answeredEvent.getJsonObject("data").getBoolean("published"));
        String all = Http.get("/api/v1/activity?limit=200", ownerToken).body();
        assertFalse(all.contains("Secret wording") || all.contains("Visitor wording"), "QA-10: never the text");
        JsonObject audited = awaitAudit("question.answered");
        assertEquals("question", audited.getString("objectType"));
        assertEquals(id, audited.getString("objectId"));
        assertEquals(owner.id().toString(), audited.getJsonObject("actor").getString("id"));
        JsonObject auditedAsk = awaitAudit("question.asked");
        assertEquals("question", auditedAsk.getString("objectType"));
    }

    JsonArray awaitActivity(String type, int count) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = Http.get("/api/v1/activity?type=" + type + "&dataroomId=" + room, ownerToken);
            assertEquals(200, r.statusCode(), r.body());
            JsonArray items = Http.json(r).getJsonArray("items");
            if (items.size() >= count) {
                return items;
            }
            if (System.nanoTime() > until) {
                fail("QA-10: no " + count + " " + type + " within 10 s: " + items);
            }
            ActivityIT.sleep(200);
        }
    }

    JsonObject awaitAudit(String action) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonArray items = AuditIT.entries(ownerToken, "?action=" + action);
            if (!items.isEmpty()) {
                return items.getJsonObject(0);
            }
            if (System.nanoTime() > until) {
                fail("QA-10: no audit entry " + action + " within 10 s");
            }
            ActivityIT.sleep(200);
        }
    }
}
