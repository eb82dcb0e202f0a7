package io.coffer.api.members;

import io.coffer.identity.Role;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import java.util.UUID;

/** Path ids and enum fields as the API reads them: a malformed id is simply not found. */
final class Ids {
    private Ids() {
    }

    static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("no such object");
        }
    }

    static Role role(String value, String field) {
        try {
            return Role.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ValidationException.of(field, "must be OWNER, ADMIN or MEMBER");
        }
    }
}
