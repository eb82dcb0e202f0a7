package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /datarooms/{id}/index?format=csv|pdf} over HTTP (docs/features/datarooms.md, IDX-1..IDX-7): the content
 * of the answer — parsed with Commons CSV and PDFBox — is compared with what the caller's tree shows, never only the
 * status.
 */
class RoomIndexIT {
    ItDatabase.User owner;
    ItDatabase.User alice;
    ItDatabase.User bob;
    String ownerToken;
    String aliceToken;
    String bobToken;
    String foreignToken;

    @BeforeEach
    void tenant() {
        UUID tenant = ItDatabase.tenant("index");
        String s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@idx.test", "OWNER");
        alice = ItDatabase.user(tenant, "alice-" + s + "@idx.test", "MEMBER");
        bob = ItDatabase.user(tenant, "bob-" + s + "@idx.test", "MEMBER");
        ownerToken = Tokens.accessToken(owner);
        aliceToken = Tokens.accessToken(alice);
        bobToken = Tokens.accessToken(bob);
        foreignToken = Tokens.accessToken(ItDatabase.user(ItDatabase.tenant("index-b"), "f-" + s + "@idx.test",
                "OWNER"));
    }

    static HttpResponse<byte[]> index(String room, String format, String token) {
        try {
            return Http.CLIENT.send(Http.request("/api/v1/datarooms/" + room + "/index"
                    + (format == null ? "" : "?format=" + format)).header("Authorization", "Bearer " + token).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<CSVRecord> csv(String room, String token) throws IOException {
        HttpResponse<byte[]> r = index(room, "csv", token);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("text/csv;charset=utf-8", r.headers().firstValue("Content-Type").orElse("")
                .replace(" ", ""));
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(r.body(), StandardCharsets.UTF_8))).getRecords();
    }

    static String pdfText(HttpResponse<byte[]> r) throws IOException {
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    /** The caller's tree, flattened depth first: "index name" per item, in the tree's order. */
    static List<String> tree(String room, String token) {
        List<String> items = new ArrayList<>();
        flatten(Api.tree(token, room), items);
        return items;
    }

    private static void flatten(JsonObject node, List<String> into) {
        if (!node.containsKey("children") || node.isNull("children")) {
            return;
        }
        for (JsonValue child : node.getJsonArray("children")) {
            JsonObject c = child.asJsonObject();
            into.add(c.getString("index") + " " + c.getString("name"));
            flatten(c, into);
        }
    }

    static List<String> numbered(List<CSVRecord> rows) {
        return rows.stream().map(r -> r.get("number") + " " + r.get("name")).toList();
    }

    static Set<String> names(List<CSVRecord> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.get("name")));
        return names;
    }

    @Test
    void idx1_idx2_idx4_theOwnersCsvListsTheWholeTreeInItsOrderWithItsNumbersSizesAndVersions() throws Exception {
        String room = Api.room(ownerToken, "Deal " + UUID.randomUUID());
        String legal = Api.folder(ownerToken, room, "Legal", null);
        Api.folder(ownerToken, room, "Contracts", legal);
        String patents = Api.folder(ownerToken, room, "Patents", legal);
        Api.document(ownerToken, room, patents, "patent.pdf", DocumentsIT.PDF);
        String finance = Api.folder(ownerToken, room, "Finance", null);
        String plan = Api.document(ownerToken, room, finance, "plan.pdf", DocumentsIT.PDF);
        byte[] v2 = "version two, plain text".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> added = Http.send(Http.request("/api/v1/documents/" + plan + "/versions")
                .header("Authorization", "Bearer " + ownerToken)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(v2)));
        assertEquals(201, added.statusCode(), added.body());
        Api.document(ownerToken, room, null, "top.pdf", DocumentsIT.PDF);

