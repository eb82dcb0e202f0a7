package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.client.ApiClient;
import io.coffer.client.ApiException;
import io.coffer.client.api.AuthApi;
import io.coffer.client.api.DataroomsApi;
import io.coffer.client.api.DocumentsApi;
import io.coffer.client.api.ShareLinksApi;
import io.coffer.client.api.VisitorApi;
import io.coffer.client.model.DataRoom;
import io.coffer.client.model.DataRoomRequest;
import io.coffer.client.model.Document;
import io.coffer.client.model.LinkIntro;
import io.coffer.client.model.LinkTarget;
import io.coffer.client.model.LoginRequest;
import io.coffer.client.model.ShareLink;
import io.coffer.client.model.ShareLinkRequest;
import io.coffer.client.model.TokenResponse;
import io.coffer.client.model.VisitorCredentials;
import io.coffer.client.model.VisitorSession;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A real flow driven only through the Java client generated from the committed API description (API-7): login →
 * room → upload a PDF → share link → visitor session → page 1 as PNG. A description that does not match what the
 * server answers (a wrong status, a missing or misnamed field, a wrong media type) fails here or at compile time.
 */
class GeneratedClientIT {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static ApiClient client(String bearer) {
        ApiClient client = new ApiClient();
        client.setBasePath(Http.BASE);
        // a client address of its own, as every IT (the login throttle counts per address)
        client.addDefaultHeader("X-Forwarded-For", "198.51.100." + new java.util.Random().nextInt(250));
        if (bearer != null) {
            client.setBearerToken(bearer);
        }
        return client;
    }

    @Test
    void api7_theGeneratedClientLogsInUploadsSharesAndAVisitorSeesPageOneAsPng() throws Exception {
        UUID tenant = ItDatabase.tenant("client");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + UUID.randomUUID().toString().substring(0, 8)
                + "@client.test", "OWNER");

        TokenResponse token = new AuthApi(client(null)).login(new LoginRequest().tenant(owner.tenantSlug())
                .email(owner.email()).password(ItDatabase.PASSWORD));
        assertEquals("Bearer", token.getTokenType().getValue());
        assertTrue(token.getExpiresIn() > 0 && token.getExpiresIn() <= 900, "expiresIn " + token.getExpiresIn());
        ApiClient member = client(token.getAccessToken());

        DataRoom room = new DataroomsApi(member).createDataRoom(new DataRoomRequest().name("Client room"));
        assertEquals("Client room", room.getName());
        assertEquals("MANAGE", room.getMyPermission().getValue());

        byte[] pdf = DocumentsIT.pdf(2, 612, 792);
        Path file = Files.createTempFile("client-", ".pdf");
        Files.write(file, pdf);
        Document document = new DataroomsApi(member).uploadDocument(room.getId(), file.toFile(), null, "deck.pdf",
                null);
        assertEquals("deck.pdf", document.getName());
        assertEquals(pdf.length, document.getSize().longValue());
        assertEquals(2, document.getPageCount());
        assertEquals(1, document.getVersion());

        ShareLink link = new ShareLinksApi(member).createShareLink(new ShareLinkRequest()
                .target(new LinkTarget().type(LinkTarget.TypeEnum.DOCUMENT).id(document.getId())));
        assertNotNull(link.getToken());
        assertTrue(link.getUrl().toString().endsWith("/l/" + link.getToken()), link.getUrl().toString());
        assertEquals(document.getId(), link.getTarget().getId());
        ShareLink read = new ShareLinksApi(member).getShareLink(link.getId());
        assertNull(read.getToken(), "the token is shown once");

        VisitorApi visitor = new VisitorApi(client(null));
        LinkIntro intro = visitor.openLink(link.getToken());
        assertEquals("DOCUMENT", intro.getTargetType().getValue());
        assertTrue(intro.getRequires().isEmpty(), "requires " + intro.getRequires());
        VisitorSession session = visitor.startVisitorSession(link.getToken(), new VisitorCredentials());
        assertNotNull(session.getVisitorToken());

