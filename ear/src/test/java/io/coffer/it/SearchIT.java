package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full-text search (docs/features/search.md, SR-1..SR-7) over HTTP against the real server: text extracted after
 * upload by the render process (PDFBox) and Tika, searched in PostgreSQL. Every "never found" check runs after the
 * same search found what it should (the index is known to be done), so it cannot pass on an empty index.
 */
class SearchIT {

    static final long INDEXED_WITHIN_MS = 60_000;

    UUID tenant;
    ItDatabase.User owner;
    ItDatabase.User member;
    String ownerToken;
    String memberToken;
    String suffix;

    @BeforeEach
    void setUp() {
        tenant = ItDatabase.tenant("search");
        suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = ItDatabase.user(tenant, "owner-" + suffix + "@s.test", "OWNER");
        member = ItDatabase.user(tenant, "member-" + suffix + "@s.test", "MEMBER");
        ownerToken = Tokens.accessToken(owner);
        memberToken = Tokens.accessToken(member);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A PDF whose page i holds the text {@code pages[i]} (Helvetica, WinAnsi: Latin-1 letters such as ä). */
    static byte[] textPdf(String... pages) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            for (String text : pages) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (org.apache.pdfbox.pdmodel.PDPageContentStream content =
                             new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static String upload(String token, String room, String folder, String name, byte[] bytes, String type) {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8) + (folder == null ? "" : "&folderId=" + folder))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    static String pdf(String token, String room, String folder, String name, String... pages) throws Exception {
        return upload(token, room, folder, name, textPdf(pages), "application/pdf");
    }

    static HttpResponse<String> search(String token, String query, String extra) {
        return Http.get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + (extra == null ? "" : "&" + extra), token);
    }

    static List<JsonObject> hits(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** Searches until {@code done} holds of the hits (the indexer works after the upload's commit). */
    static List<JsonObject> until(java.util.function.Supplier<HttpResponse<String>> search,
                                  Predicate<List<JsonObject>> done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + INDEXED_WITHIN_MS;
        List<JsonObject> last = List.of();
        while (System.currentTimeMillis() < deadline) {
            last = hits(search.get());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " within " + INDEXED_WITHIN_MS + " ms; last hits: " + last);
    }

    static Set<String> documents(List<JsonObject> hits) {
        return hits.stream().map(h -> h.getString("documentId")).collect(Collectors.toSet());
    }

    static Predicate<List<JsonObject>> containing(String... documentIds) {
        return hits -> documents(hits).containsAll(List.of(documentIds));
    }

    // ---- the invariants -------------------------------------------------------------------------------------------

    @Test
    void sr1_aSearchNeverReturnsAHiddenFolderAnotherRoomOrAnotherTenant() throws Exception {
        String word = "zebra" + suffix;
        String room = Api.room(ownerToken, "Deal " + suffix);
        String open = Api.folder(ownerToken, room, "Open", null);
        String closed = Api.folder(ownerToken, room, "Closed", null);
        String seen = pdf(ownerToken, room, open, "plan.pdf", "The " + word + " plan for the quarter");
        String hiddenText = pdf(ownerToken, room, closed, "terms.pdf", "Confidential " + word + " terms");
        String hiddenName = pdf(ownerToken, room, closed, word + "-names.pdf", "nothing to see");
        String otherRoom = Api.room(ownerToken, "Other " + suffix);
        String elsewhere = pdf(ownerToken, otherRoom, null, "else.pdf", "Another " + word + " page");
        UUID otherTenant = ItDatabase.tenant("search-other");
        String otherToken = Tokens.accessToken(ItDatabase.user(otherTenant, "o-" + suffix + "@o.test", "OWNER"));
        String foreign = pdf(otherToken, Api.room(otherToken, "Foreign"), null, word + ".pdf", word + " abroad");
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("USER", member.id().toString(), open,
                "VIEW"))).statusCode());

        // the owner finds all four of its tenant's, none of the other tenant's
        List<JsonObject> all = until(() -> search(ownerToken, word, null),
                containing(seen, hiddenText, hiddenName, elsewhere), "the owner finds the four documents");
        assertFalse(documents(all).contains(foreign), "SR-1: another tenant's document: " + all);
        until(() -> search(otherToken, word, null), containing(foreign), "the other tenant finds its own");

