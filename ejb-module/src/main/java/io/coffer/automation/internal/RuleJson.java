package io.coffer.automation.internal;

import io.coffer.automation.Rule;
import io.coffer.shared.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A rule's conditions and action as stored (jsonb): already validated, so read back without checks. */
final class RuleJson {
    private RuleJson() {
    }

    static String conditions(Rule.Conditions c) {
        JsonObjectBuilder b = JsonP.createObjectBuilder();
        put(b, "dataroomId", c.dataroomId());
        put(b, "linkId", c.linkId());
        put(b, "documentId", c.documentId());
        put(b, "email", c.email());
        put(b, "emailDomain", c.emailDomain());
        if (c.count() != null) {
            b.add("count", JsonP.createObjectBuilder().add("atLeast", c.count().atLeast())
                    .add("withinMinutes", c.count().withinMinutes()));
        }
        return b.build().toString();
    }

    static Rule.Conditions conditions(String json) {
        JsonObject o = read(json);
        Rule.Count count = null;
        if (o.containsKey("count")) {
            JsonObject c = o.getJsonObject("count");
            count = new Rule.Count(c.getInt("atLeast"), c.getInt("withinMinutes"));
        }
        return new Rule.Conditions(uuid(o, "dataroomId"), uuid(o, "linkId"), uuid(o, "documentId"),
                o.getString("email", null), o.getString("emailDomain", null), count);
    }

    static String action(Rule.Action a) {
        JsonObjectBuilder b = JsonP.createObjectBuilder().add("type", a.type());
        if (!a.to().isEmpty() || "EMAIL".equals(a.type())) {
            JsonArrayBuilder to = JsonP.createArrayBuilder();
            a.to().forEach(to::add);
            b.add("to", to);
        }
        put(b, "webhookId", a.webhookId());
        put(b, "text", a.text());
        if (a.debounceMinutes() != null) {
            b.add("debounceMinutes", a.debounceMinutes());
        }
        return b.build().toString();
    }

    static Rule.Action action(String json) {
        JsonObject o = read(json);
        List<String> to = new ArrayList<>();
        if (o.containsKey("to")) {
            o.getJsonArray("to").getValuesAs(JsonString.class).forEach(s -> to.add(s.getString()));
        }
        return new Rule.Action(o.getString("type"), to, uuid(o, "webhookId"), o.getString("text", null),
                o.containsKey("debounceMinutes") ? o.getInt("debounceMinutes") : null);
    }

    private static JsonObject read(String json) {
        try (JsonReader r = JsonP.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    private static void put(JsonObjectBuilder b, String key, Object value) {
        if (value != null) {
            b.add(key, value.toString());
        }
    }

    private static UUID uuid(JsonObject o, String key) {
        return o.containsKey(key) && !o.isNull(key) ? UUID.fromString(o.getString(key)) : null;
    }
}
