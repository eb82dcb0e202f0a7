package io.coffer.automation;

import java.util.Objects;
import java.util.UUID;

/** The id of an automation rule. */
public record RuleId(UUID value) {
    public RuleId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
