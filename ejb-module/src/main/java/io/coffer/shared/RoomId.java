package io.coffer.shared;

import java.util.Objects;
import java.util.UUID;

/** The id of a data room (the top of a tree of folders and documents). */
public record RoomId(UUID value) {
    public RoomId {
        Objects.requireNonNull(value, "room id");
    }

    /** The id in {@code s}; {@link IllegalArgumentException} for anything that is not a UUID. */
    public static RoomId of(String s) {
        return new RoomId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
