package io.coffer.automation.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.TenantId;
import io.coffer.shared.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox payload of one event for the rules: its id (the key of "once per event", AUTO-11) and its facts as
 * {@link EventFacts} read them (scalar data fields only; rules never need the others). Sealed at rest by the outbox.
 */
final class FactsJson {
    private FactsJson() {
    }

    record Work(UUID eventId, EventFacts facts) {
    }

    static String write(UUID eventId, EventFacts f) {
        JsonObjectBuilder b = JsonP.createObjectBuilder().add("eventId", eventId.toString())
                .add("tenant", f.tenant().toString()).add("type", f.type()).add("at", f.at().toString())
                .add("actorType", f.actorType()).add("denied", f.denied());
        put(b, "actorId", f.actorId());
        put(b, "visitorEmail", f.visitorEmail());
        put(b, "roomId", f.roomId());
        put(b, "documentId", f.documentId());
        put(b, "linkId", f.linkId());
        put(b, "sessionId", f.sessionId());
        put(b, "page", f.page());
        put(b, "seconds", f.seconds());
        put(b, "clientAddress", f.clientAddress());
        put(b, "objectType", f.objectType());
        put(b, "objectId", f.objectId());
        JsonObjectBuilder data = JsonP.createObjectBuilder();
        f.data().forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
                data.add(k, v.toString());
            }
        });
        return b.add("data", data).build().toString();
    }

    static Work read(String payload) {
        JsonObject o;
        try (JsonReader r = JsonP.createReader(new StringReader(payload))) {
            o = r.readObject();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        o.getJsonObject("data").forEach((k, v) -> data.put(k, ((jakarta.json.JsonString) v).getString()));
        EventFacts f = new EventFacts(new TenantId(UUID.fromString(o.getString("tenant"))), o.getString("type"),
                Instant.parse(o.getString("at")), o.getString("actorType"), uuid(o, "actorId"),
                text(o, "visitorEmail"), uuid(o, "roomId"), uuid(o, "documentId"), uuid(o, "linkId"),
                uuid(o, "sessionId"), integer(o, "page"), integer(o, "seconds"), text(o, "clientAddress"),
                text(o, "objectType"), uuid(o, "objectId"), o.getBoolean("denied"), data);
        return new Work(UUID.fromString(o.getString("eventId")), f);
    }

    private static void put(JsonObjectBuilder b, String key, Object value) {
        if (value instanceof Integer i) {
            b.add(key, i);
        } else if (value != null) {
            b.add(key, value.toString());
        }
    }

    private static String text(JsonObject o, String key) {
        return o.containsKey(key) && o.get(key).getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : null;
    }

    private static UUID uuid(JsonObject o, String key) {
        String s = text(o, key);
        return s == null ? null : UUID.fromString(s);
    }

    private static Integer integer(JsonObject o, String key) {
        return o.containsKey(key) && o.get(key).getValueType() == JsonValue.ValueType.NUMBER ? o.getInt(key) : null;
    }
}