        // the member: exactly the document of the folder granted, no name, snippet or count of the others
        HttpResponse<String> r = search(memberToken, word, null);
        List<JsonObject> mine = hits(r);
        assertEquals(Set.of(seen), documents(mine), "SR-1: only the granted folder's document: " + r.body());
        assertFalse(r.body().contains("Confidential") || r.body().contains("-names") || r.body().contains("Other ")
                || r.body().contains("Closed") || r.body().contains(closed), "SR-1: nothing hidden leaks: " + r.body());
        JsonObject hit = mine.get(0);
        assertEquals(room, hit.getString("dataroomId"));
        assertEquals("plan.pdf", hit.getString("name"));
        assertEquals("Open", hit.getString("path"));
        assertEquals(1, hit.getInt("page"));
        assertTrue(hit.getString("snippet").contains("«" + word + "»"), hit.toString());
        assertTrue(hit.getJsonNumber("score").doubleValue() > 0, hit.toString());

        // a room the member does not see: as an unknown room
        assertProblem(search(memberToken, word, "dataroomId=" + otherRoom), 404, "not-found");
        assertEquals(Set.of(seen), documents(hits(search(memberToken, word, "dataroomId=" + room))));
        assertEquals(Set.of(elsewhere), documents(hits(search(ownerToken, word, "dataroomId=" + otherRoom))));
    }

    @Test
    void sr2_aPhraseIsFoundOnItsPageWithASnippet() throws Exception {
        String room = Api.room(ownerToken, "Pages " + suffix);
        String marker = "quokka" + suffix;
        String doc = pdf(ownerToken, room, null, "spa.pdf", "Share purchase agreement, recitals " + marker,
                "The indemnification cap is five million euros " + marker, "Signatures " + marker);
        List<JsonObject> hits = until(() -> search(ownerToken, "\"indemnification cap\" " + marker, null),
                h -> !h.isEmpty(), "the phrase is found");
        assertEquals(1, hits.size(), "the phrase is on one page only: " + hits);
        JsonObject hit = hits.get(0);
        assertEquals(doc, hit.getString("documentId"));
        assertEquals(2, hit.getInt("page"), "SR-2: on its page");
        String snippet = hit.getString("snippet");
        assertTrue(snippet.contains("«indemnification»") && snippet.contains("«cap»"), snippet);
        // a word on every page: three hits of the one document, one per page
        List<JsonObject> every = hits(search(ownerToken, marker, null));
        assertEquals(Set.of(1, 2, 3), every.stream().filter(h -> h.containsKey("page"))
                .map(h -> h.getInt("page")).collect(Collectors.toSet()), every.toString());
        // paging: one result a page, the cursor leads to the next, the last page has none
        HttpResponse<String> first = search(ownerToken, marker, "limit=1");
        String cursor = Http.json(first).getString("nextCursor");
        List<JsonObject> second = hits(search(ownerToken, marker, "limit=1&cursor=" + cursor));
        assertEquals(1, second.size());
        assertFalse(hits(first).get(0).equals(second.get(0)), "the second page is another result");
        assertTrue(Http.json(search(ownerToken, marker, "limit=50")).isNull("nextCursor"));
    }

    @Test
    void sr3_onlyTheNewestVersionOfALiveDocumentIsFound() throws Exception {
        String room = Api.room(ownerToken, "Versions " + suffix);
        String old = "oldterm" + suffix;
        String fresh = "newterm" + suffix;
        String doc = pdf(ownerToken, room, null, "contract.pdf", "Clause with " + old);
        until(() -> search(ownerToken, old, null), containing(doc), "version 1 is found");
        HttpResponse<String> added = Http.send(Http.request("/api/v1/documents/" + doc + "/versions")
                .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(textPdf("Clause with " + fresh))));
        assertEquals(201, added.statusCode(), added.body());
        until(() -> search(ownerToken, fresh, null), containing(doc), "version 2 is found");
        assertTrue(hits(search(ownerToken, old, null)).isEmpty(), "SR-3: version 1's text is gone");

        String trashed = pdf(ownerToken, room, null, "binned-" + fresh + ".pdf", "Binned " + fresh);
        until(() -> search(ownerToken, fresh, null), containing(trashed), "the second document is found");
        assertEquals(204, Api.delete("/api/v1/documents/" + trashed, ownerToken).statusCode());
        assertEquals(Set.of(doc), documents(hits(search(ownerToken, fresh, null))),
                "SR-3: a trashed document is found neither by text nor by name");
    }

    @Test
    void sr4_accentsAndCaseDoNotMatterAndTheTenantsLanguageStems() throws Exception {
        assertEquals("english", Http.json(Http.get("/api/v1/tenant/search", ownerToken)).getString("language"));
        assertProblem(Api.put("/api/v1/tenant/search", memberToken, "{\"language\": \"german\"}"), 403, "forbidden");
        assertProblem(Api.put("/api/v1/tenant/search", ownerToken, "{\"language\": \"klingon\"}"), 400,
                "validation");
        HttpResponse<String> set = Api.put("/api/v1/tenant/search", ownerToken, "{\"language\": \"german\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("german", Http.json(set).getString("language"));

        String room = Api.room(ownerToken, "Sprache " + suffix);
        String marker = "wombat" + suffix;
        String doc = pdf(ownerToken, room, null, "vertraege.pdf", "Die Verträge wurden unterschrieben " + marker);
        byte[] latin1 = ("Menu: café crème " + marker).getBytes(StandardCharsets.ISO_8859_1);
        String text = upload(ownerToken, room, null, "menu.txt", latin1, "text/plain");
        until(() -> search(ownerToken, marker, null), containing(doc, text), "both are indexed");

        List<JsonObject> stemmed = hits(search(ownerToken, "VERTRAG " + marker, null));
        assertEquals(Set.of(doc), documents(stemmed), "SR-4: German stems Verträge to vertrag, accents aside");
        assertTrue(stemmed.get(0).getString("snippet").contains("«Verträge»"), stemmed.toString());
        List<JsonObject> plain = hits(search(ownerToken, "Creme " + marker, null));
        assertEquals(Set.of(text), documents(plain), "SR-4: a Latin-1 text file, its charset detected");
        JsonObject hit = plain.get(0);
        assertFalse(hit.containsKey("page"), "a text without pages: " + hit);
        assertTrue(hit.getString("snippet").contains("«crème»"), hit.toString());

        // another language: queries use it at once, and every document is indexed again in it soon after (the
        // indexer is woken when the change commits): "vertrage" is not stemmed any more, and matches only the new text
        assertEquals(200, Api.put("/api/v1/tenant/search", ownerToken, "{\"language\": \"simple\"}").statusCode());
        until(() -> search(ownerToken, "vertrage " + marker, null), containing(doc),
                "SR-4: re-indexed in the new language");
        assertTrue(hits(search(ownerToken, "VERTRAG " + marker, null)).isEmpty(), "no stemming in simple");
    }

    @Test
    void sr5_aVisitorSearchesOnlyWhatTheLinkShows() throws Exception {
        String word = "okapi" + suffix;
        String room = Api.room(ownerToken, "Link " + suffix);
        String shown = Api.folder(ownerToken, room, "Shown", null);
        String hidden = Api.folder(ownerToken, room, "Hidden", null);
        String seen = pdf(ownerToken, room, shown, "deck.pdf", "Our " + word + " deck");
        String unseen = pdf(ownerToken, room, hidden, "board.pdf", "Board " + word + " minutes");
        String otherRoom = Api.room(ownerToken, "Outside " + suffix);
        String outside = pdf(ownerToken, otherRoom, null, "out.pdf", "Outside " + word);
        until(() -> search(ownerToken, word, null), containing(seen, unseen, outside), "all three indexed");

        JsonObject link = Http.json(Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"DATAROOM\", \"id\": \"" + room + "\"}, \"allowSearch\": true, \"itemOverrides\": [{\"itemId\": \""
                + hidden + "\", \"hidden\": true}]}"));
        assertTrue(link.getBoolean("allowSearch"));
        String token = link.getString("token");
        String visitor = ShareLinksIT.visitor(token, "{}");
        HttpResponse<String> r = ShareLinksIT.visitorGet("/api/v1/public/links/" + token + "/search?q=" + word,
                visitor);
        List<JsonObject> found = hits(r);
        assertEquals(Set.of(seen), documents(found), "SR-5: only what the link shows: " + r.body());
        assertFalse(r.body().contains("Board") || r.body().contains("Outside") || r.body().contains(room),
                "nothing of the hidden folder, the other room, nor the room's id: " + r.body());
        assertEquals("Shown", found.get(0).getString("path"));
        assertNull(found.get(0).get("dataroomId"), "a visitor never learns the room's id");
        assertEquals(401, ShareLinksIT.visitorGet("/api/v1/public/links/" + token + "/search?q=" + word, null)
                .statusCode(), "a visitor token is needed");

        // a link without search: as an unknown link
        JsonObject plain = Http.json(Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"DATAROOM\", \"id\": \"" + room + "\"}}"));
        assertFalse(plain.getBoolean("allowSearch"), "off by default");
        String plainToken = plain.getString("token");
        HttpResponse<String> off = ShareLinksIT.visitorGet("/api/v1/public/links/" + plainToken + "/search?q="
                + word, ShareLinksIT.visitor(plainToken, "{}"));
        HttpResponse<String> unknown = ShareLinksIT.visitorGet("/api/v1/public/links/" + ShareLinksIT.unknown(
                plainToken) + "/search?q=" + word, ShareLinksIT.visitor(plainToken, "{}"));
        assertEquals(404, off.statusCode(), off.body());
        assertEquals(Problems.withoutInstance(unknown.body()), Problems.withoutInstance(off.body()),
                "SR-5: the same answer as an unknown link");
        // switched on later, it searches
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + plain.getString("id"), ownerToken,
                "{\"allowSearch\": true}").statusCode());
        assertEquals(Set.of(seen, unseen), documents(hits(ShareLinksIT.visitorGet("/api/v1/public/links/"
                + plainToken + "/search?q=" + word, ShareLinksIT.visitor(plainToken, "{}")))));
    }

    @Test
    void sr6_anUnreadableFileIsFoundByItsNameAndDoesNotHoldTheQueue() throws Exception {
        String room = Api.room(ownerToken, "Broken " + suffix);
        String marker = "unicorn" + suffix;
        String broken = upload(ownerToken, room, null, marker + "-scan.pdf",
                ("%PDF-1.7\n" + "not really a pdf ".repeat(100)).getBytes(StandardCharsets.US_ASCII),
                "application/pdf");
        String image = upload(ownerToken, room, null, marker + ".png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10,
                26, 10, 0, 0, 0, 0}, "image/png");
        String after = pdf(ownerToken, room, null, "after.pdf", "Readable " + marker);
        List<JsonObject> hits = until(() -> search(ownerToken, marker, null), containing(broken, image, after),
                "the readable document after the broken one is indexed, the others found by name");
        for (JsonObject h : hits) {
            if (!h.getString("documentId").equals(after)) {
                assertFalse(h.containsKey("page"), "SR-6: found by name: " + h);
                assertTrue(h.getString("snippet").contains("«" + marker), h.toString());
            }
        }
    }

    @Test
    void sr7_badQueriesGetAValidationProblem() throws Exception {
        assertProblem(Http.get("/api/v1/search?q=", ownerToken), 400, "validation");
        assertProblem(Http.get("/api/v1/search", ownerToken), 400, "validation");
        assertProblem(search(ownerToken, "x".repeat(201), null), 400, "validation");
        assertProblem(search(ownerToken, "tab\there", null), 400, "validation");
        assertProblem(search(ownerToken, "anything", "cursor=bogus"), 400, "validation");
        assertProblem(search(ownerToken, "anything", "cursor=" + java.util.Base64.getUrlEncoder()
                .encodeToString("s1:-5".getBytes(StandardCharsets.UTF_8))), 400, "validation");
        assertProblem(search(null, "anything", null), 401, "unauthenticated");
        // a query of only stop words or signs finds nothing, without an error
        assertTrue(hits(search(ownerToken, "the and of", null)).isEmpty());
        assertTrue(hits(search(ownerToken, "!!! & | :*", null)).isEmpty());
    }
}
