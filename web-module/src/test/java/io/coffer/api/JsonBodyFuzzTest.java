package io.coffer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AB-5: request bodies through Coffer's JSON-B configuration ({@link JsonConfig}: unknown fields refused) and its
 * JSON-P reader (PATCH bodies), over every request record of the API. Any text is refused with a 400
 * ({@link ValidationException}) or read into a value that is written and read back equal; nothing else is thrown
 * (a {@code JsonbException} or {@code NumberFormatException} escaping would be a 500).
 */
class JsonBodyFuzzTest {

    static final List<Class<?>> REQUESTS = List.of(
            io.coffer.api.datarooms.RoomDtos.RoomRequest.class,
            io.coffer.api.datarooms.RoomDtos.RoomPatch.class,
            io.coffer.api.datarooms.RoomDtos.FolderRequest.class,
            io.coffer.api.datarooms.RoomDtos.FolderPatch.class,
            io.coffer.api.automation.AutomationDtos.Request.class,
            io.coffer.api.automation.AutomationDtos.Digest.class,
            io.coffer.api.members.MemberDtos.InvitationRequest.class,
            io.coffer.api.members.MemberDtos.ApiKeyRequest.class,
            io.coffer.api.members.MemberDtos.MemberUpdate.class,
            io.coffer.api.webhooks.WebhookDtos.WebhookRequest.class,
            io.coffer.api.groups.GroupsResource.GroupRequest.class,
            io.coffer.api.auth.LoginRequest.class,
            io.coffer.api.activity.ActivityDtos.ErasureRequest.class,
            io.coffer.api.documents.DocumentResponse.Patch.class,
            io.coffer.api.sharelinks.ShareLinkDtos.Request.class);

    static void check(Class<?> type, String body) {
        Object value;
        try {
            value = JsonConfig.read(body, type);
        } catch (ValidationException e) {
            assertNotNull(e.getMessage());
            value = null;
        }
        if (value != null) {
            String written = JsonConfig.JSONB.toJson(value);
            assertEquals(value, JsonConfig.read(written, type), "written and read back: " + written);
        }
        JsonValue object;
        try {
            object = JsonConfig.readObject(body);
        } catch (ValidationException e) {
            return;
        }
        assertEquals(object, JsonConfig.readObject(object.toString()), "a JSON object written and read back");
    }

    @Test
    void ab5_everyRequestRecordReadsAValidBody() {
        // a body each record accepts, so that the fuzz target's round trip is reached for every one
        assertNotNull(JsonConfig.read("{\"name\":\"Deal\",\"description\":null}",
                io.coffer.api.datarooms.RoomDtos.RoomRequest.class));
        assertNotNull(JsonConfig.read("{\"target\":{\"type\":\"DOCUMENT\",\"id\":\"x\"},\"maxViews\":3,"
                + "\"allowEmails\":[\"a@b.c\"],\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
                io.coffer.api.sharelinks.ShareLinkDtos.Request.class));
        assertNotNull(JsonConfig.read("{\"name\":\"k\",\"scopes\":[\"read\"],\"expiresAt\":null}",
                io.coffer.api.members.MemberDtos.ApiKeyRequest.class));
        for (Class<?> type : REQUESTS) {
            check(type, "{}");
        }
    }

    @FuzzTest(maxDuration = "4s")
    void ab5_aRequestBodyIsRefusedWithA400OrReadAndRoundTrips(FuzzedDataProvider data) {
        Class<?> type = REQUESTS.get(data.consumeInt(0, REQUESTS.size() - 1));
        check(type, data.consumeRemainingAsString());
    }
}
