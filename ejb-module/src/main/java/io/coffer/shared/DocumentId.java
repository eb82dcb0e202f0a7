package io.coffer.shared;

import java.util.Objects;
import java.util.UUID;

/** The id of a document (the same through all its versions). */
public record DocumentId(UUID value) implements ItemId {
    public DocumentId {
        Objects.requireNonNull(value, "document id");
    }

    /** The id in {@code s}; {@link IllegalArgumentException} for anything that is not a UUID. */
    public static DocumentId of(String s) {
        return new DocumentId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
