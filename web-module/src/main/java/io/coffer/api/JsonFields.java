package io.coffer.api;

import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
}
