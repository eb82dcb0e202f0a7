package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Short forms of the calls the permission tests make (rooms, folders, uploads, grants, groups, roles). */
final class Api {
    private Api() {
    }

    static HttpResponse<String> put(String path, String token, String json) {
        HttpRequest.Builder r = Http.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return Http.send(r);
    }

    static HttpResponse<String> delete(String path, String token) {
        HttpRequest.Builder r = Http.request(path).DELETE();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return Http.send(r);
    }

    static String room(String token, String name) {
        return DataRoomsIT.createRoom(token, name).getString("id");
    }

    static String folder(String token, String room, String name, String parent) {
        return DataRoomsIT.createFolder(token, room, name, parent).getString("id");
    }

    static HttpResponse<String> upload(String token, String room, String folder, String name, byte[] bytes) {
        return Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name="
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + (folder == null ? "" : "&folderId=" + folder))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    static String document(String token, String room, String folder, String name, byte[] bytes) {
        HttpResponse<String> r = upload(token, room, folder, name, bytes);
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    /** One grant as the contract writes it. */
    static String grant(String type, String principal, String folder, String permission) {
        return "{\"principal\": {\"type\": \"" + type + "\", \"id\": \"" + principal + "\"}, \"folderId\": "
                + (folder == null ? "null" : "\"" + folder + "\"") + ", \"permission\": \"" + permission + "\"}";
    }

    static HttpResponse<String> putGrants(String token, String room, java.util.Collection<String> grants) {
        return put("/api/v1/datarooms/" + room + "/grants", token, "[" + String.join(", ", grants) + "]");
    }

    static String group(String token, String name) {
        HttpResponse<String> r = Http.postJson("/api/v1/groups", token, "{\"name\": \"" + name + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    static HttpResponse<String> members(String token, String group, java.util.Collection<String> users) {
        return put("/api/v1/groups/" + group + "/members", token,
                "[" + String.join(", ", users.stream().map(u -> "\"" + u + "\"").toList()) + "]");
    }

    static HttpResponse<String> role(String token, String user, String role) {
        return Http.patchJson("/api/v1/members/" + user, token, "{\"role\": \"" + role + "\"}");
    }

    static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    static JsonObject tree(String token, String room) {
        return Http.json(Http.get("/api/v1/datarooms/" + room + "/tree", token));
    }
}
