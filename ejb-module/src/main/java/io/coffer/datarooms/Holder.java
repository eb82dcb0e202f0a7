package io.coffer.datarooms;

import io.coffer.identity.Role;
import io.coffer.shared.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A user on whose behalf something acts (a share link acts for its creator and for whoever last set its reach), and
 * the role they acted with when they set it: an API-key token acts below its user's role (ID-25), and what it made
 * never serves more than the key could (SL-18). At each use the holder counts with the lower of that role and the
 * user's current one; without a recorded role (links made before roles were recorded) the current one alone counts.
 */
public record Holder(UserId user, Optional<Role> actedAs) {

    public Holder {
        Objects.requireNonNull(user);
        Objects.requireNonNull(actedAs);
    }

    /** The user at their current role, whatever it is at each use. */
    public static Holder of(UserId user) {
        return new Holder(user, Optional.empty());
    }

    /** The user at most at {@code actedAs}. */
    public static Holder of(UserId user, Role actedAs) {
        return new Holder(user, Optional.of(actedAs));
    }

    /** The role the holder counts with now, given the user's current one. */
    public Role capped(Role current) {
        return actedAs.filter(current::atLeast).orElse(current);
    }
}
