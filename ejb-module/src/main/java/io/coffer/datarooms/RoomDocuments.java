package io.coffer.datarooms;

import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The entries of documents in a room's tree (name, folder, place) and the room's trash. The documents module records
 * each document's versions under the same id and asks here, in the caller's transaction, where a document stands.
 */
@Stateless
@PermitAll
public class RoomDocuments {

    /** How long a trashed document can be restored. */
    public static final Duration TRASH_KEPT = Duration.ofDays(30);

    /** A document in the trash. */
    public record Trashed(DocumentId id, String name, Instant deletedAt) {
    }

    @EJB
    Permissions permissions;

    @Inject
    Items items;

    @Inject
    Rooms rooms;

    @Inject
    Clock clock;

    /**
     * Adds the entry of a new document to a room. Needs UPLOAD on the room (or the folder); the folder must be one of
     * the room's.
     */
    public DocumentId add(RoomId roomId, FolderId folderId, String name) {
        // the folder is named in the query, like a path id: one of another room is as missing as a random one
        return new DocumentId(items.add(roomId, folderId, ItemEntity.DOCUMENT, name, Permission.UPLOAD,
                () -> new NotFoundException("no such folder")).id());
    }

    /**
     * A new document's entry made in {@code holder}'s name, not the caller's (an outsider's file through a file
     * request, FR-3): {@code holder} must hold UPLOAD where it goes now (else {@link GoneException}: the request no
     * longer works, FR-11); a taken name gets " (2)", " (3)"… before its extension, as a desktop does.
     */
    public DocumentEntry addOnBehalfOf(Holder holder, RoomId roomId, FolderId folderId, String name) {
        io.coffer.shared.ItemId where = folderId;
        Permission held = where == null ? permissions.onBehalfOf(holder, roomId)
                : permissions.onBehalfOf(holder, where);
        if (!held.atLeast(Permission.UPLOAD)) {
            throw new io.coffer.shared.error.GoneException("This file request no longer accepts files.");
        }
        return Items.entry(items.addAs(holder.user(), roomId, folderId, ItemEntity.DOCUMENT, name));
    }

    /** The room of a live or trashed document, for the documents module's own background work (no caller). */
    public Optional<RoomId> roomOf(DocumentId id) {
        return rooms.anyItem(id.value()).map(i -> new RoomId(i.roomId()));
    }

    /** A document's entry after checking that the caller holds {@code needed} on it. */
    public DocumentEntry entry(DocumentId id, Permission needed) {
        ItemEntity item = items.document(id);
        permissions.require(id, needed);
        return Items.entry(item);
    }

    /**
     * A live document's entry when {@code holder} (not the caller) holds {@code needed} on it now — access on someone's
     * behalf, e.g. a download ticket acting with its issuer's rights, at most at the role they acted with (PERM-16).
     */
    public Optional<DocumentEntry> onBehalfOf(Holder holder, DocumentId id, Permission needed) {
        if (!permissions.onBehalfOf(holder, id).atLeast(needed)) {
            return Optional.empty();
        }
        return rooms.item(id.value()).filter(i -> ItemEntity.DOCUMENT.equals(i.kind())).map(Items::entry);
    }

    /**
     * A live document's entry when the holders of {@code delegation} (a share link's creator and reach holder, asked
     * once this request) jointly hold {@code needed} on it: no permission query of its own.
     */
    public Optional<DocumentEntry> onBehalfOf(Delegation delegation, DocumentId id, Permission needed) {
        if (!delegation.level(id).atLeast(needed)) {
            return Optional.empty();
        }
        return rooms.item(id.value()).filter(i -> ItemEntity.DOCUMENT.equals(i.kind())
                && i.roomId().equals(delegation.room().value())).map(Items::entry);
    }

    /** Renames and/or moves a document's entry (same rules as folders); needs MANAGE. */
    public DocumentEntry update(DocumentId id, String name, boolean move, FolderId newFolder) {
        ItemEntity document = items.document(id);
        permissions.require(id, Permission.MANAGE);
        items.renameAndMove(document, name, move, newFolder);
        return Items.entry(document);
    }

    /** Moves a document to the trash (its name is free again); needs MANAGE. */
    public DocumentEntry trash(DocumentId id) {
        ItemEntity document = items.document(id);
        permissions.require(id, Permission.MANAGE);
        DocumentEntry entry = Items.entry(document);
        document.delete(clock.instant());
        return entry;
    }

    /** The room's trashed documents that can still be restored and that the caller manages where they were (DR-9). */
    public List<Trashed> trashed(RoomId roomId) {
        permissions.require(roomId, Permission.MANAGE);
        Instant oldest = clock.instant().minus(TRASH_KEPT);
        List<ItemEntity> kept = rooms.trashedDocuments(roomId.value()).stream()
                .filter(i -> i.deletedAt().isAfter(oldest)).toList();
        Map<DocumentId, Permission> where = permissions.levelsWhereTrashed(roomId,
                kept.stream().map(i -> new DocumentId(i.id())).toList());
        return kept.stream().filter(i -> where.get(new DocumentId(i.id())).atLeast(Permission.MANAGE))
                .map(i -> new Trashed(new DocumentId(i.id()), i.name(), i.deletedAt())).toList();
    }

    /**
     * Restores a trashed document (MANAGE) into its folder, or the room's top when that folder is gone; a live item
     * of the same name there is a conflict. Past {@link #TRASH_KEPT} it cannot be restored.
     */
    public DocumentEntry restore(DocumentId id) {
        ItemEntity document = rooms.anyItem(id.value()).filter(i -> ItemEntity.DOCUMENT.equals(i.kind())
                        && i.deleted() && i.deletedAt().isAfter(clock.instant().minus(TRASH_KEPT)))
                .orElseThrow(() -> new NotFoundException("no such document in the trash"));
        RoomId room = new RoomId(document.roomId());
        permissions.require(room, Permission.MANAGE);
        // DR-9: MANAGE where it was trashed from (below VIEW there it is not found, as in the listing)
        Permission there = permissions.levelsWhereTrashed(room, List.of(id)).getOrDefault(id, Permission.NONE);
        if (!there.atLeast(Permission.MANAGE)) {
            throw new NotFoundException("no such document in the trash");
        }
        UUID folder = document.parentId() != null && rooms.item(document.parentId()).isPresent()
                ? document.parentId() : null;
        Rooms.Siblings siblings = rooms.siblings(document.roomId(), folder);
        if (siblings.named(document.name(), document.id())) {
            throw new ConflictException("An item with this name exists where the document would return.");
        }
        document.restore();
        if (!Objects.equals(folder, document.parentId())) {
            document.moveTo(folder, siblings.nextPosition());
        }
        return Items.entry(document);
    }
}
