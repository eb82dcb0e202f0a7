package io.coffer.datarooms;

import io.coffer.datarooms.internal.DataRoomEntity;
import io.coffer.datarooms.internal.GrantEntity;
import io.coffer.datarooms.internal.PermissionRules;
import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Rooms, folders and the tree (contract: "Data rooms, folders, documents, permissions"). */
@Stateless
@PermitAll
public class DataRooms {

    @EJB
    io.coffer.tenancy.TenantScope tenancy;

    @EJB
    CallerCheck callers;

    @Inject
    Permissions permissions;

    @Inject
    Rooms rooms;

    @Inject
    io.coffer.datarooms.internal.PermissionStore grantStore;

    @Inject
    Clock clock;

    @Inject
    Event<Object> events;

    public DataRoom create(String name, String description) {
        CurrentCaller caller = callers.current();
        DataRoomEntity room = new DataRoomEntity(Names.clean(name, "name"), description(description),
                caller.user().value(), clock.instant());
        rooms.add(room);
        grantStore.addGrant(new GrantEntity(room.id(), null, GrantEntity.USER, caller.user().value(),
                PermissionRules.creatorsGrant().name(), clock.instant()));
        events.fire(new DataRoomCreated(caller.tenant(), room.id(), caller.user(), clock.instant()));
        return view(room, Permission.MANAGE);
    }

    /** The rooms the caller can see. */
    public List<DataRoom> list() {
        List<DataRoomEntity> active = rooms.activeRooms();
        Map<UUID, Permission> seen = permissions.visibleRooms(active);
        return active.stream().filter(r -> seen.containsKey(r.id())).map(r -> view(r, seen.get(r.id()))).toList();
    }

    /**
     * Authorization before validation: the web layer asks this before it reads a body whose exact target it does not
     * know yet. Passes when the caller holds {@code needed} on the room or on anything in it; every operation then
     * checks its exact target again.
     */
    public void require(UUID roomId, Permission needed) {
        permissions.requireSomewhere(roomId, needed);
    }

    /** The caller holds {@code needed} on the room itself (before a body that changes the room is read). */
    public void requireOnRoom(UUID roomId, Permission needed) {
        permissions.requireRoom(roomId, needed);
    }

    /** The same for a folder: the caller holds {@code needed} on it. */
    public void requireFolder(UUID folderId, Permission needed) {
        permissions.requireItem(folderEntity(folderId).id(), needed);
    }

    public DataRoom get(UUID id) {
        Permission p = permissions.requireRoom(id, Permission.VIEW);
        return view(rooms.room(id).orElseThrow(), p);
    }

    /** Renames and/or describes a room (null leaves a field as it is). */
    public DataRoom update(UUID id, String name, String description) {
        Permission p = permissions.requireRoom(id, Permission.MANAGE);
        DataRoomEntity room = rooms.room(id).orElseThrow();
        if (name != null) {
            room.rename(Names.clean(name, "name"));
        }
        if (description != null) {
            room.describe(description(description));
        }
        return view(room, p);
    }

    /** Archives a room: it and everything under it stop being served. */
    public void archive(UUID id) {
        permissions.requireRoom(id, Permission.MANAGE);
        requireWholeRoom(id);
        rooms.room(id).orElseThrow().archive(clock.instant());
    }

    public Folder createFolder(UUID roomId, String name, UUID parentId) {
        if (parentId == null) {
            permissions.requireRoom(roomId, Permission.MANAGE);
        } else {
            permissions.requireSomewhere(roomId, Permission.MANAGE);
            ItemEntity parent = rooms.item(parentId).filter(i -> i.roomId().equals(roomId)
                    && ItemEntity.FOLDER.equals(i.kind())).orElseThrow(() -> ValidationException.of("parentId",
                    "must be a folder of this room"));
            permissions.requireItem(parent.id(), Permission.MANAGE);
        }
        String clean = Names.clean(name, "name");
        Rooms.Siblings siblings = rooms.siblings(roomId, parentId);
        if (siblings.named(clean, null)) {
            throw new ConflictException("An item with this name exists in this folder.");
        }
        CurrentCaller caller = callers.current();
        ItemEntity folder = new ItemEntity(roomId, parentId, ItemEntity.FOLDER, clean, siblings.nextPosition(),
                caller.user().value(), clock.instant());
        try {
            rooms.add(folder);
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new ConflictException("An item with this name exists in this folder.");
        }
        return folderView(folder);
    }

