package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Share links, owner and visitor side (docs/features/sharelinks.md, SL-*), over HTTP against the real server. */
class ShareLinksIT {

    static final boolean HEAVY = Boolean.getBoolean("coffer.heavy");

    ItDatabase.User owner;
    ItDatabase.User admin;
    ItDatabase.User bystander;
    String ownerToken;
    String adminToken;
    String room;
    String suffix;
    UUID tenant;

    @BeforeEach
    void setUp() {
        ItMail.start();
        tenant = ItDatabase.tenant("links");
        suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = ItDatabase.user(tenant, "owner-" + suffix + "@l.test", "OWNER");
        admin = ItDatabase.user(tenant, "admin-" + suffix + "@l.test", "ADMIN");
        bystander = ItDatabase.user(tenant, "by-" + suffix + "@l.test", "MEMBER");
        ownerToken = Tokens.login(owner);
        adminToken = Tokens.login(admin);
        room = DataRoomsIT.createRoom(ownerToken, "Deal " + suffix).getString("id");
    }

    @AfterEach
    void clock() {
        ItClock.reset();
        Http.clientAddress = null;
    }

    /** A connection that sees this test's tenant (the tables' row-level security holds the owner role too). */
    java.sql.Connection asTenant() throws java.sql.SQLException {
        java.sql.Connection c = ItDatabase.owner().getConnection();
        try (var s = c.prepareStatement("select set_config('coffer.tenant', ?, false)")) {
            s.setString(1, tenant.toString());
            s.executeQuery();
        }
        return c;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    String upload(String token, String folder, String name, byte[] bytes) {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name="
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + (folder == null ? "" : "&folderId=" + folder))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    String pdfDoc(String folder, String name, int pages) throws Exception {
        return upload(ownerToken, folder, name, DocumentsIT.pdf(pages, 612, 792));
    }

    JsonObject link(String token, String type, String id, String extra) {
        HttpResponse<String> r = Http.postJson("/api/v1/share-links", token, "{\"target\": {\"type\": \"" + type
                + "\", \"id\": \"" + id + "\"}" + (extra == null ? "" : ", " + extra) + "}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    static HttpResponse<String> open(String token) {
        return Http.get("/api/v1/public/links/" + token);
    }

    static HttpResponse<String> session(String token, String json) {
        return Http.postJson("/api/v1/public/links/" + token + "/sessions", null, json);
    }

    static String visitor(String token, String json) {
        HttpResponse<String> r = session(token, json);
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("visitorToken");
    }

    static HttpResponse<byte[]> bytes(String path, String visitorToken, String... headers) {
        HttpRequest.Builder r = Http.request(path);
        if (visitorToken != null) {
            r.header("X-Visitor-Token", visitorToken);
        }
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        try {
            return Http.CLIENT.send(r.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> visitorGet(String path, String visitorToken) {
        HttpRequest.Builder r = Http.request(path);
        if (visitorToken != null) {
            r.header("X-Visitor-Token", visitorToken);
        }
        return Http.send(r.GET());
    }

    static HttpResponse<String> visitorPost(String path, String visitorToken, String json) {
        HttpRequest.Builder r = Http.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (visitorToken != null) {
            r.header("X-Visitor-Token", visitorToken);
        }
        return Http.send(r);
    }

    static void assertVisitorHeaders(HttpResponse<?> r) {
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), "Referrer-Policy");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), "Cache-Control");
    }

    static JsonArray requires(HttpResponse<String> r) {
        return Http.json(r).getJsonArray("requires");
    }

    static Set<String> strings(JsonArray a) {
        Set<String> out = new TreeSet<>();
        a.forEach(v -> out.add(((jakarta.json.JsonString) v).getString()));
        return out;
    }

    /** Every visitor endpoint of a document, answered for {@code vt}. */
    record Endpoint(String name, boolean download, java.util.function.BiFunction<String, String, Integer> call) {
    }

    List<Endpoint> endpoints(String doc) {
        String p = "/api/v1/public/links/";
        return List.of(
                new Endpoint("tree", false, (t, vt) -> visitorGet(p + t + "/tree", vt).statusCode()),
                new Endpoint("page", false, (t, vt) -> bytes(p + t + "/documents/" + doc + "/pages/1", vt)
                        .statusCode()),
                new Endpoint("events", false, (t, vt) -> visitorPost(p + t + "/events", vt,
                        "[{\"docId\": \"" + doc + "\", \"page\": 1, \"seconds\": 3}]").statusCode()),
                new Endpoint("content", true, (t, vt) -> bytes(p + t + "/documents/" + doc + "/content", vt)
                        .statusCode()),
                new Endpoint("range", true, (t, vt) -> bytes(p + t + "/documents/" + doc + "/content", vt,
                        "Range", "bytes=0-9").statusCode()),
                new Endpoint("head", true, (t, vt) -> {
                    HttpRequest.Builder r = Http.request(p + t + "/documents/" + doc + "/content")
                            .method("HEAD", HttpRequest.BodyPublishers.noBody());
                    if (vt != null) {
                        r.header("X-Visitor-Token", vt);
                    }
                    return Http.send(r).statusCode();
                }),
                new Endpoint("ticket", true, (t, vt) -> visitorPost(p + t + "/documents/" + doc
                        + "/download-ticket", vt, "").statusCode()),
                new Endpoint("zip", true, (t, vt) -> bytes(p + t + "/zip", vt).statusCode()));
    }

    // ---- owner side ---------------------------------------------------------------------------------------------

    @Test
    void sl1_aLinkHasA256BitTokenIsStoredHashedAndNeedsManage() throws Exception {
        String doc = pdfDoc(null, "deck.pdf", 1);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, "\"name\": \"For ACME\", \"password\": \"open sesame\"");
        String token = created.getString("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{43,}"), "at least 128 random bits, URL-safe: " + token);
        assertTrue(created.getString("url").endsWith("/l/" + token));
        assertTrue(created.getBoolean("hasPassword"));
        assertFalse(created.toString().contains("open sesame"), "the password is never answered");
        assertFalse(created.getBoolean("allowDownload"));
        assertFalse(created.getJsonObject("watermark").getBoolean("enabled"));
        try (var c = asTenant(); var s = c.prepareStatement(
                "select token_hash, password_hash from share_links where id = ?")) {
            s.setObject(1, UUID.fromString(created.getString("id")));
            var rs = s.executeQuery();
            assertTrue(rs.next());
            assertNotEquals(token, rs.getString(1));
            assertFalse(rs.getString(2).contains("open sesame"));
        }
        JsonObject read = Http.json(Http.get("/api/v1/share-links/" + created.getString("id"), ownerToken));
        assertEquals("\"For ACME\"", String.valueOf(read.get("name")), "the name is read back: " + read);
        assertFalse(read.containsKey("token"), "the token is shown once");
        assertEquals(1, Http.json(Http.get("/api/v1/share-links?targetId=" + doc, ownerToken))
                .getJsonArray("items").size());
        assertProblem(Http.postJson("/api/v1/share-links", Tokens.login(bystander),
                "{\"target\": {\"type\": \"DOCUMENT\", \"id\": \"" + doc + "\"}}"), 404, "not-found");
        assertProblem(Http.postJson("/api/v1/share-links", ownerToken,
                "{\"target\": {\"type\": \"DOCUMENT\", \"id\": \"" + doc + "\"}, \"tenantId\": \"x\"}"), 400,
                "validation");
        assertProblem(Http.get("/api/v1/share-links/" + created.getString("id"), Tokens.login(bystander)), 404,
                "not-found");
    }

    // ---- visitor side -------------------------------------------------------------------------------------------

    @Test
    void sl2_unknownAndRevokedLinksGiveByteIdenticalNotFound() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, null);
        String token = created.getString("token");
        assertEquals(200, open(token).statusCode());
        String vt = visitor(token, "{}");
        assertEquals(204, Http.send(Http.request("/api/v1/share-links/" + created.getString("id"))
                .header("Authorization", "Bearer " + ownerToken).DELETE()).statusCode());
        assertEquals(204, Http.send(Http.request("/api/v1/share-links/" + created.getString("id"))
                .header("Authorization", "Bearer " + ownerToken).DELETE()).statusCode(), "revoking again: no-op");
        HttpResponse<String> revoked = open(token);
        HttpResponse<String> unknown = open(unknown(token));
        assertProblem(revoked, 404, "not-found");
        assertEquals(unknown.statusCode(), revoked.statusCode());
        assertEquals(withoutInstance(unknown.body()), withoutInstance(revoked.body()), "byte-identical bodies");
        assertVisitorHeaders(revoked);
        assertVisitorHeaders(unknown);
        assertEquals(404, visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode(),
                "a revoked link ends its open sessions at once");
        assertEquals(withoutInstance(unknown.body()), withoutInstance(session(token, "{}").body()));
    }

    /**
     * A VALID folder link asked for what it does not share: a document of a sibling folder, of the room's top, of
     * another room and of another tenant, and a folder of each for the zip, answer on every visitor endpoint of a
     * document (pages, content, HEAD, Range, ticket) and on {@code zip?folderId=} the one 404 of an id that does not
     * exist, byte for byte; the same requests inside the link are served (so a stub answering 404 to all fails).
     */
    @Test
    void sl2_aValidLinkAskedForADocumentOrFolderOutsideWhatItSharesAnswersTheUniform404() throws Exception {
        String shared = DataRoomsIT.createFolder(ownerToken, room, "Shared " + suffix, null).getString("id");
        String sibling = DataRoomsIT.createFolder(ownerToken, room, "Sibling " + suffix, null).getString("id");
        String inside = pdfDoc(shared, "inside.pdf", 1);
        String inner = DataRoomsIT.createFolder(ownerToken, room, "Inner " + suffix, shared).getString("id");
        pdfDoc(inner, "inner.pdf", 1);
        String ofSibling = pdfDoc(sibling, "sibling.pdf", 1);
        String atTop = pdfDoc(null, "top.pdf", 1);
        String otherRoom = DataRoomsIT.createRoom(ownerToken, "Other " + suffix).getString("id");
        String otherRoomFolder = Api.folder(ownerToken, otherRoom, "Elsewhere " + suffix, null);
        String ofOtherRoom = Api.document(ownerToken, otherRoom, otherRoomFolder, "elsewhere.pdf",
                DocumentsIT.pdf(1, 612, 792));
        String foreignToken = Tokens.login(ItDatabase.user(ItDatabase.tenant("links-b"), "f-" + suffix + "@l.test",
                "OWNER"));
        String foreignRoom = DataRoomsIT.createRoom(foreignToken, "Theirs " + suffix).getString("id");
        String foreignFolder = Api.folder(foreignToken, foreignRoom, "Theirs " + suffix, null);
        String ofForeignTenant = Api.document(foreignToken, foreignRoom, foreignFolder, "theirs.pdf",
                DocumentsIT.pdf(1, 612, 792));
        // the foreign tenant shares its folder too: its documents exist and are served by a link of their own
        String foreignLink = link(foreignToken, "FOLDER", foreignFolder, "\"allowDownload\": true").getString("token");
        assertEquals(200, bytes("/api/v1/public/links/" + foreignLink + "/documents/" + ofForeignTenant + "/pages/1",
                visitor(foreignLink, "{}")).statusCode());

        String token = link(ownerToken, "FOLDER", shared, "\"allowDownload\": true").getString("token");
        String vt = visitor(token, "{}");
        String p = "/api/v1/public/links/" + token;
        record Ask(String name, java.util.function.Function<String, HttpResponse<byte[]>> call) {
        }
        List<Ask> asks = List.of(
                new Ask("pages", d -> bytes(p + "/documents/" + d + "/pages/1", vt)),
                new Ask("content", d -> bytes(p + "/documents/" + d + "/content", vt)),
                new Ask("range", d -> bytes(p + "/documents/" + d + "/content", vt, "Range", "bytes=0-9")),
                new Ask("head", d -> {
                    try {
                        return Http.CLIENT.send(Http.request(p + "/documents/" + d + "/content")
                                .header("X-Visitor-Token", vt).method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(), HttpResponse.BodyHandlers.ofByteArray());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                new Ask("ticket", d -> {
                    try {
                        return Http.CLIENT.send(Http.request(p + "/documents/" + d + "/download-ticket")
                                .header("X-Visitor-Token", vt).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                new Ask("zip", f -> bytes(p + "/zip?folderId=" + f, vt)));
        List<String> failures = new ArrayList<>();
        for (Ask ask : asks) {
            boolean zip = ask.name().equals("zip");
            HttpResponse<byte[]> served = ask.call().apply(zip ? inner : inside);
            if (served.statusCode() >= 300) {
                failures.add(ask.name() + " inside the link: " + served.statusCode());
            }
            HttpResponse<byte[]> missing = ask.call().apply(UUID.randomUUID().toString());
            if (missing.statusCode() != 404) {
                failures.add(ask.name() + " of a random id: " + missing.statusCode());
            }
            List<String> outside = zip ? List.of(sibling, otherRoomFolder, foreignFolder, inside, ofSibling)
                    : List.of(ofSibling, atTop, ofOtherRoom, ofForeignTenant);
            for (String id : outside) {
                HttpResponse<byte[]> asked = ask.call().apply(id);
                String body = new String(asked.body(), StandardCharsets.UTF_8);
                String random = new String(missing.body(), StandardCharsets.UTF_8);
                // a bodiless answer (HEAD) has no instance to leave out: the two must then be empty alike
                if (asked.statusCode() != 404 || (random.isEmpty() || body.isEmpty() ? !random.equals(body)
                        : !withoutInstance(random).equals(withoutInstance(body)))) {
                    failures.add(ask.name() + " of " + id + ": " + asked.statusCode() + " " + body + " instead of "
                            + new String(missing.body(), StandardCharsets.UTF_8));
                }
                for (String secret : List.of("Sibling", "Elsewhere", "Theirs", "sibling.pdf", "top.pdf")) {
                    if (body.contains(secret)) {
                        failures.add(ask.name() + " of " + id + " names " + secret);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void sl3_anExpiredLinkIsGoneOnEveryEndpoint() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, "\"allowDownload\": true, \"expiresAt\": \""
                + Instant.now().plus(Duration.ofHours(1)) + "\"").getString("token");
        String vt = visitor(token, "{}");
        for (Endpoint e : endpoints(doc)) {
            int status = e.call().apply(token, vt);
            assertTrue(status == 200 || status == 201 || status == 202 || status == 206, e.name() + ": " + status);
        }
        ItClock.advance(Duration.ofHours(2));
        assertProblem(open(token), 410, "gone");
        assertProblem(session(token, "{}"), 410, "gone");
        for (Endpoint e : endpoints(doc)) {
            assertEquals(410, e.call().apply(token, vt), e.name());
        }
    }

    @Test
    void sl4_aLinkStopsWorkingWhenItsCreatorLosesTheRight() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(adminToken, "DOCUMENT", doc, "\"allowDownload\": true").getString("token");
        String vt = visitor(token, "{}");
        assertEquals(200, visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode());
        assertEquals(200, Http.patchJson("/api/v1/members/" + admin.id(), ownerToken, "{\"role\": \"MEMBER\"}")
                .statusCode());
        assertProblem(open(token), 404, "not-found");
        for (Endpoint e : endpoints(doc)) {
            assertEquals(404, e.call().apply(token, vt), e.name());
        }
    }

    @Test
    void sl5_theNPlusFirstSessionIsGoneWhileEarlierSessionsKeepWorking() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, "\"maxViews\": 2");
        String token = created.getString("token");
        String first = visitor(token, "{}");
        visitor(token, "{}");
        assertProblem(session(token, "{}"), 410, "gone");
        assertProblem(open(token), 410, "gone");
        assertEquals(200, bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/pages/1", first)
                .statusCode());
        assertEquals(2, Http.json(Http.get("/api/v1/share-links/" + created.getString("id"), ownerToken))
                .getInt("views"));
    }

    @Test
    void sl6_sl13_aPasswordIsRequiredAndItsChangeEndsOpenSessions() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, "\"password\": \"correct horse\"");
        String token = created.getString("token");
        assertEquals(Set.of("password"), strings(Http.json(open(token)).getJsonArray("requires")));
        HttpResponse<String> none = session(token, "{}");
        assertProblem(none, 401, "credentials-required");
        assertEquals(Set.of("password"), strings(requires(none)));
        assertVisitorHeaders(none);
        assertProblem(session(token, "{\"password\": \"wrong horse\"}"), 401, "credentials-required");
        String vt = visitor(token, "{\"password\": \"correct horse\"}");
        assertEquals(200, visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode());
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken,
                "{\"password\": \"battery staple\"}").statusCode());
        HttpResponse<String> ended = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
        assertProblem(ended, 401, "credentials-required");
        assertProblem(session(token, "{\"password\": \"correct horse\"}"), 401, "credentials-required");
        visitor(token, "{\"password\": \"battery staple\"}");
    }

    @Test
    void sl13_aChangeOfTheEmailRulesOrTheNdaEndsOpenSessionsOtherSettingsDoNot() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        for (String change : List.of("{\"requireEmail\": true}", "{\"verifyEmail\": true}",
                "{\"allowEmails\": [\"ann@example.com\"]}", "{\"allowDomains\": [\"example.com\"]}",
                "{\"denyEmails\": [\"eve@example.com\"]}", "{\"denyDomains\": [\"rival.com\"]}",
                "{\"ndaText\": \"Keep it to yourself.\"}")) {
            JsonObject created = link(ownerToken, "DOCUMENT", doc, null);
            String token = created.getString("token");
            String vt = visitor(token, "{}");
            assertEquals(200, visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode());
            HttpResponse<String> patched = Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken,
                    change);
            assertEquals(200, patched.statusCode(), change + ": " + patched.body());
            HttpResponse<String> ended = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
            assertEquals(401, ended.statusCode(), "after " + change + " the open session ends: " + ended.body());
        }
        // the other settings leave an open visit alone
        JsonObject created = link(ownerToken, "DOCUMENT", doc, null);
        String token = created.getString("token");
        String vt = visitor(token, "{}");
        for (String change : List.of("{\"name\": \"Renamed\"}", "{\"maxViews\": 50}", "{\"allowDownload\": true}",
                "{\"watermark\": {\"enabled\": true, \"text\": \"{email}\"}}",
                "{\"expiresAt\": \"2099-01-01T00:00:00Z\"}")) {
            HttpResponse<String> patched = Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken,
                    change);
            assertEquals(200, patched.statusCode(), change + ": " + patched.body());
            HttpResponse<String> still = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
            assertEquals(200, still.statusCode(), "after " + change + " the open session goes on: " + still.body());
        }
    }

    @Test
    void sl7_emailRulesAllowAndDenyCaseInsensitiveWithExactAndWildcardDomains() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, "\"allowDomains\": [\"Example.com\", \"*.partner.org\"],"
                + " \"allowEmails\": [\"Solo@Else.net\"], \"denyEmails\": [\"mallory@example.com\"]")
                .getString("token");
        assertEquals(Set.of("email"), strings(requires(session(token, "{}"))));
        visitor(token, "{\"email\": \"Alice@EXAMPLE.com\"}");
        visitor(token, "{\"email\": \"solo@else.net\"}");
        visitor(token, "{\"email\": \"bob@deep.sub.partner.org\"}");
        assertProblem(session(token, "{\"email\": \"bob@partner.org\"}"), 403, "forbidden");
        assertProblem(session(token, "{\"email\": \"eve@sub.example.com\"}"), 403, "forbidden");
        assertProblem(session(token, "{\"email\": \"eve@badexample.com\"}"), 403, "forbidden");
        assertProblem(session(token, "{\"email\": \"MALLORY@example.com\"}"), 403, "forbidden");
        String deny = link(ownerToken, "DOCUMENT", doc, "\"requireEmail\": true, \"denyDomains\": [\"rival.com\"]")
                .getString("token");
        visitor(deny, "{\"email\": \"ok@friend.com\"}");
        assertProblem(session(deny, "{\"email\": \"spy@RIVAL.com\"}"), 403, "forbidden");
        visitor(deny, "{\"email\": \"x@sub.rival.com\"}");
    }

    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    static String code(String mail) {
        Matcher m = CODE.matcher(mail);
        assertTrue(m.find(), mail);
        return m.group(1);
    }

    @Test
    void sl8_anEmailCodeIsSixDigitsSingleUseTenMinutesAndFiveTries() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, "\"verifyEmail\": true").getString("token");
        String email = "visitor-" + suffix + "@v.test";
        HttpResponse<String> asked = session(token, "{\"email\": \"" + email + "\"}");
        assertProblem(asked, 401, "credentials-required");
        assertEquals(Set.of("emailCode"), strings(requires(asked)));
        String code = code(ItMail.awaitMail(email, 1));
        assertProblem(session(token, "{\"email\": \"" + email + "\", \"emailCode\": \""
                + (code.equals("000000") ? "000001" : "000000") + "\"}"), 401, "credentials-required");
        visitor(token, "{\"email\": \"" + email + "\", \"emailCode\": \"" + code + "\"}");
        assertProblem(session(token, "{\"email\": \"" + email + "\", \"emailCode\": \"" + code + "\"}"), 401,
                "credentials-required");

        session(token, "{\"email\": \"" + email + "\"}");
        String second = code(ItMail.awaitMail(email, 2));
        for (int i = 0; i < 5; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(second) + 1 + i) % 1_000_000);
            session(token, "{\"email\": \"" + email + "\", \"emailCode\": \"" + wrong + "\"}");
        }
        assertProblem(session(token, "{\"email\": \"" + email + "\", \"emailCode\": \"" + second + "\"}"), 401,
                "credentials-required");

        session(token, "{\"email\": \"" + email + "\"}");
        String third = code(ItMail.awaitMail(email, 3));
        ItClock.advance(Duration.ofMinutes(11));
        assertProblem(session(token, "{\"email\": \"" + email + "\", \"emailCode\": \"" + third + "\"}"), 401,
                "credentials-required");
    }

    @Test
    void sl9_downloadsOffAnswer403OnEveryDownloadEndpoint() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, null).getString("token");
        String vt = visitor(token, "{}");
        for (Endpoint e : endpoints(doc)) {
            int status = e.call().apply(token, vt);
            if (e.download()) {
                assertEquals(403, status, e.name());
            } else {
                assertTrue(status < 300, e.name() + ": " + status);
            }
        }
    }

    @Test
    void sl10_sl15_overridesHideAndForbidAndTheZipHoldsExactlyTheVisibleDownloadableSet() throws Exception {
        String a = DataRoomsIT.createFolder(ownerToken, room, "A", null).getString("id");
        String b = DataRoomsIT.createFolder(ownerToken, room, "B", a).getString("id");
        String hidden = DataRoomsIT.createFolder(ownerToken, room, "Hidden", null).getString("id");
        String d1 = upload(ownerToken, null, "top.txt", "top".getBytes(StandardCharsets.UTF_8));
        String d2 = upload(ownerToken, a, "in-a.txt", "in a".getBytes(StandardCharsets.UTF_8));
        String d3 = upload(ownerToken, b, "in-b.txt", "in b".getBytes(StandardCharsets.UTF_8));
        String d4 = upload(ownerToken, b, "no-download.txt", "nd".getBytes(StandardCharsets.UTF_8));
        String d5 = upload(ownerToken, hidden, "secret.txt", "secret".getBytes(StandardCharsets.UTF_8));
        String token = link(ownerToken, "DATAROOM", room, "\"allowDownload\": true, \"itemOverrides\": ["
                + "{\"itemId\": \"" + hidden + "\", \"hidden\": true},"
                + "{\"itemId\": \"" + d5 + "\", \"hidden\": false},"
                + "{\"itemId\": \"" + b + "\", \"allowDownload\": false},"
                + "{\"itemId\": \"" + d3 + "\", \"allowDownload\": true}]").getString("token");
        String vt = visitor(token, "{}");
        HttpResponse<String> tree = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
        assertEquals(200, tree.statusCode(), tree.body());
        assertVisitorHeaders(tree);
        Set<String> visible = new TreeSet<>();
        Set<String> downloadable = new TreeSet<>();
        walk(Http.json(tree).getJsonArray("items"), "", visible, downloadable);
        assertEquals(Set.of("A", "A/B", "A/B/in-b.txt", "A/B/no-download.txt", "A/in-a.txt", "top.txt"), visible,
                "a hidden folder hides everything below it");
        assertEquals(Set.of("A/B/in-b.txt", "A/in-a.txt", "top.txt"), downloadable, "the most specific setting wins");
        assertEquals(404, bytes("/api/v1/public/links/" + token + "/documents/" + d5 + "/content", vt).statusCode());
        assertEquals(403, bytes("/api/v1/public/links/" + token + "/documents/" + d4 + "/content", vt).statusCode());
        assertEquals(200, bytes("/api/v1/public/links/" + token + "/documents/" + d3 + "/content", vt).statusCode());

        HttpResponse<byte[]> zip = bytes("/api/v1/public/links/" + token + "/zip", vt);
        assertEquals(200, zip.statusCode());
        assertVisitorHeaders(zip);
        assertEquals(downloadable, zipEntries(zip.body()), "the zip holds exactly the visible, downloadable set");
        HttpResponse<byte[]> folderZip = bytes("/api/v1/public/links/" + token + "/zip?folderId=" + a, vt);
        assertEquals(Set.of("B/in-b.txt", "in-a.txt"), zipEntries(folderZip.body()));
        assertEquals(404, bytes("/api/v1/public/links/" + token + "/zip?folderId=" + hidden, vt).statusCode());
        assertTrue(d1 != null && d2 != null);
    }

    static void walk(JsonArray items, String prefix, Set<String> visible, Set<String> downloadable) {
        for (JsonValue v : items) {
            JsonObject n = v.asJsonObject();
            String path = prefix + n.getString("name");
            visible.add(path);
            if ("DOCUMENT".equals(n.getString("kind")) && n.getBoolean("allowDownload")) {
                downloadable.add(path);
            }
            if (!n.isNull("children")) {
                walk(n.getJsonArray("children"), path + "/", visible, downloadable);
            }
        }
    }

    static Set<String> zipEntries(byte[] zip) throws Exception {
        Set<String> names = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                in.readAllBytes();
            }
        }
        return names;
    }

    @Test
    void sl11_passwordGuessesAreThrottledPerLinkWithRetryAfterAndNeverSucceed() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, "\"password\": \"the real one\"").getString("token");
        int guesses = HEAVY ? 10_000 : 300;
        int successes = 0;
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < guesses; i++) {
            HttpResponse<String> r = session(token, "{\"password\": \"guess " + i + "\"}");
            if (r.statusCode() == 201) {
                successes++;
            } else if (r.statusCode() == 429) {
                limited++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(retryAfter);
            } else {
                assertEquals(401, r.statusCode(), r.body());
            }
        }
        assertEquals(0, successes);
        assertTrue(limited >= guesses - 20, "at most 20 failures are tried: " + limited);
        assertTrue(retryAfter != null && Long.parseLong(retryAfter) > 0);
        assertProblem(session(token, "{\"password\": \"the real one\"}"), 429, "rate-limited");
        String other = link(ownerToken, "DOCUMENT", doc, "\"password\": \"another one\"").getString("token");
        Http.clientAddress = freshAddress(); // fresh: throttle rows outlive runs
        for (int i = 0; i < 20; i++) {
            assertEquals(401, session(other, "{\"password\": \"nope " + i + "\"}").statusCode());
        }
        assertEquals(429, session(other, "{\"password\": \"another one\"}").statusCode(), "per client address too");
    }

    /** An IPv6 address in a /64 of its own (per-address limits count an IPv6 client by its /64, ID-31). */
    static String freshAddress() {
        java.util.Random random = new java.util.Random();
        return "2001:db8:" + Integer.toHexString(random.nextInt(0xffff)) + ":"
                + Integer.toHexString(random.nextInt(0xffff)) + "::26";
    }

    @Test
    void sl26_anAddressOverItsLimitStillOpensAnotherLinkWithItsCorrectPasswordOrCode() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String guessed = link(ownerToken, "DOCUMENT", doc, "\"password\": \"the real one\"").getString("token");
        String other = link(ownerToken, "DOCUMENT", doc, "\"password\": \"another one\"").getString("token");
        String coded = link(ownerToken, "DOCUMENT", doc, "\"verifyEmail\": true").getString("token");
        Http.clientAddress = freshAddress();
        for (int i = 0; i < 20; i++) {
            assertProblem(session(guessed, "{\"password\": \"guess " + i + "\"}"), 401, "credentials-required");
        }
        assertProblem(session(guessed, "{\"password\": \"guess more\"}"), 429, "rate-limited");

        HttpResponse<String> correct = session(other, "{\"password\": \"another one\"}");
        assertEquals(201, correct.statusCode(), "a correct password of another link is never refused: "
                + correct.body());
        assertEquals(200, visitorGet("/api/v1/public/links/" + other + "/tree",
                Http.json(correct).getString("visitorToken")).statusCode());
        HttpResponse<String> wrong = session(other, "{\"password\": \"a guess\"}");
        assertProblem(wrong, 429, "rate-limited");
        assertTrue(Long.parseLong(wrong.headers().firstValue("Retry-After").orElseThrow()) > 0);

        String email = "over-" + suffix + "@v.test";
        assertProblem(session(coded, "{\"email\": \"" + email + "\"}"), 401, "credentials-required");
        String code = code(ItMail.awaitMail(email, 1));
        HttpResponse<String> byCode = session(coded, "{\"email\": \"" + email + "\", \"emailCode\": \"" + code
                + "\"}");
        assertEquals(201, byCode.statusCode(), "a correct code of another link is never refused: " + byCode.body());

        Http.clientAddress = freshAddress();
        assertProblem(session(other, "{\"password\": \"a guess elsewhere\"}"), 401, "credentials-required");
    }

    /** {@code n} session requests with the same body at once; their status codes. */
    static List<Integer> atOnce(String token, String json, int n) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return session(token, json).statusCode();
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : answers) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sl27_ofConcurrentSessionsWithOneEmailCodeExactlyOneIsCreated() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, "\"verifyEmail\": true").getString("token");
        String email = "race-" + suffix + "@v.test";
        session(token, "{\"email\": \"" + email + "\"}");
        String code = code(ItMail.awaitMail(email, 1));
        List<Integer> raced = atOnce(token, "{\"email\": \"" + email + "\", \"emailCode\": \"" + code + "\"}", 10);
        assertEquals(1, raced.stream().filter(s -> s == 201).count(), "one session per code: " + raced);
        assertEquals(9, raced.stream().filter(s -> s == 401).count(), "the others are refused: " + raced);
    }

    @Test
    void sl27_concurrentWrongCodesAreAllCountedAndNeverBeyondFiveTries() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String email = "tries-" + suffix + "@v.test";
        String counted = link(ownerToken, "DOCUMENT", doc, "\"verifyEmail\": true").getString("token");
        session(counted, "{\"email\": \"" + email + "\"}");
        String second = code(ItMail.awaitMail(email, 1));
        String wrong = String.format("%06d", (Integer.parseInt(second) + 1) % 1_000_000);
        List<Integer> guesses = atOnce(counted, "{\"email\": \"" + email + "\", \"emailCode\": \"" + wrong
                + "\"}", 24);
        assertTrue(guesses.stream().allMatch(s -> s == 401 || s == 429), "wrong codes: " + guesses);
        try (java.sql.Connection c = asTenant(); var q = c.prepareStatement(
                "select c.tries, i.used_at from email_codes c join token_index i on i.token_hash = c.code_hash"
                        + " where c.email = ? order by c.created_at desc limit 1")) {
            q.setString(1, email);
            try (var rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1), "exactly five tries are counted, none lost, none beyond");
                assertEquals(null, rs.getTimestamp(2));
            }
        }
        HttpResponse<String> late = session(counted, "{\"email\": \"" + email + "\", \"emailCode\": \"" + second
                + "\"}");
        assertTrue(late.statusCode() == 401 || late.statusCode() == 429, "the right code after five wrong tries: "
                + late.body());
    }

    @Test
    void sl28_aHeadNeverRedeemsALinkTicket() throws Exception {
        byte[] bytes = "ticket bytes for a head".getBytes(StandardCharsets.UTF_8);
        String doc = upload(ownerToken, null, "h.txt", bytes);
        String token = link(ownerToken, "DOCUMENT", doc, "\"allowDownload\": true").getString("token");
        String vt = visitor(token, "{}");
        String path = URI.create(Http.json(visitorPost("/api/v1/public/links/" + token + "/documents/" + doc
                + "/download-ticket", vt, "")).getString("url")).getPath();
        HttpResponse<String> head = Http.send(Http.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, head.statusCode(), "a HEAD (a link scanner, a prefetch) is refused");
        assertEquals("GET", head.headers().firstValue("Allow").orElse(null));
        HttpResponse<byte[]> get = bytes(path, null);
        assertEquals(200, get.statusCode(), "the ticket is still unused after the HEAD");
        assertArrayEquals(bytes, get.body());
        assertEquals(404, bytes(path, null).statusCode(), "single use");
    }

    @Test
    void sl12_anNdaMustBeAcceptedAndItsAcceptanceIsRecordedPerVersion() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, "\"requireEmail\": true, \"ndaText\": \"Keep it secret.\"");
        String token = created.getString("token");
        JsonObject intro = Http.json(open(token));
        assertEquals("Keep it secret.", intro.getString("ndaText"));
        assertEquals(Set.of("email", "nda"), strings(intro.getJsonArray("requires")));
        assertEquals(Set.of("nda"), strings(requires(session(token, "{\"email\": \"n@n.test\"}"))));
        String vt = visitor(token, "{\"email\": \"n@n.test\", \"ndaAccepted\": true}");
        Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken, "{\"ndaText\": \"Version 2.\"}");
        assertEquals(401, visitorGet("/api/v1/public/links/" + token + "/tree", vt).statusCode(),
                "a new NDA ends every session");
        visitor(token, "{\"email\": \"n@n.test\", \"ndaAccepted\": true}");
        try (var c = asTenant(); var s = c.prepareStatement(
                "select nda_version, email from nda_acceptances where link_id = ? order by nda_version")) {
            s.setObject(1, UUID.fromString(created.getString("id")));
            var rs = s.executeQuery();
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("n@n.test", rs.getString(2));
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void sl13_visitorTokensAndAccessTokensAreNotInterchangeable() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 1);
        String token = link(ownerToken, "DOCUMENT", doc, null).getString("token");
        String vt = visitor(token, "{}");
        assertEquals(401, Http.get("/api/v1/me", vt).statusCode(), "a visitor token is no bearer token");
        assertProblem(visitorGet("/api/v1/public/links/" + token + "/tree", ownerToken), 401,
                "credentials-required");
        assertProblem(visitorGet("/api/v1/public/links/" + token + "/tree", null), 401, "credentials-required");
        String other = link(ownerToken, "DOCUMENT", doc, null).getString("token");
        assertEquals(401, visitorGet("/api/v1/public/links/" + other + "/tree", vt).statusCode(),
                "a visitor token is bound to its link");
        assertEquals(401, visitorGet("/api/v1/public/links/" + token + "/tree", vt.substring(0, vt.length() - 2)
                + "xx").statusCode());
    }

    @Test
    void sl14_theWatermarkIsInThePixelsAndStampedOnDownloadedPdfs() throws Exception {
        String doc = pdfDoc(null, "deck.pdf", 2);
        String token = link(ownerToken, "DOCUMENT", doc, "\"name\": \"Board pack\", \"allowDownload\": true,"
                + " \"requireEmail\": true, \"watermark\": {\"enabled\": true}").getString("token");
        Http.clientAddress = "198.51.100.23";
        String email = "reader-" + suffix + "@w.test";
        String vt = visitor(token, "{\"email\": \"" + email + "\"}");
        Instant issued = Instant.now();
        HttpResponse<byte[]> marked = bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/pages/1", vt);
        assertEquals(200, marked.statusCode());
        assertVisitorHeaders(marked);
        HttpResponse<byte[]> plain = bytes("/api/v1/documents/" + doc + "/pages/1", null, "Authorization",
                "Bearer " + ownerToken);
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(plain.body()));
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(marked.body()));
        assertEquals(original.getWidth(), served.getWidth());
        int differing = 0;
        for (int y = 0; y < original.getHeight(); y++) {
            for (int x = 0; x < original.getWidth(); x++) {
                if (original.getRGB(x, y) != served.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > original.getWidth() * 20, "the watermark changed the pixels: " + differing);
        // Re-draw the expected watermark (visitor email, time, address, link name) and compare pixel by pixel:
        // the server's image is the original with exactly this text burned in, and with another email it is not.
        boolean matched = false;
        for (long minute = -1; minute <= 1 && !matched; minute++) {
            String text = io.coffer.sharelinks.internal.Watermarks.text(null, email,
                    issued.plus(Duration.ofMinutes(minute)), "198.51.100.23", "Board pack");
            matched = similarity(io.coffer.documents.internal.Watermarking.draw(original, text), served) > 0.999;
        }
        assertTrue(matched, "the served page is the original with the visitor's watermark drawn in");
        String otherText = io.coffer.sharelinks.internal.Watermarks.text(null, "someone@else.test", issued,
                "198.51.100.23", "Board pack");
        assertTrue(similarity(io.coffer.documents.internal.Watermarking.draw(original, otherText), served) < 0.999);
        HttpResponse<byte[]> again = bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/pages/1", vt);
        assertArrayEquals(marked.body(), again.body(), "cached per visitor");

        HttpResponse<byte[]> pdf = bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/content", vt);
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertEquals(2, document.getNumberOfPages());
            for (int p = 1; p <= 2; p++) {
                var stripper = new org.apache.pdfbox.text.PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                assertTrue(stripper.getText(document).replaceAll("\\s", "").contains(email), "page " + p + " is stamped");
            }
        }
        HttpResponse<byte[]> range = bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/content", vt,
                "Range", "bytes=0-99");
        assertEquals(206, range.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(pdf.body(), 0, 100), range.body());
    }

    /**
     * SL-44, DOC-36: the visitor side answers with the members' ContentResponses: a stamped PDF (a file of documents'
     * renditions) is read by range from its middle exactly, its ETag answers If-None-Match with 304, and the
     * visitor-side headers stay on every answer (SL-16). From another address the PDF names that address: another
     * representation, another ETag.
     */
    @Test
    void sl44_doc36_aVisitorsStampedDownloadIsReadByRangeFromItsMiddleAndAnswers304ForItsETag() throws Exception {
        String doc = pdfDoc(null, "ranges.pdf", 3);
        Http.clientAddress = freshAddress(); // one address: the watermark names it, so another one is another PDF
        String token = link(ownerToken, "DOCUMENT", doc, "\"allowDownload\": true, \"requireEmail\": true,"
                + " \"watermark\": {\"enabled\": true}").getString("token");
        String vt = visitor(token, "{\"email\": \"ranges-" + suffix + "@w.test\"}");
        String content = "/api/v1/public/links/" + token + "/documents/" + doc + "/content";
        HttpResponse<byte[]> whole = bytes(content, vt);
        assertEquals(200, whole.statusCode());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertTrue(whole.body().length > 400, "a stamped PDF of three pages");

        HttpResponse<byte[]> middle = bytes(content, vt, "Range", "bytes=150-349");
        assertEquals(206, middle.statusCode());
        assertEquals("bytes 150-349/" + whole.body().length, middle.headers().firstValue("Content-Range")
                .orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.body(), 150, 350), middle.body());
        assertEquals(etag, middle.headers().firstValue("ETag").orElseThrow(), "the same representation");
        assertVisitorHeaders(middle);

        HttpResponse<byte[]> tail = bytes(content, vt, "Range", "bytes=-50");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.body(), whole.body().length - 50, whole.body().length),
                tail.body());

        HttpResponse<byte[]> unchanged = bytes(content, vt, "If-None-Match", etag);
        assertEquals(304, unchanged.statusCode());
        assertEquals(0, unchanged.body().length);
        assertEquals(etag, unchanged.headers().firstValue("ETag").orElseThrow());
        assertVisitorHeaders(unchanged);
        String here = Http.clientAddress;
        Http.clientAddress = freshAddress();
        HttpResponse<byte[]> elsewhere = bytes(content, vt, "If-None-Match", etag);
        assertEquals(200, elsewhere.statusCode(), "from another address the watermark, hence the PDF, differs");
        assertNotEquals(etag, elsewhere.headers().firstValue("ETag").orElseThrow());
        Http.clientAddress = here;

        HttpResponse<byte[]> past = bytes(content, vt, "Range", "bytes=" + whole.body().length + "-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + whole.body().length, past.headers().firstValue("Content-Range").orElseThrow());
        assertVisitorHeaders(past);
    }

    static double similarity(BufferedImage a, BufferedImage b) {
        long same = 0;
        long all = (long) a.getWidth() * a.getHeight();
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) == b.getRGB(x, y)) {
                    same++;
                }
            }
        }
        return (double) same / all;
    }

    @Test
    void sl16_aDownloadTicketWorksOnceWithoutHeadersAndVisitorAnswersNeverLeakReferrers() throws Exception {
        byte[] bytes = "ticket bytes".getBytes(StandardCharsets.UTF_8);
        String doc = upload(ownerToken, null, "t.txt", bytes);
        String token = link(ownerToken, "DOCUMENT", doc, "\"allowDownload\": true").getString("token");
        String vt = visitor(token, "{}");
        HttpResponse<String> ticket = visitorPost("/api/v1/public/links/" + token + "/documents/" + doc
                + "/download-ticket", vt, "");
        assertEquals(201, ticket.statusCode(), ticket.body());
        assertEquals(60, Http.json(ticket).getInt("expiresIn"));
        String path = URI.create(Http.json(ticket).getString("url")).getPath();
        HttpResponse<byte[]> first = bytes(path, null);
        assertEquals(200, first.statusCode());
        assertArrayEquals(bytes, first.body());
        assertVisitorHeaders(first);
        assertEquals(404, bytes(path, null).statusCode(), "single use");
        assertVisitorHeaders(visitorGet("/api/v1/public/links/" + token + "/nothing-here", vt));
    }

    @Test
    void doc30_aMembersTicketAndAVisitorsTicketWorkOnlyAtTheirOwnUrls() throws Exception {
        // one ticket table for both since issue 11: a ticket is redeemed only as the kind it was issued as
        byte[] bytes = "one table, two kinds".getBytes(StandardCharsets.UTF_8);
        String doc = upload(ownerToken, null, "k.txt", bytes);
        String token = link(ownerToken, "DOCUMENT", doc, "\"allowDownload\": true").getString("token");
        String vt = visitor(token, "{}");
        String visitorPath = URI.create(Http.json(visitorPost("/api/v1/public/links/" + token + "/documents/" + doc
                + "/download-ticket", vt, "")).getString("url")).getPath();
        HttpResponse<String> member = Http.postJson("/api/v1/documents/" + doc + "/download-ticket", ownerToken, "");
        assertEquals(201, member.statusCode(), member.body());
        String memberPath = URI.create(Http.json(member).getString("url")).getPath();
        String visitorTicket = visitorPath.substring(visitorPath.lastIndexOf('/') + 1);
        String memberTicket = memberPath.substring(memberPath.lastIndexOf('/') + 1);
        assertEquals(404, bytes("/api/v1/download-tickets/" + visitorTicket, null).statusCode(),
                "a visitor's ticket at the members' URL");
        assertEquals(404, bytes("/api/v1/public/link-tickets/" + memberTicket, null).statusCode(),
                "a member's ticket at the visitors' URL");
        HttpResponse<byte[]> asMember = bytes(memberPath, null);
        HttpResponse<byte[]> asVisitor = bytes(visitorPath, null);
        assertEquals(200, asMember.statusCode(), "the refusals above did not use the member's ticket up");
        assertArrayEquals(bytes, asMember.body());
        assertEquals(200, asVisitor.statusCode(), "nor the visitor's");
        assertArrayEquals(bytes, asVisitor.body());
    }

    @Test
    void sl40_aVisitorsTicketIsCheckedByTheLinksGateAtUseAndARefusalLeavesItUnused() throws Exception {
        byte[] bytes = "gate at use".getBytes(StandardCharsets.UTF_8);
        String doc = upload(ownerToken, null, "g.txt", bytes);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, "\"allowDownload\": true");
        String token = created.getString("token");
        String vt = visitor(token, "{}");
        String path = URI.create(Http.json(visitorPost("/api/v1/public/links/" + token + "/documents/" + doc
                + "/download-ticket", vt, "")).getString("url")).getPath();
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken,
                "{\"allowDownload\": false}").statusCode());
        HttpResponse<byte[]> refused = bytes(path, null);
        assertEquals(403, refused.statusCode(), "downloads were switched off after the ticket was issued");
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken,
                "{\"allowDownload\": true}").statusCode());
        HttpResponse<byte[]> later = bytes(path, null);
        assertEquals(200, later.statusCode(), "the refused redemption was rolled back: the ticket still works once");
        assertArrayEquals(bytes, later.body());
        assertEquals(404, bytes(path, null).statusCode(), "and only once");
    }

    /** A token of the link's shape that is not the link's: its first character changed (never to itself). */
    static String unknown(String token) {
        return (token.charAt(0) == 'x' ? 'y' : 'x') + token.substring(1);
    }

    @Test
    void sl17_gateMatrixEveryVisitorEndpointRefusesEveryUnmetControl() throws Exception {
        String doc = pdfDoc(null, "m.pdf", 1);
        String hiddenFolder = DataRoomsIT.createFolder(ownerToken, room, "Hidden", null).getString("id");
        String hiddenDoc = upload(ownerToken, hiddenFolder, "h.pdf", DocumentsIT.pdf(1, 612, 792));
        JsonObject created = link(ownerToken, "DATAROOM", room, "\"allowDownload\": true, \"requireEmail\": true,"
                + " \"itemOverrides\": [{\"itemId\": \"" + hiddenFolder + "\", \"hidden\": true}]");
        String token = created.getString("token");
        String id = created.getString("id");
        String vt = visitor(token, "{\"email\": \"m@m.test\"}");
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints(doc)) {
            int ok = e.call().apply(token, vt);
            if (ok >= 300) {
                failures.add(e.name() + " allowed → " + ok);
            }
            expect(failures, e, "no visitor token", e.call().apply(token, null), 401);
            expect(failures, e, "forged visitor token", e.call().apply(token, vt + "x"), 401);
            expect(failures, e, "unknown link", e.call().apply(unknown(token), vt), 404);
        }
        for (Endpoint e : endpoints(hiddenDoc)) {
            if (!e.name().equals("tree") && !e.name().equals("zip")) {
                expect(failures, e, "hidden item", e.call().apply(token, vt), e.name().equals("events") ? 400 : 404);
            }
        }
        Http.patchJson("/api/v1/share-links/" + id, ownerToken, "{\"denyEmails\": [\"m@m.test\"]}");
        for (Endpoint e : endpoints(doc)) {
            expect(failures, e, "email rules changed", e.call().apply(token, vt), 401);
        }
        String vt2 = visitor(token, "{\"email\": \"n@m.test\"}");
        Http.patchJson("/api/v1/share-links/" + id, ownerToken, "{\"allowDownload\": false}");
        for (Endpoint e : endpoints(doc)) {
            int status = e.call().apply(token, vt2);
            expect(failures, e, "downloads off", status, e.download() ? 403 : status < 300 ? status : -1);
        }
        assertEquals(204, Http.send(Http.request("/api/v1/share-links/" + id)
                .header("Authorization", "Bearer " + ownerToken).DELETE()).statusCode());
        for (Endpoint e : endpoints(doc)) {
            expect(failures, e, "revoked", e.call().apply(token, vt2), 404);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    static void expect(List<String> failures, Endpoint e, String control, int actual, int expected) {
        if (actual != expected) {
            failures.add(e.name() + " × " + control + ": expected " + expected + ", got " + actual);
        }
    }


    // ---- reach: who a link acts for (SL-18..SL-21) --------------------------------------------------------------

    /** A visitor's tree of a link without password, as its raw body (names and ids of everything it shows). */
    static String visitorTree(String token) {
        String vt = visitor(token, "{}");
        HttpResponse<String> tree = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
        assertEquals(200, tree.statusCode(), tree.body());
        return tree.body();
    }

    static void assertNotServed(String token, String vt, String doc) {
        assertEquals(404, bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/pages/1", vt).statusCode(),
                "page of " + doc);
        assertEquals(404, bytes("/api/v1/public/links/" + token + "/documents/" + doc + "/content", vt).statusCode(),
                "content of " + doc);
    }

    /** Folder Deal with Deal/Open and Deal/Secret, a PDF in each; {@code who} manages Deal and holds NONE on Secret. */
    record Deal(String folder, String open, String secret, String openDoc, String secretDoc) {
    }

    Deal deal(ItDatabase.User who) throws Exception {
        String t = DataRoomsIT.createFolder(ownerToken, room, "Deal", null).getString("id");
        String open = DataRoomsIT.createFolder(ownerToken, room, "Open", t).getString("id");
        String secret = DataRoomsIT.createFolder(ownerToken, room, "Secret", t).getString("id");
        Deal deal = new Deal(t, open, secret, pdfDoc(open, "open.pdf", 1), pdfDoc(secret, "secret-terms.pdf", 1));
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", who.id().toString(), t, "MANAGE"),
                Api.grant("USER", who.id().toString(), secret, "NONE"))).statusCode());
        return deal;
    }

    @Test
    void sl18_aManagersChangeOfReachNeverShowsThroughTheLinkWhatTheyCannotSee() throws Exception {
        ItDatabase.User member = ItDatabase.user(tenant, "co-" + suffix + "@l.test", "MEMBER");
        String memberToken = Tokens.login(member);
        Deal deal = deal(member);
        String t = deal.folder();
        String open = deal.open();
        String secret = deal.secret();
        String openDoc = deal.openDoc();
        String secretDoc = deal.secretDoc();
        JsonObject created = link(adminToken, "FOLDER", t, "\"password\": \"s3cret-phrase\", \"watermark\": "
                + "{\"enabled\": true}, \"itemOverrides\": [{\"itemId\": \"" + secret + "\", \"hidden\": true}]");
        String token = created.getString("token");

        HttpResponse<String> patched = Http.patchJson("/api/v1/share-links/" + created.getString("id"), memberToken,
                "{\"itemOverrides\": [], \"password\": null, \"watermark\": {\"enabled\": false}, "
                        + "\"allowDownload\": true}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertFalse(Http.json(patched).getBoolean("hasPassword"));

        String vt = visitor(token, "{}");
        HttpResponse<String> tree = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
        assertEquals(200, tree.statusCode(), tree.body());
        Set<String> visible = new TreeSet<>();
        walk(Http.json(tree).getJsonArray("items"), "", visible, new TreeSet<>());
        assertEquals(Set.of("Open", "Open/open.pdf"), visible, "the link shows what both the creator and the "
                + "member who last set its reach may see");
        assertFalse(tree.body().contains(secret) || tree.body().contains(secretDoc)
                || tree.body().contains("Secret") || tree.body().contains("secret-terms"), tree.body());
        assertNotServed(token, vt, secretDoc);
        assertEquals(404, bytes("/api/v1/public/links/" + token + "/zip?folderId=" + secret, vt).statusCode());
        HttpResponse<byte[]> zip = bytes("/api/v1/public/links/" + token + "/zip", vt);
        assertEquals(200, zip.statusCode());
        assertEquals(Set.of("Open/open.pdf"), zipEntries(zip.body()));
        assertEquals(200, bytes("/api/v1/public/links/" + token + "/documents/" + openDoc + "/content", vt)
                .statusCode(), "what both hold is served");

        // the member's rights count now, at every request: losing Open takes it out of the link
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", member.id().toString(), t, "MANAGE"),
                Api.grant("USER", member.id().toString(), secret, "NONE"),
                Api.grant("USER", member.id().toString(), open, "NONE"))).statusCode());
        String after = visitorTree(token);
        assertFalse(after.contains(open) || after.contains(openDoc), after);
        assertNotServed(token, visitor(token, "{}"), openDoc);

        // the creator setting the reach again takes it back: the link then shows what the creator holds
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + created.getString("id"), adminToken,
                "{\"itemOverrides\": []}").statusCode());
        String back = visitorTree(token);
        assertTrue(back.contains(secretDoc) && back.contains(openDoc), back);
    }

    @Test
    void sl18_aLinkMadeOrChangedWithAnApiKeyNeverServesMoreThanTheKeyMayActWith() throws Exception {
        // the ADMIN holds MANAGE on folder Deal and nothing on Deal/Secret: as ADMIN they manage everything, but a
        // write key of theirs acts as MEMBER (ID-25), so a link it makes serves what a MEMBER with those grants sees
        Deal deal = deal(admin);
        String t = deal.folder();
        String secret = deal.secret();
        String openDoc = deal.openDoc();
        String secretDoc = deal.secretDoc();
        String keyToken = ApiKeyScopesIT.keyToken(adminToken, "\"write\"");

        JsonObject made = link(keyToken, "FOLDER", t, "\"allowDownload\": true");
        String token = made.getString("token");
        String tree = visitorTree(token);
        assertTrue(tree.contains(openDoc), tree);
        assertFalse(tree.contains(secret) || tree.contains(secretDoc) || tree.contains("secret-terms"), tree);
        assertNotServed(token, visitor(token, "{}"), secretDoc);

        // the ADMIN's own link on the same folder serves all of it; the key taking over its reach narrows it
        JsonObject own = link(adminToken, "FOLDER", t, "\"allowDownload\": true");
        assertTrue(visitorTree(own.getString("token")).contains(secretDoc), "an ADMIN's own session acts as ADMIN");
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + own.getString("id"), keyToken,
                "{\"itemOverrides\": []}").statusCode());
        String narrowed = visitorTree(own.getString("token"));
        assertTrue(narrowed.contains(openDoc), narrowed);
        assertFalse(narrowed.contains(secretDoc) || narrowed.contains("secret-terms"), narrowed);
        assertNotServed(own.getString("token"), visitor(own.getString("token"), "{}"), secretDoc);
    }

    @Test
    void sl20_aManagerMayNotLoosenTheProtectionsOfALinkThatShowsWhatTheyCannotSee() throws Exception {
        ItDatabase.User member = ItDatabase.user(tenant, "co-" + suffix + "@l.test", "MEMBER");
        String memberToken = Tokens.login(member);
        Deal deal = deal(member);
        String t = deal.folder();
        String secret = deal.secret();
        String secretDoc = deal.secretDoc();
        JsonObject created = link(adminToken, "FOLDER", t, "\"password\": \"s3cret-phrase\", \"watermark\": "
                + "{\"enabled\": true}, \"maxViews\": 50");
        String id = created.getString("id");
        String token = created.getString("token");
        for (String loosening : List.of("{\"password\": null}", "{\"password\": \"another-one\"}",
                "{\"watermark\": {\"enabled\": false}}", "{\"maxViews\": null}", "{\"maxViews\": 51}")) {
            assertProblem(Http.patchJson("/api/v1/share-links/" + id, memberToken, loosening), 403, "forbidden");
        }
        JsonObject kept = Http.json(Http.get("/api/v1/share-links/" + id, adminToken));
        assertTrue(kept.getBoolean("hasPassword"));
        assertTrue(kept.getJsonObject("watermark").getBoolean("enabled"));
        assertEquals(50, kept.getInt("maxViews"));
        assertEquals(Set.of("password"), strings(requires(open(token))), "the password still guards the link");
        String vt = visitor(token, "{\"password\": \"s3cret-phrase\"}");
        assertEquals(200, bytes("/api/v1/public/links/" + token + "/documents/" + secretDoc + "/pages/1", vt)
                .statusCode(), "nothing of the link changed");

        // tightening and renaming are every manager's right, and leave the reach as it was
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + id, memberToken,
                "{\"maxViews\": 40, \"name\": \"Q3\", \"requireEmail\": true}").statusCode());
        String vt2 = visitor(token, "{\"password\": \"s3cret-phrase\", \"email\": \"v@x.test\"}");
        assertEquals(200, bytes("/api/v1/public/links/" + token + "/documents/" + secretDoc + "/pages/1", vt2)
                .statusCode());
        // the creator may loosen it
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + id, adminToken, "{\"password\": null}")
                .statusCode());
    }

    @Test
    void sl19_aHiddenFolderStaysHiddenWhenItsCreatorsTreeHoistsWhatIsBelowIt() throws Exception {
        ItDatabase.User carol = ItDatabase.user(tenant, "carol-" + suffix + "@l.test", "MEMBER");
        String carolToken = Tokens.login(carol);
        String a = DataRoomsIT.createFolder(ownerToken, room, "A", null).getString("id");
        String b = DataRoomsIT.createFolder(ownerToken, room, "Inner", a).getString("id");
        String inB = pdfDoc(b, "inner-terms.pdf", 1);
        String top = pdfDoc(null, "top.pdf", 1);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", carol.id().toString(), null, "MANAGE"))).statusCode());
        String token = link(carolToken, "DATAROOM", room, "\"itemOverrides\": [{\"itemId\": \"" + a
                + "\", \"hidden\": true}]").getString("token");
        String before = visitorTree(token);
        assertTrue(before.contains(top) && !before.contains(inB), before);

        // carol loses A but keeps a grant on A/Inner: her own tree shows Inner at the top (PERM-7)
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", carol.id().toString(), null, "MANAGE"),
                Api.grant("USER", carol.id().toString(), a, "NONE"),
                Api.grant("USER", carol.id().toString(), b, "VIEW"))).statusCode());
        assertTrue(Http.get("/api/v1/datarooms/" + room + "/tree", carolToken).body().contains(b),
                "the hoisted folder is in carol's own tree");
        String vt = visitor(token, "{}");
        HttpResponse<String> tree = visitorGet("/api/v1/public/links/" + token + "/tree", vt);
        assertEquals(200, tree.statusCode(), tree.body());
        assertTrue(tree.body().contains(top), tree.body());
        assertFalse(tree.body().contains(b) || tree.body().contains(inB) || tree.body().contains("Inner")
                || tree.body().contains("inner-terms"), "the override hides A and all below it: " + tree.body());
        assertNotServed(token, vt, inB);
        assertEquals(404, bytes("/api/v1/public/links/" + token + "/zip?folderId=" + b, vt).statusCode());
    }

    @Test
    void sl46_aPageFromTheRememberedCheckStopsAtTheNextChange() throws Exception {
        String doc = pdfDoc(null, "a.pdf", 2);
        JsonObject created = link(ownerToken, "DOCUMENT", doc, "\"name\": \"remembered\"");
        String token = created.getString("token");
        String page = "/api/v1/public/links/" + token + "/documents/" + doc + "/pages/";
        String vt = visitor(token, "{}");
        for (int n : new int[]{1, 2, 1, 2}) { // the first page request checks the full way, the next ones from memory
            HttpResponse<byte[]> r = bytes(page + n, vt);
            assertEquals(200, r.statusCode());
            assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + created.getString("id"), ownerToken,
                "{\"password\": \"a new horse\"}").statusCode());
        assertEquals(401, bytes(page + "1", vt).statusCode(), "the password change ended the remembered session");
        String again = visitor(token, "{\"password\": \"a new horse\"}");
        assertEquals(200, bytes(page + "1", again).statusCode());
        assertEquals(200, bytes(page + "2", again).statusCode());
        assertEquals(204, Http.send(Http.request("/api/v1/share-links/" + created.getString("id"))
                .header("Authorization", "Bearer " + ownerToken).DELETE()).statusCode());
        assertEquals(404, bytes(page + "1", again).statusCode(), "revoked: one 404, at once");
        assertEquals(404, bytes(page + "2", again).statusCode());
    }
}
