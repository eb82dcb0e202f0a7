package io.coffer.api.activity;

import io.coffer.activity.ActivityItem;
import io.coffer.shared.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the activity stream and of erasure (contract: "Activity, automation, audit"). */
public final class ActivityDtos {
    private ActivityDtos() {
    }

    @Schema(name = "ActivityActor")
    @JsonbPropertyOrder({"type", "id", "email"})
    public record Actor(@Schema(required = true, enumeration = {"USER", "API_KEY", "VISITOR", "SYSTEM"}) String type,
                        @Schema(required = true, nullable = true, format = "uuid",
                                description = "The user, the API key or the visitor session; null for SYSTEM and for a"
                                        + " visitor before a session.") String id,
                        @Schema(maxLength = 254, description = "A visitor's email, when they gave one (absent once"
                                + " erased).") @JsonbNillable(false) String email) {
    }

    @Schema(name = "ActivityItem")
    @JsonbPropertyOrder({"id", "type", "at", "actor", "dataroomId", "documentId", "linkId", "data"})
    public record Item(@Schema(required = true, format = "uuid") String id,
                       @Schema(required = true, maxLength = 100, description = "The event type") String type,
                       @Schema(required = true) Instant at,
                       @Schema(required = true) Actor actor,
                       @Schema(format = "uuid") @JsonbNillable(false) String dataroomId,
                       @Schema(format = "uuid") @JsonbNillable(false) String documentId,
                       @Schema(format = "uuid") @JsonbNillable(false) String linkId,
                       @Schema(required = true, type = SchemaType.OBJECT,
                               description = "The event's other fields (never a secret); user: the user an API key"
                                       + " acted for") JsonObject data) {
        static Item of(ActivityItem i) {
            return new Item(i.id().toString(), i.type(), i.at(), new Actor(i.actorType(), text(i.actorId()),
                    i.actorEmail()), text(i.roomId()), text(i.documentId()), text(i.linkId()), json(i.dataJson()));
        }
    }

    @Schema(name = "ActivityPage")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Page(@Schema(required = true, maxItems = 200) List<Item> items,
                       @Schema(required = true, nullable = true, maxLength = 64,
                               description = "Pass as ?cursor= for the next page.") String nextCursor) {
    }

    @Schema(name = "ErasureRequest")
    public record ErasureRequest(@Schema(required = true, maxLength = 254, format = "email",
            description = "The visitor's email (any case)") String email) {
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static JsonObject json(String text) {
        if (text == null || text.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader r = JsonP.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }
}
