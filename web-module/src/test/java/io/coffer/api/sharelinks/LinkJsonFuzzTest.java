package io.coffer.api.sharelinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coffer.api.JsonConfig;
import io.coffer.shared.JsonP;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.ItemOverride;
import io.coffer.sharelinks.LinkSettings;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * AB-7: a share link's create and PATCH body read field by field, with its item overrides (SL-10). Any JSON object is
 * refused with a 400 or read into settings that hold what the body said: each override once per entry, in order,
 * with its flags; strings as given; and the overrides written back as JSON read the same again.
 */
class LinkJsonFuzzTest {

    static void check(String body, boolean patch) {
        JsonObject o;
        LinkSettings s;
        try {
            o = JsonConfig.readObject(body);
            s = LinkJson.read(o, patch);
        } catch (ValidationException e) {
            return; // the documented refusal: 400 validation
        }
        for (String key : o.keySet()) {
            assertTrue(LinkJson.FIELDS.contains(key) && !(patch && key.equals("target")), "unknown field read: " + key);
        }
        if (o.get("name") instanceof jakarta.json.JsonString n) {
            assertEquals(n.getString(), s.name(), "name as given");
        }
        if (o.get("maxViews") instanceof jakarta.json.JsonNumber n) {
            assertEquals(n.intValueExact(), s.maxViews(), "maxViews as given");
        }
        List<ItemOverride> overrides = s.itemOverrides();
        if (overrides == null) {
            assertTrue(!o.containsKey("itemOverrides") || o.isNull("itemOverrides"), "absent or null");
            return;
        }
        assertEquals(o.getJsonArray("itemOverrides").size(), overrides.size(), "one override per entry");
        JsonArrayBuilder written = JsonP.createArrayBuilder();
        for (ItemOverride io : overrides) {
            JsonObjectBuilder e = JsonP.createObjectBuilder().add("itemId", io.itemId().toString());
            if (io.hidden() != null) {
                e.add("hidden", io.hidden());
            }
            if (io.allowDownload() != null) {
                e.add("allowDownload", io.allowDownload());
            }
            written.add(e);
        }
        JsonObject again = JsonP.createObjectBuilder().add("itemOverrides", written).build();
        assertEquals(overrides, LinkJson.read(again, true).itemOverrides(), "written back and read the same");
        for (int i = 0; i < overrides.size(); i++) {
            JsonObject entry = o.getJsonArray("itemOverrides").getJsonObject(i);
            assertEquals(entry.get("hidden") == null || entry.get("hidden") == JsonValue.NULL ? null
                    : entry.get("hidden") == JsonValue.TRUE, overrides.get(i).hidden(), "hidden as given");
        }
    }

    @FuzzTest(maxDuration = "4s")
    void ab7_aLinkBodyWithItemOverridesIsRefusedOrReadAsWritten(FuzzedDataProvider data) {
        boolean patch = data.consumeBoolean();
        check(data.consumeRemainingAsString(), patch);
    }
}
