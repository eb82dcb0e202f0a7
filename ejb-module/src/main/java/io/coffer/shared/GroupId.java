package io.coffer.shared;

import java.util.Objects;
import java.util.UUID;

/** The id of a group of members. */
public record GroupId(UUID value) {
    public GroupId {
        Objects.requireNonNull(value, "group id");
    }

    /** The id in {@code s}; {@link IllegalArgumentException} for anything that is not a UUID. */
    public static GroupId of(String s) {
        return new GroupId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