    public Folder folder(UUID id) {
        ItemEntity folder = folderEntity(id);
        permissions.requireItem(folder.id(), Permission.VIEW);
        return folderView(folder);
    }

    /**
     * Renames and/or moves a folder; {@code move} false leaves the parent as it is, true moves it under
     * {@code newParent} (null: the room's top). Moving under itself or a descendant is a conflict.
     */
    public Folder updateFolder(UUID id, String name, boolean move, UUID newParent) {
        ItemEntity folder = folderEntity(id);
        permissions.requireItem(folder.id(), Permission.MANAGE);
        if (move && !Objects.equals(folder.parentId(), newParent)) {
            // DR-8: a move takes everything below along (and changes what it inherits): MANAGE on all of it
            permissions.requireOnEvery(folder.roomId(), subtree(folder).stream().map(ItemEntity::id).toList(),
                    Permission.MANAGE);
        }
        renameAndMove(folder, name, move, newParent);
        return folderView(folder);
    }

    /** Renames and/or moves a document's entry (same rules as folders); needs MANAGE. */
    public DocumentEntry updateDocument(UUID id, String name, boolean move, UUID newFolder) {
        ItemEntity document = documentItem(id);
        permissions.requireItem(document.id(), Permission.MANAGE);
        renameAndMove(document, name, move, newFolder);
        return new DocumentEntry(document.id(), document.roomId(), document.parentId(), document.name());
    }

    /** Moves a document to the trash (its name is free again); needs MANAGE. */
    public void trashDocument(UUID id) {
        ItemEntity document = documentItem(id);
        permissions.requireItem(document.id(), Permission.MANAGE);
        document.delete(clock.instant());
    }

    /** How long a trashed document can be restored. */
    public static final java.time.Duration TRASH_KEPT = java.time.Duration.ofDays(30);

    /** A document in the trash. */
    public record Trashed(UUID id, String name, java.time.Instant deletedAt) {
    }

    /** The room's trashed documents that can still be restored (MANAGE). */
    public List<Trashed> trash(UUID roomId) {
        permissions.requireRoom(roomId, Permission.MANAGE);
        java.time.Instant oldest = clock.instant().minus(TRASH_KEPT);
        List<ItemEntity> kept = rooms.trashedDocuments(roomId).stream().filter(i -> i.deletedAt().isAfter(oldest))
                .toList();
        // DR-9: only what the caller manages where it was trashed from; the rest does not exist for them
        Map<UUID, Permission> where = permissions.levelsWhereTrashed(roomId, kept);
        return kept.stream().filter(i -> where.get(i.id()).atLeast(Permission.MANAGE))
                .map(i -> new Trashed(i.id(), i.name(), i.deletedAt())).toList();
    }

    /**
     * Restores a trashed document (MANAGE) into its folder, or the room's top when that folder is gone; a live item
     * of the same name there is a conflict. Past {@link #TRASH_KEPT} it cannot be restored.
     */
    public DocumentEntry restoreDocument(UUID id) {
        ItemEntity document = rooms.anyItem(id).filter(i -> ItemEntity.DOCUMENT.equals(i.kind()) && i.deleted()
                        && i.deletedAt().isAfter(clock.instant().minus(TRASH_KEPT)))
                .orElseThrow(() -> new NotFoundException("no such document in the trash"));
        permissions.requireRoom(document.roomId(), Permission.MANAGE);
        // DR-9: MANAGE where it was trashed from (below VIEW there it is not found, as in the listing)
        Permission there = permissions.levelsWhereTrashed(document.roomId(), List.of(document)).get(document.id());
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
        return new DocumentEntry(document.id(), document.roomId(), document.parentId(), document.name());
    }

