package io.coffer.api.automation;

import io.coffer.automation.Rule;
import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A rule's create or PATCH body read field by field: unknown fields at any level → 400 (AUTO-4). */
final class RuleJsonReader {

    static final Set<String> FIELDS = Set.of("name", "trigger", "conditions", "action", "enabled");
    static final Set<String> CONDITIONS = Set.of("dataroomId", "linkId", "documentId", "email", "emailDomain", "count");
    static final Set<String> COUNT = Set.of("atLeast", "withinMinutes");
    static final Set<String> ACTION = Set.of("type", "to", "webhookId", "text", "debounceMinutes");

    private RuleJsonReader() {
    }

    static Rule.Input read(JsonObject o) {
        known(o, FIELDS, "");
        return new Rule.Input(string(o, "name", "name"), string(o, "trigger", "trigger"), conditions(o),
                action(o), bool(o, "enabled"));
    }

    private static Rule.Conditions conditions(JsonObject o) {
        JsonObject c = object(o, "conditions", "conditions");
        if (c == null) {
            return null;
        }
        known(c, CONDITIONS, "conditions.");
        Rule.Count count = null;
        JsonObject n = object(c, "count", "conditions.count");
        if (n != null) {
            known(n, COUNT, "conditions.count.");
            Integer atLeast = integer(n, "atLeast", "conditions.count.atLeast");
            Integer within = integer(n, "withinMinutes", "conditions.count.withinMinutes");
            if (atLeast == null || within == null) {
                throw ValidationException.of("conditions.count", "needs atLeast and withinMinutes");
            }
            count = new Rule.Count(atLeast, within);
        }
        return new Rule.Conditions(uuid(c, "dataroomId", "conditions.dataroomId"),
                uuid(c, "linkId", "conditions.linkId"), uuid(c, "documentId", "conditions.documentId"),
                string(c, "email", "conditions.email"), string(c, "emailDomain", "conditions.emailDomain"), count);
    }

    private static Rule.Action action(JsonObject o) {
        JsonObject a = object(o, "action", "action");
        if (a == null) {
            return null;
        }
        known(a, ACTION, "action.");
        List<String> to = new ArrayList<>();
        if (a.containsKey("to") && !a.isNull("to")) {
            if (a.get("to").getValueType() != JsonValue.ValueType.ARRAY) {
                throw ValidationException.of("action.to", "must be an array of strings");
            }
            for (JsonValue v : a.getJsonArray("to")) {
                if (v.getValueType() != JsonValue.ValueType.STRING) {
                    throw ValidationException.of("action.to", "must be an array of strings");
                }
                to.add(((JsonString) v).getString().strip());
            }
        }
        return new Rule.Action(string(a, "type", "action.type"), to, uuid(a, "webhookId", "action.webhookId"),
                string(a, "text", "action.text"), integer(a, "debounceMinutes", "action.debounceMinutes"));
    }

    private static void known(JsonObject o, Set<String> fields, String prefix) {
        for (String key : o.keySet()) {
            if (!fields.contains(key)) {
                throw ValidationException.of(prefix + key, "is not a field of this object");
            }
        }
    }

    private static JsonObject object(JsonObject o, String key, String field) {
        return io.coffer.api.JsonFields.object(o, key, field);
    }

    private static String string(JsonObject o, String key, String field) {
        return io.coffer.api.JsonFields.string(o, key, field);
    }

    static Boolean bool(JsonObject o, String key) {
        return io.coffer.api.JsonFields.bool(o, key, key);
    }

    private static Integer integer(JsonObject o, String key, String field) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.NUMBER || !o.getJsonNumber(key).isIntegral()) {
            throw ValidationException.of(field, "must be a whole number");
        }
        try {
            return o.getJsonNumber(key).intValueExact();
        } catch (ArithmeticException e) {
            throw ValidationException.of(field, "is too large");
        }
    }

    private static UUID uuid(JsonObject o, String key, String field) {
        String s = string(o, key, field);
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "must be a UUID");
        }
    }
}
