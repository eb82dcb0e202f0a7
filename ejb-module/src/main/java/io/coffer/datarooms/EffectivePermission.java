package io.coffer.datarooms;

import io.coffer.shared.FolderId;
import io.coffer.shared.UserId;
import java.util.Objects;
import java.util.UUID;

/**
 * A member's effective level at one scope of a room (the room itself or a folder) and why (PERM-22): the level the one
 * permission decision gives them, and what decided it. {@code source} ROLE: an OWNER or ADMIN manages everything;
 * USER: the member's own grant; GROUP: a grant to {@code groupId}, a group the member belongs to; NONE: no grant applies.
 * {@code folderId} is the folder the deciding grant sits on ({@code null}: the room itself, or no grant).
 */
public record EffectivePermission(UserId user, Permission permission, Source source, UUID groupId,
                                  FolderId folderId) {

    /** Why the level is what it is. */
    public enum Source { ROLE, USER, GROUP, NONE }

    public EffectivePermission {
        Objects.requireNonNull(user);
        Objects.requireNonNull(permission);
        Objects.requireNonNull(source);
    }
}