    private void renameAndMove(ItemEntity item, String name, boolean move, UUID newParent) {
        String newName = name == null ? item.name() : Names.clean(name, "name");
        UUID parent = move ? newParent : item.parentId();
        if (move && newParent != null) {
            ItemEntity target = rooms.item(newParent).filter(i -> i.roomId().equals(item.roomId())
                    && ItemEntity.FOLDER.equals(i.kind())).orElseThrow(() -> ValidationException.of(
                    ItemEntity.FOLDER.equals(item.kind()) ? "parentId" : "folderId", "must be a folder of this room"));
            permissions.requireItem(target.id(), Permission.MANAGE);
            if (isSelfOrDescendant(item, target)) {
                throw new ConflictException("A folder cannot move under itself.");
            }
        } else if (move && !Objects.equals(item.parentId(), newParent)) {
            permissions.requireRoom(item.roomId(), Permission.MANAGE);
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

    private ItemEntity documentItem(UUID id) {
        return rooms.item(id).filter(i -> ItemEntity.DOCUMENT.equals(i.kind()))
                .orElseThrow(() -> new NotFoundException("no such document"));
    }

    /**
     * Deletes a folder and everything below it (DR-7), only when the caller manages all of it: a folder that holds
     * anything the caller may not delete alone is refused with 403 and nothing changes (DR-8).
     */
    public void deleteFolder(UUID id) {
        ItemEntity folder = folderEntity(id);
        permissions.requireItem(folder.id(), Permission.MANAGE);
        List<ItemEntity> doomed = subtree(folder);
        permissions.requireOnEvery(folder.roomId(), doomed.stream().map(ItemEntity::id).toList(), Permission.MANAGE);
        doomed.forEach(x -> x.delete(clock.instant()));
    }

    /**
     * DR-10: what changes the whole room (its grants, which everything inherits; archiving it) needs MANAGE on all of
     * it: a manager from whom a folder is hidden or lowered could otherwise lift that themselves or take it offline.
     */
    private void requireWholeRoom(UUID roomId) {
        permissions.requireOnEvery(roomId, rooms.items(roomId).stream().map(ItemEntity::id).toList(),
                Permission.MANAGE);
    }

    /** A live folder and every live item below it. */
    private List<ItemEntity> subtree(ItemEntity folder) {
        List<ItemEntity> all = rooms.items(folder.roomId());
        List<ItemEntity> below = new ArrayList<>(List.of(folder));
        for (int i = 0; i < below.size(); i++) {
            UUID parent = below.get(i).id();
            all.stream().filter(x -> parent.equals(x.parentId())).forEach(below::add);
        }
        return below;
    }

    /**
     * Adds the entry of a new document to a room (in the caller's transaction; the documents module records its
     * versions under the same id). Needs UPLOAD on the room; the folder must be one of the room's.
     */
    public UUID addDocument(UUID roomId, UUID folderId, String name) {
        if (folderId == null) {
            permissions.requireRoom(roomId, Permission.UPLOAD);
        } else {
            permissions.requireSomewhere(roomId, Permission.UPLOAD);
            // the folder is named in the query, like a path id: one of another room is as missing as a random one
            rooms.item(folderId).filter(i -> i.roomId().equals(roomId) && ItemEntity.FOLDER.equals(i.kind()))
                    .orElseThrow(() -> new NotFoundException("no such folder"));
            permissions.requireItem(folderId, Permission.UPLOAD);
        }
        String clean = Names.clean(name, "name");
        Rooms.Siblings siblings = rooms.siblings(roomId, folderId);
        if (siblings.named(clean, null)) {
            throw new ConflictException("An item with this name exists in this folder.");
        }
        ItemEntity document = new ItemEntity(roomId, folderId, ItemEntity.DOCUMENT, clean, siblings.nextPosition(),
                callers.current().user().value(), clock.instant());
        rooms.add(document);
        return document.id();
    }

    /** A document's entry (name, folder, room) after checking that the caller holds {@code needed} on it. */
    public DocumentEntry documentEntry(UUID documentId, Permission needed) {
        ItemEntity item = documentItem(documentId);
        permissions.requireItem(item.id(), needed);
        return new DocumentEntry(item.id(), item.roomId(), item.parentId(), item.name());
    }

    /**
     * A live document's entry when {@code user} (not the caller) holds {@code needed} on it now — access on someone's
     * behalf, e.g. a download ticket acting with its creator's rights (see {@link Permissions#onBehalfOf}).
     */
    public Optional<DocumentEntry> documentOnBehalfOf(io.coffer.shared.UserId user, UUID documentId,
                                                      Permission needed) {
        return documentOnBehalfOf(Holder.of(user), documentId, needed);
    }

    /** The same for a holder, at most at the role they acted with (a ticket issued with an API key: PERM-16). */
    public Optional<DocumentEntry> documentOnBehalfOf(Holder user, UUID documentId, Permission needed) {
        if (!permissions.onBehalfOf(user, documentId).atLeast(needed)) {
            return Optional.empty();
        }
        return rooms.item(documentId).filter(i -> ItemEntity.DOCUMENT.equals(i.kind()))
                .map(i -> new DocumentEntry(i.id(), i.roomId(), i.parentId(), i.name()));
    }

    /**
     * The room's tree as the caller may see it (PERM-7): every item's level in one query, numbered 1, 1.1, 1.2... by
     * position; hidden items never appear.
     */
    public List<TreeNode> tree(UUID roomId) {
        return permissions.visibleTree(roomId);
    }

    /**
     * A room's tree on behalf of others (a share link acts for its creator and for whoever last set its reach, at
     * each request, never more), each at most at the role they acted with (SL-18): a root node of kind DATAROOM
     * whose every level, the room's included, is the lowest of theirs (PERM-20), and nothing at or below an item of
     * {@code cut} appears, by the room's real structure whatever any of them sees of it (PERM-21). Empty when the
     * room is gone or archived or they see nothing of it.
     */
    public Optional<TreeNode> treeOnBehalfOf(java.util.Collection<Holder> users, UUID roomId,
                                             java.util.Collection<UUID> cut) {
        Optional<DataRoomEntity> room = rooms.room(roomId).filter(r -> !r.archived());
        if (room.isEmpty() || users.isEmpty()) {
            return Optional.empty();
        }
        Permission onRoom = PermissionRules.lowestOverHolders(users.stream()
                .map(u -> permissions.onBehalfOf(u, roomId)).toList());
        List<TreeNode> visible = permissions.visibleTree(users, roomId, cut);
        if (onRoom == Permission.NONE && visible.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TreeNode(roomId, "DATAROOM", room.get().name(), "", onRoom, visible));
    }

    /** The room's grants (MANAGE on the room): on the room itself and on its live folders. */
    public List<Grant> grants(UUID roomId) {
        permissions.requireRoom(roomId, Permission.MANAGE);
        // DR-10: no grant on a folder hidden from the caller (who may see it, and that it exists, is hidden too)
        Map<UUID, Permission> seen = permissions.levelsInRoom(roomId);
        return grantStore.grants(roomId).stream().filter(g -> g.folderId() == null
                        || seen.getOrDefault(g.folderId(), Permission.NONE).atLeast(Permission.VIEW))
                .map(g -> new Grant(Grant.PrincipalType.valueOf(g.principalType()), g.principalId(), g.folderId(),
                        Permission.valueOf(g.permission()))).toList();
    }

    /**
     * Replaces the room's grants as one (MANAGE on the room): any invalid entry is a 400 naming it, and nothing
     * changes. Users must be current users of the tenant, groups the tenant's, folders live folders of the room; one
     * grant per (folder, principal). Publishes {@link GrantChanged}; the next request sees the new grants.
     */
    public List<Grant> replaceGrants(UUID roomId, List<Grant> grants) {
        permissions.requireRoom(roomId, Permission.MANAGE);
        requireWholeRoom(roomId);
        if (grants == null) {
            throw ValidationException.of("body", "must be an array of grants");
        }
        List<ValidationException.FieldError> errors = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<GrantEntity> entities = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            Grant g = grants.get(i);
            String at = "[" + i + "]";
            if (g == null || g.principalType() == null || g.principalId() == null || g.permission() == null) {
                errors.add(new ValidationException.FieldError(at, "needs principal.type, principal.id and permission"));
                continue;
            }
            boolean known = g.principalType() == Grant.PrincipalType.USER
                    ? callers.currentRole(new io.coffer.shared.UserId(g.principalId())).isPresent()
                    : grantStore.group(g.principalId()).isPresent();
            if (!known) {
                errors.add(new ValidationException.FieldError(at + ".principal.id",
                        "must be a " + (g.principalType() == Grant.PrincipalType.USER ? "member" : "group")
                                + " of this tenant"));
            }
            if (g.folderId() != null && rooms.item(g.folderId()).filter(f -> f.roomId().equals(roomId)
                    && ItemEntity.FOLDER.equals(f.kind())).isEmpty()) {
                errors.add(new ValidationException.FieldError(at + ".folderId", "must be a folder of this room"));
            }
            if (!seen.add(g.folderId() + "|" + g.principalType() + "|" + g.principalId())) {
                errors.add(new ValidationException.FieldError(at, "repeats a grant for the same folder and principal"));
            }
            entities.add(new GrantEntity(roomId, g.folderId(), g.principalType().name(), g.principalId(),
                    g.permission().name(), clock.instant()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Some grants are not valid; nothing was changed.", errors);
        }
        grantStore.replaceGrants(roomId, entities);
        CurrentCaller caller = callers.current();
        events.fire(new GrantChanged(caller.tenant(), roomId, entities.size(), caller.user(), clock.instant()));
        return grantStore.grants(roomId).stream().map(g -> new Grant(Grant.PrincipalType.valueOf(g.principalType()),
                g.principalId(), g.folderId(), Permission.valueOf(g.permission()))).toList();
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

    private ItemEntity folderEntity(UUID id) {
        return rooms.item(id).filter(i -> ItemEntity.FOLDER.equals(i.kind()))
                .orElseThrow(() -> new NotFoundException("no such folder"));
    }

    /** A folder as the caller sees it: its path names only the folders above it that the caller sees (PERM-7). */
    private Folder folderView(ItemEntity folder) {
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
        List<Boolean> seen = permissions.visibleAncestors(folder.id(), ancestors.size());
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
        return new Folder(folder.id(), folder.roomId(), folder.name(), shownParent, path.toString());
    }

    private static DataRoom view(DataRoomEntity room, Permission p) {
        return new DataRoom(room.id(), room.name(), room.description(), room.createdAt(), p);
    }

    private static String description(String description) {
        if (description == null) {
            return null;
        }
        String d = description.strip();
        if (d.length() > 2000) {
            throw ValidationException.of("description", "must be at most 2000 characters");
        }
        return d.isEmpty() ? null : d;
    }

    /*
     * The trash purge (a background job of the documents module, tenant-scoped, no caller): the datarooms module owns
     * the items, so it says which are due and deletes them once their versions are gone.
     */

    /** Locks up to {@code limit} documents whose {@link #TRASH_KEPT} days in the trash are over (the job's tenant). */
    public List<UUID> lockExpiredTrash(int limit) {
        return rooms.lockExpiredDocuments(tenancy.require().value(), clock.instant().minus(TRASH_KEPT), limit);
    }

    /** Deletes purged documents' items, then trashed folders past {@link #TRASH_KEPT} with nothing left below. */
    public void deletePurged(java.util.Collection<UUID> documentIds) {
        UUID tenant = tenancy.require().value();
        rooms.deleteForGood(tenant, documentIds);
        java.time.Instant cutoff = clock.instant().minus(TRASH_KEPT);
        while (rooms.deleteEmptyExpiredFolders(tenant, cutoff) > 0) {
            // one level of empty folders per round, deepest first
        }
    }
}