        List<CSVRecord> rows = csv(room, ownerToken);
        assertEquals(tree(room, ownerToken), numbered(rows), "the tree's items, order and numbers");
        assertEquals(7, rows.size());
        assertEquals(List.of("number", "kind", "path", "name", "size", "version", "lastChanged"),
                rows.get(0).getParser().getHeaderNames());
        CSVRecord legalRow = rows.stream().filter(r -> r.get("name").equals("Legal")).findFirst().orElseThrow();
        assertEquals("folder", legalRow.get("kind"));
        assertEquals("", legalRow.get("size") + legalRow.get("version") + legalRow.get("lastChanged"));
        CSVRecord patent = rows.stream().filter(r -> r.get("name").equals("patent.pdf")).findFirst().orElseThrow();
        assertEquals("document", patent.get("kind"));
        assertEquals("/Legal/Patents/patent.pdf", patent.get("path"));
        assertEquals(Integer.toString(DocumentsIT.PDF.length), patent.get("size"));
        assertEquals("1", patent.get("version"));
        CSVRecord planRow = rows.stream().filter(r -> r.get("name").equals("plan.pdf")).findFirst().orElseThrow();
        assertEquals("2", planRow.get("version"), "the current version");
        assertEquals(Integer.toString(v2.length), planRow.get("size"));
        Instant changed = Instant.parse(planRow.get("lastChanged"));
        assertTrue(planRow.get("lastChanged").endsWith("Z"), "UTC");
        assertTrue(Math.abs(changed.getEpochSecond() - Instant.now().getEpochSecond()) < 600, changed.toString());
        assertEquals(csv(room, ownerToken).size(), rows.size());
        HttpResponse<byte[]> absent = index(room, null, ownerToken);
        assertEquals(200, absent.statusCode());
        assertTrue(absent.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), "csv by default");
    }

    /** Alice sees "Shared" (under a folder hidden from her) but not "Denied" inside it (a NONE grant on it). */
    String roomWithHiddenParts() {
        String room = Api.room(ownerToken, "Hidden " + UUID.randomUUID());
        String secret = Api.folder(ownerToken, room, "Secret project", null);
        String shared = Api.folder(ownerToken, room, "Shared", secret);
        Api.document(ownerToken, room, shared, "ok.pdf", DocumentsIT.PDF);
        String denied = Api.folder(ownerToken, room, "Denied", shared);
        Api.document(ownerToken, room, denied, "denied.pdf", DocumentsIT.PDF);
        Api.document(ownerToken, room, secret, "hidden.pdf", DocumentsIT.PDF);
        Api.document(ownerToken, room, null, "top-secret.pdf", DocumentsIT.PDF);
        Api.folder(ownerToken, room, "Other", null);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", alice.id().toString(), shared, "VIEW"),
                Api.grant("USER", alice.id().toString(), denied, "NONE"))).statusCode());
        return room;
    }

    @Test
    void idx1_aMemberWithAGrantOnOneFolderGetsExactlyThatFoldersVisibleSubtree() throws Exception {
        String room = roomWithHiddenParts();
        List<CSVRecord> rows = csv(room, aliceToken);
        assertEquals(Set.of("Shared", "ok.pdf"), names(rows), "nothing hidden, nothing above the grant");
        assertEquals(tree(room, aliceToken), numbered(rows));
        assertEquals(List.of("1 Shared", "1.1 ok.pdf"), numbered(rows));
        assertEquals("/Shared/ok.pdf", rows.get(1).get("path"), "the path names only the folders she sees");
        assertEquals(Set.of("Secret project", "Shared", "ok.pdf", "Denied", "denied.pdf", "hidden.pdf",
                "top-secret.pdf", "Other"), names(csv(room, ownerToken)));
    }

    @Test
    void idx6_thePdfNamesWhatTheCallerSeesAndNothingHidden() throws Exception {
        String room = roomWithHiddenParts();
        HttpResponse<byte[]> r = index(room, "pdf", aliceToken);
        String text = pdfText(r);
        assertTrue(text.contains("Shared") && text.contains("ok.pdf"), text);
        for (String hidden : List.of("Secret project", "Denied", "denied.pdf", "hidden.pdf", "top-secret", "Other")) {
            assertFalse(text.contains(hidden), hidden + " in: " + text);
        }
        assertTrue(text.contains("Index of Hidden "), text);
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment;") && disposition.contains("-index.pdf\""), disposition);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(pdfText(index(room, "pdf", ownerToken)).contains("top-secret.pdf"));
    }

    @Test
    void idx7_aMemberWithoutAccessAndAnotherTenantGetTheUniform404() {
        String room = roomWithHiddenParts();
        String missing = Problems.withoutInstance(Http.get("/api/v1/datarooms/" + UUID.randomUUID() + "/index",
                bobToken).body());
        for (String token : List.of(bobToken, foreignToken)) {
            for (String format : java.util.Arrays.asList("csv", "pdf", null, "xlsx")) {
                HttpResponse<String> asText = Http.get("/api/v1/datarooms/" + room + "/index"
                        + (format == null ? "" : "?format=" + format), token);
                assertProblem(asText, 404, "not-found");
                assertEquals(missing, Problems.withoutInstance(asText.body()), "the 404 of a missing room");
            }
        }
        assertEquals(401, Http.get("/api/v1/datarooms/" + room + "/index").statusCode());
    }

    @Test
    void idx5_anUnknownFormatIsA400ProblemOnceTheRoomIsSeen() {
        String room = Api.room(ownerToken, "Formats " + UUID.randomUUID());
        for (String bad : List.of("xlsx", "CSV", "pdf%20")) {
            HttpResponse<String> r = Http.get("/api/v1/datarooms/" + room + "/index?format=" + bad, ownerToken);
            assertProblem(r, 400, "validation");
            assertTrue(r.body().contains("format"), r.body());
        }
    }

    @Test
    void idx3_aNameThatWouldStartAFormulaComesOutWithAnApostrophe() throws Exception {
        String room = Api.room(ownerToken, "Formulas " + UUID.randomUUID());
        List<String> names = List.of("=cmd|' -C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "safe=1.pdf");
        for (String name : names) {
            Api.document(ownerToken, room, null, name, DocumentsIT.PDF);
        }
        List<CSVRecord> rows = csv(room, ownerToken);
        assertEquals(Set.of("'=cmd|' -C calc'!A0", "'+SUM(1,2)", "'-2+3", "'@SUM(A1)", "safe=1.pdf"), names(rows));
        for (CSVRecord row : rows) {
            for (String cell : row.values()) {
                assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
            }
        }
    }

    @Test
    void idx6_aNonAsciiNameDoesNotBreakThePdfAndIsExactInTheCsv() throws Exception {
        String name = "Übersicht – 2026 ✓";
        String room = Api.room(ownerToken, name);
        String folder = Api.folder(ownerToken, room, "Verträge", null);
        Api.document(ownerToken, room, folder, name + ".pdf", DocumentsIT.PDF);
        Api.document(ownerToken, room, folder, "日本語の資料.pdf", DocumentsIT.PDF);
        HttpResponse<byte[]> r = index(room, "pdf", ownerToken);
        String text = pdfText(r);
        assertTrue(text.contains("Übersicht – 2026 ?.pdf"), "drawn, the check mark the font lacks replaced: " + text);
        assertTrue(text.contains("Verträge"), text);
        assertTrue(text.contains("Index of Übersicht – 2026 ?"), text);
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.contains("filename*=UTF-8''"
                + java.net.URLEncoder.encode(name + "-index.pdf", StandardCharsets.UTF_8).replace("+", "%20")),
                disposition);
        assertEquals(Set.of("Verträge", name + ".pdf", "日本語の資料.pdf"), names(csv(room, ownerToken)));
    }
}
