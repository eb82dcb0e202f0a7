package io.coffer.datarooms;

import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The folders of a room and its tree (DR-1..DR-8, DR-11..DR-15, PERM-7). */
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

    @EJB
    CallerCheck callers;

    @Inject
    Event<DataRoomEvent> events;

    /**
     * A new folder at the room's top ({@code parentId} null) or in one of its folders; MANAGE there. Publishes
     * {@link DataRoomEvents.FolderCreated}.
     */
    public Folder create(RoomId roomId, String name, FolderId parentId) {
        rooms.lockFolderNames(roomId.value()); // DR-13: folders of a room are made one request after the other
        ItemEntity folder = items.add(roomId, parentId, ItemEntity.FOLDER, name, Permission.MANAGE,
                () -> ValidationException.of("parentId", "must be a folder of this room"));
        created(folder);
        return view(folder);
    }

    /** One answer of {@link #ensurePaths}: the path as requested and its deepest folder. */
    public record PathFolder(String path, FolderId folderId) {
    }

    /**
     * {@code POST /datarooms/{id}/paths} (DR-11..DR-15): the folder at the end of each path, made with every missing
     * folder above it, in one transaction (one bad path, one refusal: nothing is made). A segment reuses the live
     * folder of that name (case-insensitively, DR-2) under the same parent when the caller sees it (VIEW); a missing
     * one is made when the caller may make a folder there (MANAGE on its parent, or on the room at the top, as
     * {@link #create} asks), else 403. A name taken there by a document, or by a folder hidden from the caller, is 409
     * (what {@link #create} answers for that name); a trashed folder is not reused (its name is free, as after any
     * delete). One {@link DataRoomEvents.FolderCreated} per folder made, none for a folder reused. The answers are in
     * request order, one per path (duplicates too).
     */
    public List<PathFolder> ensurePaths(RoomId roomId, List<String> paths) {
        permissions.requireSomewhere(roomId, Permission.MANAGE);
        List<FolderPaths.Requested> requested = FolderPaths.parse(paths);
        if (requested.isEmpty()) {
            return List.of();
        }
        rooms.lockFolderNames(roomId.value()); // DR-13: read the room's folders only once no other request makes any
        Map<String, ItemEntity> byName = new HashMap<>();
        Map<UUID, Integer> lastPosition = new HashMap<>();
        for (ItemEntity item : rooms.items(roomId.value())) {
            byName.put(key(item.parentId(), item.name()), item);
            lastPosition.merge(parentKey(item.parentId()), item.position(), Math::max);
        }
        Map<UUID, Permission> levels = new HashMap<>(permissions.levels(roomId));
        Permission onRoom = permissions.level(roomId);
        CurrentCaller caller = callers.current();
        List<PathFolder> answer = new ArrayList<>();
        for (int p = 0; p < requested.size(); p++) {
            FolderPaths.Requested path = requested.get(p);
            UUID parent = null;
            Permission here = onRoom;
            for (String segment : path.segments()) {
                ItemEntity existing = byName.get(key(parent, segment));
                if (existing != null) {
                    Permission level = levels.getOrDefault(existing.id(), Permission.NONE);
                    if (!ItemEntity.FOLDER.equals(existing.kind()) || !level.atLeast(Permission.VIEW)) {
                        throw new ConflictException("Path [" + p + "]: \"" + segment + "\" is taken in that place by"
                                + " something that is not a folder you can use; no folder was created.");
                    }
                    parent = existing.id();
                    here = level;
                    continue;
                }
                if (!here.atLeast(Permission.MANAGE)) {
                    // the 403 (and its audited denial) of creating a folder there, from the one permission service
                    if (parent == null) {
                        permissions.require(roomId, Permission.MANAGE);
                    } else {
                        permissions.require(new FolderId(parent), Permission.MANAGE);
                    }
                }
                int position = lastPosition.merge(parentKey(parent), 1, Integer::sum);
                ItemEntity folder = new ItemEntity(roomId.value(), parent, ItemEntity.FOLDER, segment, position,
                        caller.user().value(), clock.instant());
                try {
                    rooms.add(folder);
                } catch (jakarta.persistence.PersistenceException raced) {
                    // a document or renamed item took the name at this moment, outside the room's folder lock
                    throw new ConflictException("Path [" + p + "]: \"" + segment + "\" was taken in that place at"
                            + " the same moment; no folder was created. Try again.");
                }
                created(folder);
                byName.put(key(parent, segment), folder);
                levels.put(folder.id(), here); // a new folder holds no grant: it inherits its parent's level
                parent = folder.id();
            }
            answer.add(new PathFolder(path.path(), new FolderId(parent)));
        }
        return answer;
    }

    private static final UUID TOP = new UUID(0, 0);

    private static UUID parentKey(UUID parent) {
        return parent == null ? TOP : parent;
    }

    /** Sibling names are unique case-insensitively (DR-2; the index compares {@code lower(name)}). */
    private static String key(UUID parent, String name) {
        return parentKey(parent) + "/" + name.toLowerCase(Locale.ROOT);
    }

    private void created(ItemEntity folder) {
        CurrentCaller caller = callers.current();
        events.fire(new DataRoomEvents.FolderCreated(caller.tenant(), new RoomId(folder.roomId()),
                new FolderId(folder.id()), Items.folderId(folder.parentId()), caller.user(), clock.instant()));
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
