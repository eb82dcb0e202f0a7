package io.coffer.shared;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;
import java.io.StringReader;

/**
 * JSON-P through one provider looked up once. {@code jakarta.json.Json}'s static methods look the provider up again on
 * every call ({@code JsonProvider.provider()}: a {@code ServiceLoader} walk of the application's class path), which
 * was a third of a page-time beacon's server time (docs/benchmarks.md); every module builds and reads JSON-P here
 * instead (ArchUnit: {@code jsonPGoesThroughOneProvider}).
 */
public final class JsonP {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonP() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    /** A reader of the given text. */
    public static JsonReader reader(String text) {
        return PROVIDER.createReader(new StringReader(text));
    }
}
