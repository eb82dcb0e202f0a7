package io.coffer.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as the contract wants it: unknown fields in a request are refused (no mass assignment), a field without a
 * value is written as {@code null} (e.g. {@code "nextCursor": null}), and {@code Instant}s are ISO-8601 UTC.
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

    /** The one configured JSON-B, also for bodies a resource reads only after its authorization check. */
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true)
            .withNullValues(true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /**
     * Reads a body that the resource took as a string so that authorization could come first (contract: a caller who
     * may not act gets 403/404 even for a malformed body). Malformed JSON or unknown fields → 400 {@code validation}.
     */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw io.coffer.shared.error.ValidationException.of("body", "is required");
        }
        try {
            return JSONB.fromJson(body, type);
        } catch (jakarta.json.bind.JsonbException | jakarta.json.JsonException | NumberFormatException
                 | ArithmeticException e) {
            // a number the parser cannot hold (an exponent of a billion digits: AB-5/AB-7) is malformed input too
            throw new io.coffer.shared.error.ValidationException(
                    "The request body is not valid JSON of the expected shape (unknown fields are refused).",
                    java.util.List.of());
        }
    }

    /** The same for a JSON object read as such (PATCH bodies, where an absent field and null differ). */
    public static jakarta.json.JsonObject readObject(String body) {
        if (body == null || body.isBlank()) {
            throw io.coffer.shared.error.ValidationException.of("body", "is required");
        }
        try (jakarta.json.JsonReader reader = io.coffer.shared.JsonP.createReader(new java.io.StringReader(body))) {
            return reader.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            // Parsson makes every number a BigDecimal: "1e99999999999" throws NumberFormatException (found by
            // LinkJsonFuzzTest in CI, its input kept as a regression)
            throw new io.coffer.shared.error.ValidationException(
                    "The request body is not valid JSON of the expected shape (unknown fields are refused).",
                    java.util.List.of());
        }
    }
}
