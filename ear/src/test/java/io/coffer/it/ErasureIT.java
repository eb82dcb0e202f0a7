package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /privacy/erasure (docs/features/activity.md, ACT-12..ACT-15). */
class ErasureIT {

    @BeforeAll
    static void mail() {
        ItMail.start();
    }

    @AfterEach
    void address() {
        Http.clientAddress = null;
    }

    /**
     * Every (table, column) of the schema whose text holds {@code needle} in any case, as {@code tenant} (row-level
     * security holds the owner role too): each text, varchar, char, json and jsonb column of every table.
     */
    static List<String> traces(UUID tenant, String needle) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set local coffer.tenant = '" + tenant + "'");
            }
            List<String[]> columns = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("select c.table_name, c.column_name"
                    + " from information_schema.columns c join information_schema.tables t"
                    + " on t.table_schema = c.table_schema and t.table_name = c.table_name"
                    + " where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in"
                    + " ('text', 'character varying', 'character', 'json', 'jsonb')")) {
                while (r.next()) {
                    columns.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
            assertTrue(columns.size() > 50, "the schema's text columns: " + columns.size());
            for (String[] col : columns) {
                try (PreparedStatement p = c.prepareStatement("select count(*) from \"" + col[0] + "\" where"
                        + " strpos(lower(cast(\"" + col[1] + "\" as text)), lower(?)) > 0")) {
                    p.setString(1, needle);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        if (r.getLong(1) > 0) {
                            found.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
            c.rollback();
        }
        return found;
    }

    static Map<String, Long> counts(UUID tenant, String link) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("activity", ItDatabase.number(tenant, "select count(*) from activity_events"
                + " where type <> 'privacy.erased'")); // the erasure's own row comes on top
        counts.put("views", ItDatabase.number(tenant, "select count(*) from activity_events where type ="
                + " 'document.viewed'"));
        counts.put("sessions", ItDatabase.number(tenant, "select count(*) from visitor_sessions"));
        counts.put("ndas", ItDatabase.number(tenant, "select count(*) from nda_acceptances"));
        counts.put("linkViews", (long) Http.json(Http.get("/api/v1/share-links/" + link, Tokens.accessToken(
                ItDatabase.user(tenant, "probe-" + UUID.randomUUID().toString().substring(0, 6) + "@e.test",
                        "ADMIN")))).getInt("views"));
        return counts;
    }

    @Test
    void act12_act13_act14_act15_erasureLeavesNoTraceOfTheEmailKeepsTheCountsAndIsAuditedWithoutIt()
            throws Exception {
        UUID tenant = ItDatabase.tenant("erasure");
        String s = UUID.randomUUID().toString().substring(0, 6);
        ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + s + "@erasure.test", "OWNER");
        ItDatabase.User admin = ItDatabase.user(tenant, "admin-" + s + "@erasure.test", "ADMIN");
        ItDatabase.User member = ItDatabase.user(tenant, "member-" + s + "@erasure.test", "MEMBER");
        String ownerToken = Tokens.accessToken(owner);
        String adminToken = Tokens.accessToken(admin);
        String room = Api.room(ownerToken, "Deal " + s);
        String doc = ActivityIT.uploadRaw(ownerToken, room, "deck.pdf", DocumentsIT.pdf(2, 612, 792));
        JsonObject ndaLink = ActivityIT.link(ownerToken, doc, "\"requireEmail\": true, \"ndaText\": \"Secret.\","
                + " \"allowDownload\": true");
        JsonObject codeLink = ActivityIT.link(ownerToken, doc, "\"requireEmail\": true, \"verifyEmail\": true,"
                + " \"password\": \"pw one\"");
        String email = "Erase.Me-" + s + "@Visitor.test";
        String address = "192.0.2." + (10 + new java.util.Random().nextInt(200));
        String kept = "keep-" + s + "@visitor.test";

        // the visitor to erase: a session with the NDA, page views, a download, a refused password, an email code
        Http.clientAddress = address;
        String vt = ShareLinksIT.visitor(ndaLink.getString("token"), "{\"email\": \"" + email + "\","
                + " \"ndaAccepted\": true}");
        assertEquals(200, ShareLinksIT.visitorGet("/api/v1/public/links/" + ndaLink.getString("token") + "/documents/"
                + doc + "/pages/1", vt).statusCode());
        assertEquals(200, ShareLinksIT.bytes("/api/v1/public/links/" + ndaLink.getString("token") + "/documents/"
                + doc + "/content", vt).statusCode());
        assertEquals(401, ShareLinksIT.session(codeLink.getString("token"), "{\"email\": \"" + email.toLowerCase()
                + "\", \"password\": \"wrong\"}").statusCode());
        HttpResponse<String> asked = ShareLinksIT.session(codeLink.getString("token"), "{\"email\": \""
                + email.toUpperCase() + "\", \"password\": \"pw one\"}");
        assertEquals(401, asked.statusCode(), asked.body());
        ItMail.awaitMail(email.toLowerCase(), 1);
        // another visitor, who stays
        Http.clientAddress = "198.51.100.200";
        String other = ShareLinksIT.visitor(ndaLink.getString("token"), "{\"email\": \"" + kept + "\","
                + " \"ndaAccepted\": true}");
        assertEquals(200, ShareLinksIT.visitorGet("/api/v1/public/links/" + ndaLink.getString("token")
                + "/documents/" + doc + "/pages/1", other).statusCode());
        Http.clientAddress = null;

        List<String> before = traces(tenant, email);
        for (String table : List.of("activity_events.actor_email", "visitor_sessions.email", "nda_acceptances.email",
                "email_codes.email")) {
            assertTrue(before.contains(table), "the scan finds the email before: " + before);
        }
        assertFalse(traces(tenant, address).isEmpty(), "and the visitor's address");
        Map<String, Long> countsBefore = counts(tenant, ndaLink.getString("id"));

        // authorization first, then the body
        assertProblem(Http.postJson("/api/v1/privacy/erasure", Tokens.accessToken(member), "{\"email\": \"" + email
                + "\"}"), 403, "forbidden");
        assertProblem(Http.postJson("/api/v1/privacy/erasure", null, "{\"email\": \"" + email + "\"}"), 401,
                "unauthenticated");
        assertProblem(Http.postJson("/api/v1/privacy/erasure", adminToken, "{\"email\": \"not an email\"}"), 400,
                "validation");
        assertProblem(Http.postJson("/api/v1/privacy/erasure", adminToken, "{\"email\": \"" + email
                + "\", \"also\": 1}"), 400, "validation");
        assertTrue(traces(tenant, email).containsAll(before), "refused requests erase nothing");

        HttpResponse<String> erased = Http.postJson("/api/v1/privacy/erasure", adminToken, "{\"email\": \""
                + email.toLowerCase() + "\"}");
        assertEquals(202, erased.statusCode(), erased.body());

        // done when answered (well within 60 s): no trace in any text column of any table, in any case
        assertEquals(List.of(), traces(tenant, email), "the email, as given");
        assertEquals(List.of(), traces(tenant, email.toUpperCase()), "in upper case");
        // nor the visitor's address, but in the audit log: append-only and hash-chained, it keeps each access's address
        // by contract and never names the visitor but by session id (the session → email mapping is what went);
        // an entry not chained yet (AUD-14) is the same entry
        assertEquals(List.of(), traces(tenant, address).stream().filter(t -> !t.startsWith("audit_entries.")
                        && !t.startsWith("audit_pending."))
                .toList(), "nor the visitor's address");
        assertTrue(traces(tenant, kept).contains("visitor_sessions.email"), "the other visitor is untouched");
        assertTrue(traces(tenant, "198.51.100.200").contains("activity_events.client_address"));
        assertEquals(0, ItDatabase.number(tenant, "select count(*) from activity_events where session_id in"
                + " (select id from visitor_sessions where email is null) and user_agent is not null"),
                "the erased visitor's user agent is gone too");
        assertEquals(countsBefore, counts(tenant, ndaLink.getString("id")), "the counts stay");

        // audited as privacy.erased by the admin, and in the activity stream; neither holds the email
        JsonArray audit = Http.json(Http.get("/api/v1/audit?action=privacy.erased", adminToken)).getJsonArray("items");
        assertEquals(1, audit.size(), audit.toString());
        assertEquals(admin.id().toString(), audit.getJsonObject(0).getJsonObject("actor").getString("id"));
        assertFalse(audit.toString().toLowerCase().contains(email.toLowerCase()));
        JsonObject item = ActivityIT.newest(adminToken, "privacy.erased");
        assertEquals("USER", item.getJsonObject("actor").getString("type"));
        assertEquals(admin.id().toString(), item.getJsonObject("actor").getString("id"));
        assertFalse(item.toString().toLowerCase().contains(email.toLowerCase()));
    }
}
