package io.coffer.datarooms;

import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The folders of a room and its tree (DR-1..DR-8, PERM-7). */
@Stateless
@PermitAll
public class Folders {

    @EJB
    Permissions permissions;

    @Inject
    Items items;

    @Inject
    Rooms rooms;

    @Inject
    Clock clock;

    /** A new folder at the room's top ({@code parentId} null) or in one of its folders; MANAGE there. */
    public Folder create(RoomId roomId, String name, FolderId parentId) {
        return view(items.add(roomId, parentId, ItemEntity.FOLDER, name, Permission.MANAGE,
                () -> ValidationException.of("parentId", "must be a folder of this room")));
    }

    public Folder get(FolderId id) {
        ItemEntity folder = items.folder(id);
        permissions.require(id, Permission.VIEW);
        return view(folder);
    }

    /**
     * Renames and/or moves a folder; {@code move} false leaves the parent as it is, true moves it under
     * {@code newParent} (null: the room's top). Moving under itself or a descendant is a conflict.
     */
    public Folder update(FolderId id, String name, boolean move, FolderId newParent) {
        ItemEntity folder = items.folder(id);
        permissions.require(id, Permission.MANAGE);
        UUID target = newParent == null ? null : newParent.value();
        if (move && !Objects.equals(folder.parentId(), target)) {
            // DR-8: a move takes everything below along (and changes what it inherits): MANAGE on all of it
            permissions.requireOnEvery(new RoomId(folder.roomId()), items.subtree(folder).stream().map(Items::idOf)
                    .toList(), Permission.MANAGE);
        }
        items.renameAndMove(folder, name, move, newParent);
        return view(folder);
    }

    /**
     * Deletes a folder and everything below it (DR-7), only when the caller manages all of it: a folder that holds
     * anything the caller may not delete alone is refused with 403 and nothing changes (DR-8).
     */
    public void delete(FolderId id) {
        ItemEntity folder = items.folder(id);
        permissions.require(id, Permission.MANAGE);
        List<ItemEntity> doomed = items.subtree(folder);
        permissions.requireOnEvery(new RoomId(folder.roomId()), doomed.stream().map(Items::idOf).toList(),
                Permission.MANAGE);
        doomed.forEach(x -> x.delete(clock.instant()));
    }

    /**
     * The room's tree as the caller may see it (PERM-7): every item's level in one query, numbered 1, 1.1, 1.2... by
     * position; hidden items never appear.
     */
    public List<TreeNode> tree(RoomId roomId) {
        return permissions.visibleTree(roomId);
    }

    /** A folder as the caller sees it: its path names only the folders above it that the caller sees (PERM-7). */
    private Folder view(ItemEntity folder) {
        List<ItemEntity> ancestors = new ArrayList<>();
        UUID up = folder.parentId();
        while (up != null) {
            ItemEntity above = rooms.item(up).orElse(null);
            if (above == null) {
                break;
            }
            ancestors.add(above);
            up = above.parentId();
        }
        List<Boolean> seen = permissions.visibleAncestors(new FolderId(folder.id()), ancestors.size());
        StringBuilder path = new StringBuilder("/" + folder.name());
        UUID shownParent = null;
        boolean parentFound = false;
        for (int i = 0; i < ancestors.size(); i++) {
            if (seen.get(i)) {
                path.insert(0, "/" + ancestors.get(i).name());
                if (!parentFound) {
                    shownParent = ancestors.get(i).id();
                    parentFound = true;
                }
            }
        }
        return new Folder(new FolderId(folder.id()), new RoomId(folder.roomId()), folder.name(),
                Items.folderId(shownParent), path.toString());
    }
}
