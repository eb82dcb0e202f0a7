package io.coffer.datarooms;

import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.ItemId;
import io.coffer.shared.RoomId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What folders and document entries share (not a public face): finding a live item of a kind, renaming and moving
 * one under the sibling rules (DR-2, DR-3), the subtree of a folder, and DR-10's "the whole room" check.
 */
@ApplicationScoped
class Items {

    @Inject
    Rooms rooms;

    @Inject
    Permissions permissions;

    @jakarta.ejb.EJB
    io.coffer.identity.CallerCheck callers;

    @Inject
    java.time.Clock clock;

    ItemEntity folder(FolderId id) {
        return rooms.item(id.value()).filter(i -> ItemEntity.FOLDER.equals(i.kind()))
                .orElseThrow(() -> new NotFoundException("no such folder"));
    }

    ItemEntity document(DocumentId id) {
        return rooms.item(id.value()).filter(i -> ItemEntity.DOCUMENT.equals(i.kind()))
                .orElseThrow(() -> new NotFoundException("no such document"));
    }

    static ItemId idOf(ItemEntity item) {
        return ItemEntity.FOLDER.equals(item.kind()) ? new FolderId(item.id()) : new DocumentId(item.id());
    }

    static FolderId folderId(UUID id) {
        return id == null ? null : new FolderId(id);
    }

    static DocumentEntry entry(ItemEntity item) {
        return new DocumentEntry(new DocumentId(item.id()), new RoomId(item.roomId()), folderId(item.parentId()),
                item.name());
    }

    /** Renames and/or moves an item ({@code move} false keeps its parent; {@code newParent} null: the room's top). */
    void renameAndMove(ItemEntity item, String name, boolean move, FolderId newParent) {
        String newName = name == null ? item.name() : Names.clean(name, "name");
        UUID parent = move ? (newParent == null ? null : newParent.value()) : item.parentId();
        if (move && newParent != null) {
            ItemEntity target = rooms.item(newParent.value()).filter(i -> i.roomId().equals(item.roomId())
                    && ItemEntity.FOLDER.equals(i.kind())).orElseThrow(() -> ValidationException.of(
                    ItemEntity.FOLDER.equals(item.kind()) ? "parentId" : "folderId", "must be a folder of this room"));
            permissions.require(newParent, Permission.MANAGE);
            if (isSelfOrDescendant(item, target)) {
                throw new ConflictException("A folder cannot move under itself.");
            }
        } else if (move && item.parentId() != null) {
            permissions.require(new RoomId(item.roomId()), Permission.MANAGE);
        }
        Rooms.Siblings siblings = rooms.siblings(item.roomId(), parent);
        if (siblings.named(newName, item.id())) {
            throw new ConflictException("An item with this name exists in this folder.");
        }
        item.rename(newName);
        if (move && !Objects.equals(parent, item.parentId())) {
            item.moveTo(parent, siblings.nextPosition());
        }
    }

    /**
     * A new item of {@code kind} at the room's top ({@code parent} null) or in one of its folders, when the caller
     * holds {@code needed} there; a parent that is no folder of this room is {@code badParent}; a sibling of the same
     * name is a conflict (DR-2), also one added at the same moment (the unique index).
     */
    ItemEntity add(RoomId roomId, FolderId parent, String kind, String name, Permission needed,
                   java.util.function.Supplier<? extends RuntimeException> badParent) {
        if (parent == null) {
            permissions.require(roomId, needed);
        } else {
            permissions.requireSomewhere(roomId, needed);
            rooms.item(parent.value()).filter(i -> i.roomId().equals(roomId.value())
                    && ItemEntity.FOLDER.equals(i.kind())).orElseThrow(badParent);
            permissions.require(parent, needed);
        }
        String clean = Names.clean(name, "name");
        UUID parentId = parent == null ? null : parent.value();
        Rooms.Siblings siblings = rooms.siblings(roomId.value(), parentId);
        if (siblings.named(clean, null)) {
            throw new ConflictException("An item with this name exists in this folder.");
        }
        ItemEntity item = new ItemEntity(roomId.value(), parentId, kind, clean, siblings.nextPosition(),
                callers.current().user().value(), clock.instant());
        try {
            rooms.add(item);
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new ConflictException("An item with this name exists in this folder.");
        }
        return item;
    }

    /**
     * A new item made in {@code creator}'s name (its permission checked by the caller of this), at a free name: a
     * taken one gets " (2)", " (3)"… before its extension.
     */
    ItemEntity addAs(UserId creator, RoomId roomId, FolderId parent, String kind, String name) {
        String clean = Names.clean(name, "name");
        UUID parentId = parent == null ? null : parent.value();
        if (parentId != null) {
            rooms.item(parentId).filter(i -> i.roomId().equals(roomId.value()) && ItemEntity.FOLDER.equals(i.kind()))
                    .orElseThrow(() -> new io.coffer.shared.error.GoneException("This file request's folder is gone."));
        }
        Rooms.Siblings siblings = rooms.siblings(roomId.value(), parentId);
        String free = clean;
        int dot = clean.lastIndexOf('.');
        String stem = dot > 0 ? clean.substring(0, dot) : clean;
        String ext = dot > 0 ? clean.substring(dot) : "";
        for (int n = 2; siblings.named(free, null); n++) {
            free = stem + " (" + n + ")" + ext;
        }
        ItemEntity item = new ItemEntity(roomId.value(), parentId, kind, free, siblings.nextPosition(),
                creator.value(), clock.instant());
        try {
            rooms.add(item);
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new ConflictException("A file of this name arrived at the same moment; send it again.");
        }
        return item;
    }

    /** A live folder and every live item below it. */
    List<ItemEntity> subtree(ItemEntity folder) {
        List<ItemEntity> all = rooms.items(folder.roomId());
        List<ItemEntity> below = new ArrayList<>(List.of(folder));
        for (int i = 0; i < below.size(); i++) {
            UUID parent = below.get(i).id();
            all.stream().filter(x -> parent.equals(x.parentId())).forEach(below::add);
        }
        return below;
    }

    /**
     * DR-10: what changes the whole room (its grants, which everything inherits; archiving it) needs MANAGE on all of
     * it: a manager from whom a folder is hidden or lowered could otherwise lift that themselves or take it offline.
     */
    void requireWholeRoom(RoomId roomId) {
        permissions.requireOnEvery(roomId, rooms.items(roomId.value()).stream().map(Items::idOf).toList(),
                Permission.MANAGE);
    }

    private boolean isSelfOrDescendant(ItemEntity folder, ItemEntity candidate) {
        Optional<ItemEntity> cursor = Optional.of(candidate);
        while (cursor.isPresent()) {
            if (cursor.get().id().equals(folder.id())) {
                return true;
            }
            UUID up = cursor.get().parentId();
            cursor = up == null ? Optional.empty() : rooms.item(up);
        }
        return false;
    }
}
