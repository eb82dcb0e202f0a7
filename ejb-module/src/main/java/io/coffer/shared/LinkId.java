package io.coffer.shared;

import java.util.Objects;
import java.util.UUID;

/** The id of a share link (never its token). */
public record LinkId(UUID value) {
    public LinkId {
        Objects.requireNonNull(value, "link id");
    }

    /** The id in {@code s}; {@link IllegalArgumentException} for anything that is not a UUID. */
    public static LinkId of(String s) {
        return new LinkId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
