package io.coffer.shared;

import java.util.Objects;
import java.util.UUID;

/** The id of a user; a user belongs to exactly one tenant. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId of(String value) {
        return new UserId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
