package io.coffer.datarooms;

import io.coffer.shared.ItemId;
import io.coffer.shared.RoomId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What several holders jointly may do in one room now, computed once by {@link Permissions#onBehalfOf(java.util.Collection,
 * RoomId, java.util.Collection)} — every item at the lowest of their levels (PERM-20), cut subtrees at NONE (PERM-21) —
 * and answered per item from then on without asking the database again: a share link's request asks "may" once, for
 * the whole room, and every later question of that request (this page, that download) is read from here. Only
 * {@code Permissions} makes one, so holding a {@code Delegation} is proof that the question was asked this request.
 */
public final class Delegation {

    private final RoomId room;
    private final Optional<TreeNode> tree;
    private final Map<UUID, Permission> levels;

    Delegation(RoomId room, Optional<TreeNode> tree, Map<UUID, Permission> levels) {
        this.room = room;
        this.tree = tree;
        this.levels = Map.copyOf(levels);
    }

    /** Nothing: a holder is gone or the room is not served. */
    static Delegation none(RoomId room) {
        return new Delegation(room, Optional.empty(), Map.of());
    }

    public RoomId room() {
        return room;
    }

    /**
     * The room's tree as the holders jointly see it (a root node of kind DATAROOM with the room's own level), placed
     * as PERM-7 says; empty when they see nothing of it.
     */
    public Optional<TreeNode> tree() {
        return tree;
    }

    /** The holders' joint level on an item of the room (NONE for anything else, or a cut item). */
    public Permission level(ItemId item) {
        return levels.getOrDefault(item.value(), Permission.NONE);
    }
}
