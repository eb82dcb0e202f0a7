package io.coffer.webhooks.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The one body of a delivery (WH-5): the contract's event {@code {id, type, at, actor, dataroomId?, documentId?,
 * linkId?, data}}, built from {@link EventFacts}. A visitor appears by session id, never by email (WH-5).
 */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    public static String body(UUID eventId, EventFacts f) {
        JsonObjectBuilder actor = JsonP.createObjectBuilder().add("type", f.actorType());
        if (f.actorId() != null) {
            actor.add("id", f.actorId().toString());
        } else {
            actor.addNull("id");
        }
        JsonObjectBuilder o = JsonP.createObjectBuilder()
                .add("id", eventId.toString())
                .add("type", f.type())
                .add("at", DateTimeFormatter.ISO_INSTANT.format(f.at().truncatedTo(ChronoUnit.MILLIS)))
                .add("actor", actor);
        if (f.roomId() != null) {
            o.add("dataroomId", f.roomId().toString());
        }
        if (f.documentId() != null) {
            o.add("documentId", f.documentId().toString());
        }
        if (f.linkId() != null) {
            o.add("linkId", f.linkId().toString());
        }
        JsonObjectBuilder data = JsonP.createObjectBuilder();
        f.data().forEach((k, v) -> add(data, k, v));
        return o.add("data", data).build().toString();
    }

    private static void add(JsonObjectBuilder o, String key, Object v) {
        if (v == null) {
            o.addNull(key);
        } else if (v instanceof Boolean b) {
            o.add(key, b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            o.add(key, ((Number) v).longValue());
        } else if (v instanceof Number n) {
            o.add(key, n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder inner = JsonP.createObjectBuilder();
            m.forEach((k, x) -> add(inner, String.valueOf(k), x));
            o.add(key, inner);
        } else if (v instanceof Collection<?> c) {
            JsonArrayBuilder a = JsonP.createArrayBuilder();
            for (Object x : c) {
                JsonObjectBuilder holder = JsonP.createObjectBuilder();
                add(holder, "v", x);
                a.add(holder.build().get("v"));
            }
            o.add(key, a);
        } else {
            o.add(key, v.toString());
        }
    }
}
