package io.coffer.shared;

import java.util.Objects;
import java.util.UUID;

/** The id of a folder in a data room. */
public record FolderId(UUID value) implements ItemId {
    public FolderId {
        Objects.requireNonNull(value, "folder id");
    }

    /** The id in {@code s}; {@link IllegalArgumentException} for anything that is not a UUID. */
    public static FolderId of(String s) {
        return new FolderId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
