package io.coffer.identity;

/** A member's role in their tenant, from most to least powerful. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    /** Whether this role is at least {@code other} (OWNER ≥ ADMIN ≥ MEMBER). */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
