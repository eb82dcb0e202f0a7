package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Automation rules, the onboarding mail, debounced notifications and the digest (docs/features/automation.md). */
class AutomationIT {

    static final String PASSWORD = "correct horse battery staple 42";

    UUID tenant;
    String s;
    ItDatabase.User owner;
    ItDatabase.User admin;
    ItDatabase.User member;
    String ownerToken;
    String adminToken;
    String memberToken;
    String room;

    @BeforeEach
    void setUp() {
        ItMail.start();
        tenant = ItDatabase.tenant("auto");
        s = UUID.randomUUID().toString().substring(0, 8);
        owner = ItDatabase.user(tenant, "owner-" + s + "@auto.test", "OWNER");
        admin = ItDatabase.user(tenant, "admin-" + s + "@auto.test", "ADMIN");
        member = ItDatabase.user(tenant, "member-" + s + "@auto.test", "MEMBER");
        ownerToken = Tokens.accessToken(owner);
        adminToken = Tokens.accessToken(admin);
        memberToken = Tokens.accessToken(member);
        room = DataRoomsIT.createRoom(ownerToken, "Deal " + s).getString("id");
    }

    @AfterEach
    void clock() {
        ItClock.reset();
        Http.clientAddress = null;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    HttpResponse<String> postRule(String token, String json) {
        return Http.postJson("/api/v1/automations", token, json);
    }

    String rule(String json) {
        HttpResponse<String> r = postRule(adminToken, json);
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    String mailRule(String trigger, String conditions, String to, String extra) {
        return rule("{\"name\": \"Tell " + to + "\", \"trigger\": \"" + trigger + "\", \"conditions\": " + conditions
                + ", \"action\": {\"type\": \"EMAIL\", \"to\": [\"" + to + "\"]" + (extra == null ? "" : ", " + extra)
                + "}}");
    }

    JsonObject link(String extra) {
        String doc = AuditIT.upload(ownerToken, room, "deck-" + UUID.randomUUID().toString().substring(0, 6)
                + ".txt", "the deck".getBytes());
        HttpResponse<String> r = Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\": \"DATAROOM\","
                + " \"id\": \"" + room + "\"}, \"name\": \"Investor link " + s + "\"" + (extra == null ? "" : ", " + extra)
                + "}");
        assertEquals(201, r.statusCode(), r.body() + doc);
        return Http.json(r);
    }

    static void open(String token, int times) {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> r = ShareLinksIT.open(token);
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    String address(String who) {
        return who + "-" + s + "@inbox.test";
    }

    /** Waits until {@code to} has {@code count} mails (up to {@code seconds}), then that no more come. */
    static List<MimeMessage> exactly(String to, int count, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (ItMail.mailsTo(to).size() < count && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        ItMail.assertNoMoreMail(to, count);
        return ItMail.mailsTo(to);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }

    // ---- API: authorization, validation, tenancy ------------------------------------------------------------------

    @Test
    void auto1_aMemberIsRefusedEvenWithABadBody_andAdminsAndOwnersMayWrite() {
        assertProblem(postRule(memberToken, "{\"bogus\": true}"), 403, "forbidden");
        assertProblem(Http.get("/api/v1/automations", memberToken), 403, "forbidden");
        String id = mailRule("link.opened", "{}", address("ops"), null);
        assertProblem(Http.get("/api/v1/automations/" + id, memberToken), 403, "forbidden");
        assertProblem(Http.patchJson("/api/v1/automations/" + id, memberToken, "{\"enabled\": false}"), 403,
                "forbidden");
        assertProblem(Api.delete("/api/v1/automations/" + id, memberToken), 403, "forbidden");
        HttpResponse<String> byOwner = postRule(ownerToken, "{\"name\": \"n\", \"trigger\": \"dataroom.created\","
                + " \"action\": {\"type\": \"NOTE\", \"text\": \"a room\"}}");
        assertEquals(201, byOwner.statusCode(), byOwner.body());
        JsonObject got = Http.json(Http.get("/api/v1/automations/" + id, ownerToken));
        assertEquals("link.opened", got.getString("trigger"));
        assertEquals(address("ops"), got.getJsonObject("action").getJsonArray("to").getString(0));
        assertFalse(got.getBoolean("builtIn"));
    }

    @Test
    void auto2_auto3_auto4_unknownTriggerActionOrFieldIs400() {
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"document.exploded\", \"action\":"
                + " {\"type\": \"NOTE\", \"text\": \"t\"}}"), 400, "validation");
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"link.opened\", \"action\":"
                + " {\"type\": \"SMS\", \"to\": [\"+100\"]}}"), 400, "validation");
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"link.opened\", \"action\":"
                + " {\"type\": \"NOTE\", \"text\": \"t\"}, \"tenantId\": \"" + UUID.randomUUID() + "\"}"), 400,
                "validation");
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"link.opened\", \"conditions\":"
                + " {\"ip\": \"1.2.3.4\"}, \"action\": {\"type\": \"NOTE\", \"text\": \"t\"}}"), 400, "validation");
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"link.opened\", \"action\":"
                + " {\"type\": \"NOTE\", \"text\": \"t\", \"url\": \"http://x\"}}"), 400, "validation");
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"link.opened\", \"action\":"
                + " {\"type\": \"EMAIL\", \"to\": [\"not an address\"]}}"), 400, "validation");
        assertProblem(postRule(adminToken, "{\"name\": \"n\", \"trigger\": \"link.opened\", \"action\":"
                + " {\"type\": \"WEBHOOK\"}}"), 400, "validation");
        String id = mailRule("link.opened", "{}", address("ops"), null);
        assertProblem(Http.patchJson("/api/v1/automations/" + id, adminToken, "{\"trigger\": \"nope\"}"), 400,
                "validation");
        assertProblem(Http.patchJson("/api/v1/automations/" + id, adminToken, "{\"createdBy\": \"x\"}"), 400,
                "validation");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from automation_rules where built_in is null"
                + " and trigger <> 'link.opened'"));
    }

    @Test
    void auto5_auto7_anotherTenantsRuleIsNotFound_andTheRowLevelWallHolds() {
        String id = mailRule("link.opened", "{}", address("ops"), null);
        UUID other = ItDatabase.tenant("auto-other");
        String otherAdmin = Tokens.accessToken(ItDatabase.user(other, "admin-" + s + "@other.test", "ADMIN"));
        HttpResponse<String> missing = Http.get("/api/v1/automations/" + UUID.randomUUID(), otherAdmin);
        HttpResponse<String> foreign = Http.get("/api/v1/automations/" + id, otherAdmin);
        assertProblem(foreign, 404, "not-found");
        assertEquals(Http.json(missing).getString("detail"), Http.json(foreign).getString("detail"));
        assertProblem(Http.patchJson("/api/v1/automations/" + id, otherAdmin, "{\"enabled\": false}"), 404,
                "not-found");
        assertProblem(Api.delete("/api/v1/automations/" + id, otherAdmin), 404, "not-found");
        JsonArray theirs = Http.json(Http.get("/api/v1/automations", otherAdmin)).getJsonArray("items");
        assertTrue(theirs.stream().noneMatch(v -> v.asJsonObject().getString("id").equals(id)), theirs.toString());
        // the database wall: as the other tenant, an unfiltered query sees none of this tenant's rules
        assertEquals(0, ItDatabase.number(other, "select count(*) from automation_rules where id = ?",
                UUID.fromString(id)));
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from automation_rules where id = ?",
                UUID.fromString(id)));
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from automation_rules where enabled"
                + " and id = ?", UUID.fromString(id)), "the rule is untouched");
    }

    // ---- firing ---------------------------------------------------------------------------------------------------

    @Test
    void auto11_aRuleFiresOncePerEvent() {
        JsonObject link = link(null);
        String to = address("once");
        mailRule("link.opened", "{}", to, "\"debounceMinutes\": 0");
        open(link.getString("token"), 3);
        List<MimeMessage> mails = exactly(to, 3, 15);
        String text = body(mails.get(0));
        assertTrue(text.contains("link.opened"), text);
        assertTrue(text.contains("Investor link " + s), text);
        assertFalse(text.contains(link.getString("token")), "never the link's token: " + text);
        assertEquals(3, ItDatabase.number(tenant, "select count(*) from automation_firings"));
    }

    @Test
    void auto14_conditionsOnRoomLinkAndEmailDomainMustMatch() throws Exception {
        JsonObject first = link("\"requireEmail\": true, \"ndaText\": \"Keep it secret.\"");
        JsonObject second = link(null);
        String onFirst = address("first");
        String onSecond = address("second");
        String otherRoom = address("otherroom");
        String sameRoom = address("sameroom");
        String domain = address("domain");
        mailRule("link.opened", "{\"linkId\": \"" + first.getString("id") + "\"}", onFirst, "\"debounceMinutes\": 0");
        mailRule("link.opened", "{\"linkId\": \"" + second.getString("id") + "\"}", onSecond, "\"debounceMinutes\": 0");
        String room2 = DataRoomsIT.createRoom(ownerToken, "Other " + s).getString("id");
        mailRule("link.opened", "{\"dataroomId\": \"" + room2 + "\"}", otherRoom, "\"debounceMinutes\": 0");
        mailRule("link.opened", "{\"dataroomId\": \"" + room + "\"}", sameRoom, "\"debounceMinutes\": 0");
        mailRule("nda.accepted", "{\"emailDomain\": \"good-" + s + ".test\"}", domain, null);
        open(first.getString("token"), 2);
        ShareLinksIT.visitor(first.getString("token"), "{\"email\": \"a@good-" + s + ".test\", \"ndaAccepted\": true}");
        ShareLinksIT.visitor(first.getString("token"), "{\"email\": \"b@bad-" + s + ".test\", \"ndaAccepted\": true}");
        exactly(onFirst, 2, 15);
        exactly(sameRoom, 2, 5);
        String text = body(exactly(domain, 1, 10).get(0));
        assertTrue(text.contains("a@good-" + s + ".test"), text);
        assertEquals(0, ItMail.mailsTo(onSecond).size());
        assertEquals(0, ItMail.mailsTo(otherRoom).size());
    }

    @Test
    void auto15_aCountWithinAWindowFiresFromTheNthOccurrenceOnly() {
        JsonObject link = link(null);
        String to = address("count");
        mailRule("link.opened", "{\"count\": {\"atLeast\": 3, \"withinMinutes\": 60}}", to, "\"debounceMinutes\": 0");
        Http.clientAddress = "198.51.100.31"; // link.opened has no session yet: the address is the visitor
        open(link.getString("token"), 2);
        Http.clientAddress = "198.51.100.32";
        open(link.getString("token"), 2); // another visitor's opens do not add up with the first's
        exactly(to, 0, 3);
        Http.clientAddress = "198.51.100.31";
        exactly(to, 0, 3);
        open(link.getString("token"), 1);
        exactly(to, 1, 10);
        ItClock.advance(Duration.ofMinutes(61));
        open(link.getString("token"), 1); // the three before are out of the window: 1 of 3
        exactly(to, 1, 3);
    }

    @Test
    void auto27_noVisitorEmailLiesInAutomationsTablesInPlainText() {
        JsonObject link = link("\"requireEmail\": true, \"ndaText\": \"Keep it secret.\"");
        String to = address("plain");
        mailRule("nda.accepted", "{\"count\": {\"atLeast\": 1, \"withinMinutes\": 60}}", to, null);
        String email = "private-" + s + "@person.test";
        ShareLinksIT.visitor(link.getString("token"), "{\"email\": \"" + email + "\", \"ndaAccepted\": true}");
        assertTrue(body(exactly(to, 1, 10).get(0)).contains(email));
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from automation_counts"));
        for (String table : List.of("automation_counts", "automation_debounce", "automation_firings")) {
            assertEquals(0, ItDatabase.number(tenant, "select count(*) from " + table + " t where cast(row_to_json(t)"
                    + " as text) ilike ?", "%" + email + "%"), table);
        }
    }

    @Test
    void auto16_viewNotificationsAreDebouncedPerLinkAndVisitor() {
        JsonObject link = link(null);
        String to = address("debounce");
        mailRule("link.opened", "{}", to, null); // default window: 60 minutes
        Http.clientAddress = "198.51.100.41"; // link.opened has no session yet: the address is the visitor
        open(link.getString("token"), 3);
        exactly(to, 1, 10);
        Http.clientAddress = "198.51.100.42";
        open(link.getString("token"), 1);
        exactly(to, 2, 10); // another visitor: a mail of its own
        Http.clientAddress = "198.51.100.41";
        ItClock.advance(Duration.ofMinutes(30));
        open(link.getString("token"), 1);
        exactly(to, 2, 3);
        ItClock.advance(Duration.ofMinutes(61));
        open(link.getString("token"), 1);
        exactly(to, 3, 10);
    }

    @Test
    void auto10_theHotPathAsksTheRulesOncePerChangeNotOncePerEvent_andSeesARuleMadeElsewhereAtTheNextEvent() {
        JsonObject link = link(null);
        rule("{\"name\": \"Other type\", \"trigger\": \"document.downloaded\", \"action\": {\"type\": \"NOTE\","
                + " \"text\": \"t\"}}");
        sleep(1500); // outbox work of earlier tests done
        // this tenant's evaluation would be outbox work of its own; the routing question is asked of the database at
        // most once for the three events (then kept under the tenant's access generation, FD-34)
        String work = "select count(*) from outbox where tenant_id = cast(? as uuid) and kind = 'automation'";
        long workBefore = ItDatabase.number(tenant, work, tenant.toString());
        java.util.Map<String, Long> before = ItDatabase.statements();
        open(link.getString("token"), 3);
        sleep(1500);
        java.util.Map<String, Long> after = ItDatabase.statements();
        long routing = 0;
        long perEvent = 0;
        for (var e : after.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 0 && e.getKey().contains("from automation_rules") && e.getKey().contains("distinct trigger")) {
                routing += n;
            }
            if (n > 0 && e.getKey().contains("from automation_rules") && e.getKey().contains("limit")) {
                perEvent += n;
            }
        }
        assertTrue(routing <= 1, "three events asked the rules " + routing + " times");
        assertEquals(0, perEvent, "no query per event");
        assertEquals(workBefore, ItDatabase.number(tenant, work, tenant.toString()),
                "no evaluation without a rule of the type");
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from automation_firings"));

        // a rule written by another instance (here: straight into the shared database) raises the generation, and
        // the next event here is routed to it
        assertEquals(1, ItDatabase.execute(tenant, "insert into automation_rules (id, tenant_id, name, trigger,"
                        + " conditions, action, enabled, created_at, updated_at) values (cast(? as uuid),"
                        + " cast(? as uuid), 'Elsewhere', 'link.opened', '{}'::jsonb,"
                        + " '{\"type\": \"NOTE\", \"text\": \"seen elsewhere\"}'::jsonb, true, now(), now())",
                UUID.randomUUID().toString(), tenant.toString()));
        open(link.getString("token"), 1);
        assertEquals(workBefore + 1, ItDatabase.number(tenant, work, tenant.toString()),
                "the next event after a rule made elsewhere is evaluated");
        Instant deadline = Instant.now().plusSeconds(10);
        while (ItDatabase.number(tenant, "select count(*) from automation_firings") < 1
                && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from automation_firings"), "and it acted once");
    }

    @Test
    void auto28_pageTimeBeaconsAreNoViews_andCostTheBeaconPathNoQuery() throws Exception {
        String doc = AuditIT.upload(ownerToken, room, "deck.pdf", DocumentsIT.pdf(2, 612, 792));
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"DOCUMENT\", \"id\": \"" + doc + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
        String token = Http.json(created).getString("token");
        String to = address("viewed");
        mailRule("document.viewed", "{\"documentId\": \"" + doc + "\"}", to, "\"debounceMinutes\": 0");
        String vt = ShareLinksIT.visitor(token, "{}");
        HttpResponse<byte[]> page = ShareLinksIT.bytes("/api/v1/public/links/" + token + "/documents/" + doc
                + "/pages/1", vt);
        assertEquals(200, page.statusCode());
        exactly(to, 1, 20);
        // the rule's own work for this tenant (outbox rows are kept after they are done) and the observer's hot-path
        // query (other tenants' failing rules are retried by the outbox meanwhile: their evaluation queries are theirs)
        String work = "select count(*) from outbox where tenant_id = cast(? as uuid) and kind = 'automation'";
        long workBefore = ItDatabase.number(tenant, work, tenant.toString());
        java.util.Map<String, Long> before = ItDatabase.statements();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> beacon = ShareLinksIT.visitorPost("/api/v1/public/links/" + token + "/events", vt,
                    "[{\"docId\": \"" + doc + "\", \"page\": 1, \"seconds\": 5}]");
            assertEquals(202, beacon.statusCode(), beacon.body());
        }
        exactly(to, 1, 3);
        java.util.Map<String, Long> after = ItDatabase.statements();
        after.forEach((query, calls) -> {
            if (query.contains("automation_") && query.contains("limit")) {
                assertEquals(before.getOrDefault(query, 0L), calls, "beacons ran " + query);
            }
        });
        assertEquals(workBefore, ItDatabase.number(tenant, work, tenant.toString()), "no rule work for beacons");
    }

    @Test
    void auto12_aDisabledRuleDoesNothing() {
        JsonObject link = link(null);
        String to = address("disabled");
        String id = rule("{\"name\": \"off\", \"trigger\": \"link.opened\", \"enabled\": false, \"action\":"
                + " {\"type\": \"EMAIL\", \"to\": [\"" + to + "\"], \"debounceMinutes\": 0}}");
        open(link.getString("token"), 2);
        exactly(to, 0, 3);
        HttpResponse<String> on = Http.patchJson("/api/v1/automations/" + id, adminToken, "{\"enabled\": true}");
        assertEquals(200, on.statusCode(), on.body());
        open(link.getString("token"), 1);
        exactly(to, 1, 10);
        assertEquals(204, Api.delete("/api/v1/automations/" + id, adminToken).statusCode());
        open(link.getString("token"), 1);
        exactly(to, 1, 3);
    }

    @Test
    void auto17_mailToAMemberIdGoesToTheirAddress() {
        JsonObject link = link(null);
        mailRule("link.opened", "{}", admin.id().toString(), null);
        open(link.getString("token"), 1);
        exactly(admin.email(), 1, 10);
    }

    @Test
    void auto24_revokeLinkRevokesItAndTheVisitorIsRefused() {
        JsonObject link = link("\"requireEmail\": true, \"ndaText\": \"Keep it secret.\"");
        String token = link.getString("token");
        String vt = ShareLinksIT.visitor(token, "{\"email\": \"friend@ok-" + s + ".test\", \"ndaAccepted\": true}");
        assertEquals(200, ShareLinksIT.visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode());
        rule("{\"name\": \"Competitor\", \"trigger\": \"nda.accepted\", \"conditions\": {\"emailDomain\":"
                + " \"rival-" + s + ".test\"}, \"action\": {\"type\": \"REVOKE_LINK\"}}");
        HttpResponse<String> rival = ShareLinksIT.session(token, "{\"email\": \"spy@rival-" + s + ".test\","
                + " \"ndaAccepted\": true}");
        assertEquals(201, rival.statusCode(), "the visitor's own request is not undone: " + rival.body());
        Instant deadline = Instant.now().plusSeconds(10);
        while (ShareLinksIT.open(token).statusCode() != 404 && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        assertProblem(ShareLinksIT.open(token), 404, "not-found");
        assertEquals(404, ShareLinksIT.visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode(),
                "the earlier visitor is refused too");
        JsonObject revoked = AuditIT.only(AuditIT.entries(ownerToken, "?action=share-link.revoked"));
        assertEquals("SYSTEM", revoked.getJsonObject("actor").getString("type"));
        assertEquals(link.getString("id"), revoked.getString("objectId"));
    }

    @Test
    void auto25_aNoteAppearsInTheStream() {
        JsonObject link = link(null);
        rule("{\"name\": \"Note opens\", \"trigger\": \"link.opened\", \"action\": {\"type\": \"NOTE\","
                + " \"text\": \"opened again\"}}");
        open(link.getString("token"), 2);
        Instant deadline = Instant.now().plusSeconds(10);
        while (AuditIT.entries(ownerToken, "?action=automation.note").size() < 2 && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        JsonArray notes = AuditIT.entries(ownerToken, "?action=automation.note");
        assertEquals(2, notes.size(), notes.toString());
        assertEquals("SYSTEM", notes.getJsonObject(0).getJsonObject("actor").getString("type"));
    }

    @Test
    void auto13_auto26_aFailingActionUndoesNothing_andOtherRulesStillAct() {
        String to = address("upload");
        // a webhook deleted after the rule was written: the WEBHOOK action fails at every try
        HttpResponse<String> hook = Http.postJson("/api/v1/webhooks", adminToken,
                "{\"url\": \"http://127.0.0.1:9/gone\", \"events\": [\"user.created\"]}");
        assertEquals(201, hook.statusCode(), hook.body());
        String hookId = Http.json(hook).getString("id");
        rule("{\"name\": \"Hook\", \"trigger\": \"document.uploaded\", \"action\": {\"type\": \"WEBHOOK\","
                + " \"webhookId\": \"" + hookId + "\"}}");
        assertEquals(204, Api.delete("/api/v1/webhooks/" + hookId, adminToken).statusCode());
        mailRule("document.uploaded", "{}", to, null);
        String doc = AuditIT.upload(ownerToken, room, "kept.txt", "kept".getBytes());
        exactly(to, 1, 10);
        assertEquals(200, Http.get("/api/v1/documents/" + doc, ownerToken).statusCode(), "the upload stands");
        // REVOKE_LINK of a link revoked already: the user's revocation stands, nothing fires twice
        JsonObject link = link(null);
        rule("{\"name\": \"Revoke\", \"trigger\": \"share-link.revoked\", \"action\": {\"type\": \"REVOKE_LINK\"}}");
        assertEquals(204, Api.delete("/api/v1/share-links/" + link.getString("id"), ownerToken).statusCode());
        sleep(1500);
        assertEquals(1, AuditIT.entries(ownerToken, "?action=share-link.revoked").size());
        assertEquals("USER", AuditIT.only(AuditIT.entries(ownerToken, "?action=share-link.revoked"))
                .getJsonObject("actor").getString("type"));
    }

    @Test
    void auto26_aWebhookActionDeliversTheEventToItsWebhookOnce_andAnUnknownWebhookIsRefused() throws Exception {
        assertProblem(postRule(adminToken, "{\"name\": \"Nowhere\", \"trigger\": \"document.uploaded\","
                + " \"action\": {\"type\": \"WEBHOOK\", \"webhookId\": \"" + UUID.randomUUID() + "\"}}"),
                400, "validation");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // subscribed to another type: what arrives comes from the rule, not from a subscription
            HttpResponse<String> hook = Http.postJson("/api/v1/webhooks", adminToken, "{\"url\": \"" + receiver.url()
                    + "\", \"events\": [\"user.created\"]}");
            assertEquals(201, hook.statusCode(), hook.body());
            JsonObject webhook = Http.json(hook);
            rule("{\"name\": \"Hook\", \"trigger\": \"document.uploaded\", \"action\": {\"type\": \"WEBHOOK\","
                    + " \"webhookId\": \"" + webhook.getString("id") + "\"}}");
            String doc = AuditIT.upload(ownerToken, room, "hooked.txt", "hooked".getBytes());
            WebhooksIT.await(() -> receiver.received.size() >= 1, java.time.Duration.ofSeconds(10),
                    "the rule's delivery arrives within 10 s");
            sleep(1500);
            assertEquals(1, receiver.received.size(), "one delivery for one event");
            WebhookReceiver.Received r = receiver.received.get(0);
            JsonObject body = Http.json(new WebhooksIT.FakeResponse(r.body()));
            assertEquals("document.uploaded", body.getString("type"));
            assertEquals(doc, body.getString("documentId"));
            assertEquals(WebhooksIT.hmac(webhook.getString("secret"), r.timestamp(), r.body()), r.signature(),
                    "signed like every delivery");
        }
    }

    // ---- onboarding ---------------------------------------------------------------------------------------------

    @Test
    void auto21_auto22_anInvitedUserGetsOneWelcome_theBuiltInRuleCanBeDisabledNotDeleted() {
        JsonArray items = Http.json(Http.get("/api/v1/automations", adminToken)).getJsonArray("items");
        JsonObject builtIn = items.stream().map(JsonObject.class::cast).filter(r -> r.getBoolean("builtIn"))
                .findFirst().orElseThrow(() -> new AssertionError("no built-in rule: " + items));
        assertEquals("user.created", builtIn.getString("trigger"));
        assertTrue(builtIn.getBoolean("enabled"));
        String id = builtIn.getString("id");
        assertProblem(Api.delete("/api/v1/automations/" + id, adminToken), 409, "conflict");
        assertProblem(Http.patchJson("/api/v1/automations/" + id, adminToken, "{\"trigger\": \"link.opened\"}"), 400,
                "validation");

        String invitee = "new-" + s + "@auto.test";
        assertEquals(201, InvitationsIT.invite(adminToken, invitee, "MEMBER").statusCode());
        String token = ItMail.token(ItMail.awaitMail(invitee, 1));
        HttpResponse<String> accepted = InvitationsIT.accept(token);
        assertEquals(201, accepted.statusCode(), accepted.body());
        List<MimeMessage> mails = exactly(invitee, 2, 10);
        String welcome = body(mails.get(1));
        assertTrue(welcome.contains("is ready"), welcome);
        assertFalse(welcome.contains("token="), "the welcome carries no secret: " + welcome);

        HttpResponse<String> off = Http.patchJson("/api/v1/automations/" + id, adminToken, "{\"enabled\": false}");
        assertEquals(200, off.statusCode(), off.body());
        assertFalse(Http.json(off).getBoolean("enabled"));
        String second = "next-" + s + "@auto.test";
        assertEquals(201, InvitationsIT.invite(adminToken, second, "MEMBER").statusCode());
        assertEquals(201, InvitationsIT.accept(ItMail.token(ItMail.awaitMail(second, 1))).statusCode());
        exactly(second, 1, 3);
    }

    @Test
    void auto21_aSignupGetsTheVerificationMailOnly() {
        String slug = "auto-" + s;
        String email = "founder-" + s + "@auto.test";
        HttpResponse<String> r = Http.postJson("/api/v1/auth/signup", null, "{\"tenantName\": \"Acme " + s
                + "\", \"tenantSlug\": \"" + slug + "\", \"email\": \"" + email + "\", \"password\": \"" + PASSWORD
                + "\", \"displayName\": \"Ada\"}");
        assertEquals(202, r.statusCode(), r.body());
        String verification = body(exactly(email, 1, 10).get(0));
        assertTrue(verification.contains("verify-email?token="), verification);
    }

    // ---- digest ---------------------------------------------------------------------------------------------------

    @Test
    void auto19_auto20_theDigestGoesOncePerDayToOptedInUsersWithTheirCounts() {
        JsonObject link = link(null);
        HttpResponse<String> optIn = Api.put("/api/v1/automations/digest", ownerToken, "{\"enabled\": true}");
        assertEquals(200, optIn.statusCode(), optIn.body());
        assertTrue(Http.json(Http.get("/api/v1/automations/digest", ownerToken)).getBoolean("enabled"));
        assertFalse(Http.json(Http.get("/api/v1/automations/digest", memberToken)).getBoolean("enabled"));
        assertProblem(Api.put("/api/v1/automations/digest", ownerToken, "{\"enabled\": true, \"hour\": 3}"), 400,
                "validation");
        // the server's clock at 07:30 UTC or later, so the day's digests are due
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Duration ahead = now.getHour() >= 7 ? Duration.ZERO
                : Duration.between(now, now.withHour(7).withMinute(30).withSecond(0));
        ItClock.advance(ahead);
        Instant serverNow = Instant.now().plus(ahead);
        UUID linkId = UUID.fromString(link.getString("id"));
        for (int i = 0; i < 3; i++) {
            activity("link.opened", linkId, null, null, serverNow.minus(Duration.ofMinutes(30 + i)));
        }
        activity("document.viewed", linkId, "v1@seen.test", UUID.randomUUID(), serverNow.minus(Duration.ofMinutes(20)));
        activity("document.viewed", linkId, "v2@seen.test", UUID.randomUUID(), serverNow.minus(Duration.ofMinutes(19)));
        activity("document.downloaded", linkId, "v2@seen.test", UUID.randomUUID(),
                serverNow.minus(Duration.ofMinutes(18)));
        activity("link.opened", linkId, null, null, serverNow.minus(Duration.ofHours(30))); // older than a day
        String text = body(exactly(owner.email(), 1, 45).get(0));
        assertTrue(text.contains("Investor link " + s + " (" + linkId + "): 3 views, 2 visitors, 1 downloads"), text);
        sleep(25_000); // at least one more timer run the same day
        assertEquals(1, ItMail.mailsTo(owner.email()).size(), "one digest a day");
        assertEquals(0, ItMail.mailsTo(member.email()).size(), "not opted in: no digest");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from automation_digests_sent"));
    }

    void activity(String type, UUID link, String email, UUID session, Instant at) {
        ItDatabase.execute(tenant, "insert into activity_events (id, tenant_id, at, type, actor_type, actor_email,"
                        + " link_id, session_id, room_id) values (?, ?, ?, ?, 'VISITOR', ?, ?, ?, ?)", UUID.randomUUID(),
                tenant, java.sql.Timestamp.from(at), type, email, link, session, UUID.fromString(room));
    }

    @Test
    void auto18_listsArePagedWithACursor() {
        for (int i = 0; i < 3; i++) {
            mailRule("link.opened", "{}", address("page" + i), null);
        }
        JsonObject first = Http.json(Http.get("/api/v1/automations?limit=2", adminToken));
        assertEquals(2, first.getJsonArray("items").size());
        String cursor = first.getString("nextCursor");
        JsonObject rest = Http.json(Http.get("/api/v1/automations?limit=2&cursor=" + cursor, adminToken));
        assertEquals(2, rest.getJsonArray("items").size(), "3 rules and the built-in one");
        assertTrue(rest.isNull("nextCursor"));
    }
}
