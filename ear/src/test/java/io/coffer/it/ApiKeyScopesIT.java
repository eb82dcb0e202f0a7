package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ID-25..ID-27 and PERM-16: an API key acts as MEMBER everywhere unless its scope is {@code admin}, never above its
 * creator's current role, and only within its scope ({@code read}: GET and HEAD only). The authorization matrix
 * ({@link AuthorizationMatrixIT}) checks the same on every endpoint; these tests look at content.
 */
class ApiKeyScopesIT {
    UUID tenant;
    ItDatabase.User owner;
    ItDatabase.User admin;
    String ownerToken;
    String adminToken;
    String room;
    String folder;
    String link;

    @BeforeEach
    void tenant() {
        tenant = ItDatabase.tenant("keyscopes");
        String s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@ks.test", "OWNER");
        admin = ItDatabase.user(tenant, "admin-" + s + "@ks.test", "ADMIN");
        ownerToken = Tokens.accessToken(owner);
        adminToken = Tokens.accessToken(admin);
        // the OWNER's room: the ADMIN holds no grant on it (sees it only through the ADMIN role)
        room = Api.room(ownerToken, "Owner's room " + s);
        folder = Api.folder(ownerToken, room, "Board " + s, null);
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"FOLDER\", \"id\": \"" + folder + "\"}, \"name\": \"Board link\", \"password\": \"a link password\","
                + " \"allowDownload\": false, \"watermark\": {\"enabled\": true}}");
        assertEquals(201, created.statusCode(), created.body());
        link = Http.json(created).getString("id");
    }

    /** A key of {@code creator} with these scopes, exchanged for an access token. */
    static String keyToken(String creatorToken, String scopes) {
        HttpResponse<String> key = Http.postJson("/api/v1/api-keys", creatorToken,
                "{\"name\": \"k" + UUID.randomUUID() + "\", \"scopes\": [" + scopes + "]}");
        assertEquals(201, key.statusCode(), key.body());
        HttpResponse<String> token = Http.postJson("/api/v1/auth/token", null,
                "{\"apiKey\": \"" + Http.json(key).getString("key") + "\"}");
        assertEquals(200, token.statusCode(), token.body());
        return Http.json(token).getString("accessToken");
    }

    static HttpResponse<String> delete(String path, String token) {
        return Http.send(Http.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    JsonObject linkAsOwner() {
        HttpResponse<String> r = Http.get("/api/v1/share-links/" + link, ownerToken);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    @Test
    void perm16_aReadKeyOfAnAdminListsNoLinkOfARoomWhereTheAdminHoldsNoGrant() {
        // the ADMIN's own session sees the link (tenant admins manage everything): the fixture is what we think it is
        assertTrue(Http.get("/api/v1/share-links", adminToken).body().contains(link));
        String read = keyToken(adminToken, "\"read\"");
        for (String query : new String[] {"", "?targetId=" + folder, "?targetId=" + room}) {
            HttpResponse<String> list = Http.get("/api/v1/share-links" + query, read);
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(0, Http.json(list).getJsonArray("items").size(), query + ": " + list.body());
            assertFalse(list.body().contains(link), "the listing names a link of a room the key cannot see");
            assertFalse(list.body().contains(folder), "the listing names the foreign folder");
        }
        assertProblem(Http.get("/api/v1/share-links/" + link, read), 404, "not-found");
    }

    @Test
    void perm16_aKeyOfAnAdminCannotChangeOrRevokeLinksOfARoomWhereTheAdminHoldsNoGrant() {
        for (String scopes : new String[] {"\"read\"", "\"write\"", "\"read\", \"write\""}) {
            String key = keyToken(adminToken, scopes);
            HttpResponse<String> patch = Http.patchJson("/api/v1/share-links/" + link, key,
                    "{\"password\": null, \"allowDownload\": true, \"watermark\": {\"enabled\": false}}");
            assertTrue(patch.statusCode() == 403 || patch.statusCode() == 404, scopes + ": " + patch.body());
            assertProblem(patch, patch.statusCode(), patch.statusCode() == 403 ? "forbidden" : "not-found");
            HttpResponse<String> revoke = delete("/api/v1/share-links/" + link, key);
            assertTrue(revoke.statusCode() == 403 || revoke.statusCode() == 404, scopes + ": " + revoke.body());
            JsonObject after = linkAsOwner();
            assertTrue(after.getBoolean("hasPassword"), scopes + ": the password was dropped");
            assertFalse(after.getBoolean("allowDownload"), scopes + ": downloads were allowed");
            assertTrue(after.getJsonObject("watermark").getBoolean("enabled"), scopes + ": the watermark went");
            assertTrue(after.isNull("revokedAt"), scopes + ": the link was revoked");
        }
        // a write key acts as MEMBER: the room is not found for it at all (the uniform 404)
        String write = keyToken(adminToken, "\"write\"");
        assertProblem(Http.patchJson("/api/v1/share-links/" + link, write, "{\"name\": \"x\"}"), 404, "not-found");
        assertProblem(delete("/api/v1/share-links/" + link, write), 404, "not-found");
        // with scope admin the key acts as its ADMIN creator
        String adminKey = keyToken(adminToken, "\"admin\"");
        assertEquals(200, Http.patchJson("/api/v1/share-links/" + link, adminKey, "{\"name\": \"renamed\"}")
                .statusCode());
        assertEquals("renamed", linkAsOwner().getString("name"));
    }

    @Test
    void perm16_aDownloadTicketIssuedWithAKeyIsRedeemedWithTheKeysCapNotItsCreatorsRole() throws Exception {
        // the ADMIN holds DOWNLOAD on the folder; their write key (acting as MEMBER) issues a ticket, then the grant
        // goes: as ADMIN the creator still manages everything, as the key they may no longer download
        assertEquals(200, Api.putGrants(ownerToken, room, java.util.List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"),
                Api.grant("USER", admin.id().toString(), folder, "DOWNLOAD"))).statusCode());
        String doc = Api.document(ownerToken, room, folder, "terms.pdf", PermissionsModelIT.ONE_PAGE);
        String key = keyToken(adminToken, "\"write\"");
        HttpResponse<String> issued = Http.postJson("/api/v1/documents/" + doc + "/download-ticket", key, "");
        assertEquals(201, issued.statusCode(), issued.body());
        String keyTicket = Http.json(issued).getString("url").substring(Http.BASE.length());
        String ownTicket = Http.json(Http.postJson("/api/v1/documents/" + doc + "/download-ticket", adminToken, ""))
                .getString("url").substring(Http.BASE.length());
        assertEquals(200, Api.putGrants(ownerToken, room, java.util.List.of(
                Api.grant("USER", owner.id().toString(), null, "MANAGE"))).statusCode());

        HttpResponse<byte[]> byKey = Http.CLIENT.send(Http.request(keyTicket).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(404, byKey.statusCode(), "the key may no longer download: its ticket serves nothing");
        assertFalse(new String(byKey.body(), java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        HttpResponse<byte[]> bySession = Http.CLIENT.send(Http.request(ownTicket).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bySession.statusCode(), "the ADMIN's own session still downloads as ADMIN");
        assertArrayEquals(PermissionsModelIT.ONE_PAGE, bySession.body());
    }

    @Test
    void id25_aReadKeyOnlyReadsOnEveryEndpoint() {
        String read = keyToken(ownerToken, "\"read\""); // the OWNER holds MANAGE on the room: only the scope refuses
        assertEquals(200, Http.get("/api/v1/datarooms/" + room, read).statusCode());
        assertEquals(200, Http.get("/api/v1/datarooms/" + room + "/tree", read).statusCode());
        assertEquals(200, Http.send(Http.request("/api/v1/datarooms/" + room).header("Authorization", "Bearer " + read)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode(), "HEAD is a safe method");
        assertProblem(Http.postJson("/api/v1/datarooms", read, "{\"name\": \"not by a read key\"}"), 403, "forbidden");
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/folders", read, "{\"name\": \"no\"}"), 403,
                "forbidden");
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/folders", read, "{\"invalid\": "), 403,
                "forbidden");
        assertProblem(Http.patchJson("/api/v1/folders/" + folder, read, "{\"name\": \"renamed\"}"), 403, "forbidden");
        assertProblem(Http.patchJson("/api/v1/me", read, "{\"displayName\": \"Renamed by a key\"}"), 403, "forbidden");
        assertProblem(Http.patchJson("/api/v1/share-links/" + link, read, "{\"name\": \"by a read key\"}"), 403,
                "forbidden");
        assertProblem(delete("/api/v1/share-links/" + link, read), 403, "forbidden");
        assertProblem(delete("/api/v1/folders/" + folder, read), 403, "forbidden");
        assertEquals("Board link", linkAsOwner().getString("name"), "nothing changed");
        assertEquals(200, Http.get("/api/v1/folders/" + folder, ownerToken).statusCode(), "nothing trashed");
        assertFalse(Http.get("/api/v1/datarooms", ownerToken).body().contains("not by a read key"));
        assertEquals("User " + owner.email(), Http.json(Http.get("/api/v1/me", ownerToken)).getString("displayName"));
    }

    @Test
    void id26_aWriteKeyWritesWhatAMemberMayAndNothingOfAnAdmin() {
        String write = keyToken(adminToken, "\"write\"");
        HttpResponse<String> created = Http.postJson("/api/v1/datarooms", write, "{\"name\": \"by a write key\"}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> renamed = Http.patchJson("/api/v1/me", write, "{\"displayName\": \"Renamed by a key\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals("MEMBER", Http.json(renamed).getString("role"), "PATCH /me answers the role the key acts with");
        assertProblem(Http.get("/api/v1/members", write), 403, "forbidden");
        assertProblem(Http.postJson("/api/v1/groups", write, "{\"name\": \"G\"}"), 403, "forbidden");
        assertProblem(Http.postJson("/api/v1/invitations", write, "{\"email\": \"i@ks.test\", \"role\": \"MEMBER\"}"),
                403, "forbidden");
        assertProblem(Http.postJson("/api/v1/api-keys", write, "{\"name\": \"x\", \"scopes\": [\"admin\"]}"), 403,
                "forbidden");
        // the room the ADMIN holds no grant on is not there for the key (MEMBER): not listed, not found
        assertFalse(Http.get("/api/v1/datarooms", write).body().contains(room));
        assertProblem(Http.get("/api/v1/datarooms/" + room, write), 404, "not-found");
        assertProblem(Http.get("/api/v1/folders/" + folder, write), 404, "not-found");
    }

    @Test
    void id27_anAdminKeyActsAsAdminNeverAsOwnerAndFallsWithItsCreator() {
        String ownersAdminKey = keyToken(ownerToken, "\"admin\"");
        assertEquals("ADMIN", Http.json(Http.get("/api/v1/me", ownersAdminKey)).getString("role"));
        assertEquals(200, Http.get("/api/v1/members", ownersAdminKey).statusCode());
        assertProblem(Api.role(ownersAdminKey, admin.id().toString(), "OWNER"), 403, "forbidden");
        assertProblem(Http.postJson("/api/v1/invitations", ownersAdminKey,
                "{\"email\": \"o@ks.test\", \"role\": \"OWNER\"}"), 403, "forbidden");

        String adminsKey = keyToken(adminToken, "\"admin\"");
        assertEquals(200, Http.get("/api/v1/members", adminsKey).statusCode());
        assertEquals(200, Api.role(ownerToken, admin.id().toString(), "MEMBER").statusCode());
        // the token exchanged before the demotion acts as MEMBER from the next request on
        assertEquals("MEMBER", Http.json(Http.get("/api/v1/me", adminsKey)).getString("role"));
        assertProblem(Http.get("/api/v1/members", adminsKey), 403, "forbidden");
        assertFalse(Http.get("/api/v1/share-links", adminsKey).body().contains(link));
        assertProblem(Http.patchJson("/api/v1/share-links/" + link, adminsKey, "{\"password\": null}"), 404,
                "not-found");
        assertProblem(Http.postJson("/api/v1/groups", adminsKey, "{\"name\": \"G\"}"), 403, "forbidden");
        assertTrue(linkAsOwner().getBoolean("hasPassword"));
    }

    @Test
    void id25_aKeyIsNeverAnsweredWhatItsCreatorsSessionWasAnsweredForAnIdempotencyKey() {
        String body = "{\"target\": {\"type\": \"FOLDER\", \"id\": \"" + folder + "\"}, \"name\": \"by the admin\"}";
        String idempotencyKey = UUID.randomUUID().toString();
        HttpResponse<String> first = Http.send(Http.request("/api/v1/share-links").header("Authorization", "Bearer "
                + adminToken).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, first.statusCode(), first.body());
        JsonObject made = Http.json(first);
        String write = keyToken(adminToken, "\"write\"");
        HttpResponse<String> again = Http.send(Http.request("/api/v1/share-links").header("Authorization", "Bearer "
                + write).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertTrue(again.statusCode() >= 400, "a key acting as MEMBER was answered the ADMIN's 201: " + again.body());
        assertFalse(again.body().contains(made.getString("token")), "the link's token reached the key");
        assertFalse(again.body().contains(made.getString("id")), "the link's id reached the key");
        assertTrue(again.headers().firstValue("Idempotency-Replayed").isEmpty());
    }
}
