package io.coffer.api.sharelinks;

import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.ItemOverride;
import io.coffer.sharelinks.LinkSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON of share links (contract "Share links"): a create or PATCH body read field by field (unknown fields → 400,
 * absent and null differ for PATCH). The link as answered is {@link ShareLinkDtos.View}.
 */
final class LinkJson {

    static final Set<String> FIELDS = Set.of("target", "name", "password", "expiresAt", "requireEmail",
            "verifyEmail", "allowEmails", "allowDomains", "denyEmails", "denyDomains", "allowDownload", "watermark",
            "maxViews", "ndaText", "itemOverrides", "allowSearch");

    private LinkJson() {
    }

    /** Reads the settings; {@code patch} refuses {@code target} (a link's target never changes). */
    static LinkSettings read(JsonObject o, boolean patch) {
        for (String key : o.keySet()) {
            if (!FIELDS.contains(key) || (patch && key.equals("target"))) {
                throw ValidationException.of(key, "is not a field of this object");
            }
        }
        String type = null;
        UUID target = null;
        if (!patch) {
            if (!o.containsKey("target") || o.get("target").getValueType() != JsonValue.ValueType.OBJECT) {
                throw ValidationException.of("target", "is required: {type, id}");
            }
            JsonObject t = o.getJsonObject("target");
            for (String key : t.keySet()) {
                if (!key.equals("type") && !key.equals("id")) {
                    throw ValidationException.of("target." + key, "is not a field of this object");
                }
            }
            type = string(t, "type", "target.type");
            target = uuid(string(t, "id", "target.id"), "target.id");
            if (type == null || target == null) {
                throw ValidationException.of("target", "needs type and id");
            }
        }
        Boolean wmEnabled = null;
        String wmText = null;
        if (o.containsKey("watermark") && !o.isNull("watermark")) {
            if (o.get("watermark").getValueType() != JsonValue.ValueType.OBJECT) {
                throw ValidationException.of("watermark", "must be an object {enabled, text?}");
            }
            JsonObject w = o.getJsonObject("watermark");
            for (String key : w.keySet()) {
                if (!key.equals("enabled") && !key.equals("text")) {
                    throw ValidationException.of("watermark." + key, "is not a field of this object");
                }
            }
            wmEnabled = bool(w, "enabled", "watermark.enabled");
            wmText = string(w, "text", "watermark.text");
        }
        return new LinkSettings(type, target, string(o, "name", "name"), string(o, "password", "password"),
                instant(o, "expiresAt"), bool(o, "requireEmail", "requireEmail"),
                bool(o, "verifyEmail", "verifyEmail"), strings(o, "allowEmails"), strings(o, "allowDomains"),
                strings(o, "denyEmails"), strings(o, "denyDomains"), bool(o, "allowDownload", "allowDownload"),
                wmEnabled, wmText, integer(o, "maxViews"), string(o, "ndaText", "ndaText"), overrides(o),
                bool(o, "allowSearch", "allowSearch"));
    }

    static String string(JsonObject o, String key, String field) {
        return io.coffer.api.JsonFields.string(o, key, field);
    }

    static Boolean bool(JsonObject o, String key, String field) {
        return io.coffer.api.JsonFields.bool(o, key, field);
    }

    static Integer integer(JsonObject o, String key) {
        return io.coffer.api.JsonFields.integer(o, key);
    }

    static Instant instant(JsonObject o, String key) {
        return io.coffer.api.JsonFields.instant(o, key);
    }

    static UUID uuid(String s, String field) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "must be a UUID");
        }
    }

    static List<String> strings(JsonObject o, String key) {
        return io.coffer.api.JsonFields.strings(o, key);
    }

    static List<ItemOverride> overrides(JsonObject o) {
        if (!o.containsKey("itemOverrides") || o.isNull("itemOverrides")) {
            return null;
        }
        if (o.get("itemOverrides").getValueType() != JsonValue.ValueType.ARRAY) {
            throw ValidationException.of("itemOverrides", "must be an array");
        }
        List<ItemOverride> out = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("itemOverrides")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ValidationException.of("itemOverrides", "must hold objects {itemId, hidden?, allowDownload?}");
            }
            JsonObject e = v.asJsonObject();
            for (String key : e.keySet()) {
                if (!Set.of("itemId", "hidden", "allowDownload").contains(key)) {
                    throw ValidationException.of("itemOverrides." + key, "is not a field of this object");
                }
            }
            UUID item = uuid(string(e, "itemId", "itemOverrides.itemId"), "itemOverrides.itemId");
            if (item == null) {
                throw ValidationException.of("itemOverrides.itemId", "is required");
            }
            out.add(new ItemOverride(item, bool(e, "hidden", "itemOverrides.hidden"),
                    bool(e, "allowDownload", "itemOverrides.allowDownload")));
        }
        return out;
    }
}