        // The generator's clients ask for JSON alone when an operation names a JSON type among its answers (here the
        // problem+json errors), and the server answers a PNG endpoint's Accept: application/problem+json with 406:
        // say which image is wanted, through the generated method's header map.
        File page = visitor.getLinkPage(document.getId(), "1", link.getToken(), session.getVisitorToken(),
                java.util.Map.of("Accept", "image/png"));
        byte[] png = Files.readAllBytes(page.toPath());
        assertTrue(png.length > PNG.length, "an empty page");
        assertArrayEquals(PNG, Arrays.copyOf(png, PNG.length), "page 1 is not a PNG");

        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> visitor.getLinkPage(document.getId(), "1", link.getToken(), "not-a-session",
                        java.util.Map.of("Accept", "image/png")));
        assertEquals(401, refused.getCode());
        assertTrue(refused.getResponseBody().contains("/problems/credentials-required"), refused.getResponseBody());
        Files.deleteIfExists(file);
    }

    /** The records that replaced hand-built JSON keep its shape: a field that was left out is still left out. */
    @Test
    void api5_recordAnswersKeepTheJsonShapeTheyHadAbsentFieldsStayAbsent() throws Exception {
        UUID tenant = ItDatabase.tenant("shape");
        String owner = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID() + "@shape.test", "OWNER"));
        String room = Api.room(owner, "Shape");
        String folder = Api.folder(owner, room, "F", null);
        String doc = Api.document(owner, room, folder, "a.pdf", DocumentsIT.pdf(1, 612, 792));
        jakarta.json.JsonObject created = Http.json(Http.postJson("/api/v1/share-links", owner,
                "{\"target\": {\"type\": \"DATAROOM\", \"id\": \"" + room + "\"}, \"itemOverrides\": [{\"itemId\": \""
                        + doc + "\", \"allowDownload\": true}]}"));
        assertTrue(created.containsKey("token") && created.containsKey("url"), created.toString());
        assertEquals(jakarta.json.JsonValue.NULL, created.get("name"), "a null name is written as null");
        assertEquals(jakarta.json.JsonValue.NULL, created.get("maxViews"));
        jakarta.json.JsonObject override = created.getJsonArray("itemOverrides").getJsonObject(0);
        assertEquals(java.util.Set.of("itemId", "allowDownload"), override.keySet(), "an absent override stays absent");
        jakarta.json.JsonObject read = Http.json(Http.get("/api/v1/share-links/" + created.getString("id"), owner));
        assertTrue(!read.containsKey("token") && !read.containsKey("url"), "token and url only at creation: " + read);
        assertEquals(created.getString("id"), read.getString("id"));
        jakarta.json.JsonObject list = Http.json(Http.get("/api/v1/share-links?targetId=" + room, owner));
        assertEquals(jakarta.json.JsonValue.NULL, list.get("nextCursor"));
        assertEquals(1, list.getJsonArray("items").size());

        jakarta.json.JsonObject intro = Http.json(Http.get("/api/v1/public/links/" + created.getString("token")));
        assertEquals(java.util.Set.of("name", "targetType", "requires", "branding"), intro.keySet(),
                "no ndaText without an NDA: " + intro);
        assertTrue(intro.getJsonObject("branding").containsKey("name"), intro.toString());
        var session = Http.json(Http.postJson("/api/v1/public/links/" + created.getString("token") + "/sessions",
                null, "{}"));
        assertEquals(java.util.Set.of("visitorToken", "expiresIn"), session.keySet());
        var tree = Http.json(Http.send(Http.request("/api/v1/public/links/" + created.getString("token") + "/tree")
                .header("X-Visitor-Token", session.getString("visitorToken")).GET()));
        jakarta.json.JsonObject top = tree.getJsonArray("items").getJsonObject(0);
        assertEquals(java.util.Set.of("id", "kind", "name", "index", "allowDownload", "children"), top.keySet());
        jakarta.json.JsonObject leaf = top.getJsonArray("children").getJsonObject(0);
        assertEquals(jakarta.json.JsonValue.NULL, leaf.get("children"), "a document's children are null: " + leaf);
    }
}
