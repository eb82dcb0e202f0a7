package io.coffer.api;

import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading one field of a JSON body read as JSON-P: absent and null are null, a wrong type is 400 on the field. */
public final class JsonFields {
    private JsonFields() {
    }

    /** The string at {@code key} (null when absent or null); 400 on {@code field} for another type. */
    public static String string(JsonObject o, String key, String field) {
        if (o == null || !o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.STRING) {
            throw ValidationException.of(field, "must be a string");
        }
        return o.getString(key);
    }

    /** The object at {@code key} (null when absent or null); 400 on {@code field} for another type. */
    public static JsonObject object(JsonObject o, String key, String field) {
        if (o == null || !o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.OBJECT) {
            throw ValidationException.of(field, "must be an object");
        }
        return o.getJsonObject(key);
    }

    public static Boolean bool(JsonObject o, String key, String field) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw ValidationException.of(field, "must be true or false");
        }
        return v == JsonValue.TRUE;
    }

    public static Integer integer(JsonObject o, String key) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.NUMBER || !o.getJsonNumber(key).isIntegral()) {
            throw ValidationException.of(key, "must be a whole number");
        }
        try {
            return o.getJsonNumber(key).intValueExact();
        } catch (ArithmeticException e) {
            throw ValidationException.of(key, "is too large");
        }
    }

    public static Instant instant(JsonObject o, String key) {
        String s = string(o, key, key);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ValidationException.of(key, "must be an ISO-8601 UTC instant");
        }
    }

    public static List<String> strings(JsonObject o, String key) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.ARRAY) {
            throw ValidationException.of(key, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : o.getJsonArray(key)) {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw ValidationException.of(key, "must be an array of strings");
            }
            out.add(((jakarta.json.JsonString) v).getString());
        }
        return out;
    }

    /** A whole number at {@code key} as a long (null when absent or null); 400 for anything else. */
    public static Long longValue(JsonObject o, String key) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        if (o.get(key).getValueType() != JsonValue.ValueType.NUMBER || !o.getJsonNumber(key).isIntegral()) {
            throw ValidationException.of(key, "must be a whole number");
        }
        try {
            return o.getJsonNumber(key).longValueExact();
        } catch (ArithmeticException e) {
            throw ValidationException.of(key, "is too large");
        }
    }
}
