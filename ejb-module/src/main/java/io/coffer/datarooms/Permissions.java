package io.coffer.datarooms;

import io.coffer.datarooms.internal.DataRoomEntity;
import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.PermissionRules;
import io.coffer.datarooms.internal.PermissionRules.PathGrant;
import io.coffer.datarooms.internal.PermissionRules.Placed;
import io.coffer.datarooms.internal.Resolver;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one permission service (docs/features/permissions.md), called inside the caller's transaction. Its narrow face —
 * {@code require*}, {@code visibleTree}, {@code onBehalfOf} — hides roles, groups, inheritance and overrides, archived
 * rooms and tenancy from every caller; the rules themselves are the named policies of {@link PermissionRules}, composed
 * here and nowhere else. Everything is read from the database on every call: a change of grants, group membership or
 * role takes effect on the very next request. Below VIEW an object is {@link NotFoundException} (the uniform 404);
 * seen but below the level needed it is {@link ForbiddenException} (403).
 */
@ApplicationScoped
public class Permissions {

    @EJB
    CallerCheck callers;

    @EJB
    TenantScope tenants;

    @Inject
    Rooms rooms;

    @Inject
    Resolver resolver;

    /** Who a decision is for: the caller, or a user on whose behalf something acts. */
    private record Who(TenantId tenant, UserId user, Role role) {
    }

    /** The caller's level on a room or an item, whichever {@code target} names; refuses as {@link PermissionRules#require}. */
    public Permission require(UUID target, Permission needed) {
        return rooms.item(target).isPresent() ? requireItem(target, needed) : requireRoom(target, needed);
    }

    /**
     * The caller's level on a room itself. A room is seen (VIEW passes) when the caller holds VIEW on it or on anything
     * in it (PERM-6); higher levels need that level on the room itself.
     */
    public Permission requireRoom(UUID roomId, Permission needed) {
        Who who = caller();
        DataRoomEntity room = liveRoom(roomId).orElseThrow(() -> new NotFoundException("no such room"));
        Permission held = level(who, room, null);
        if (!PermissionRules.roomVisible(held, held.atLeast(Permission.VIEW) || anyFolderVisible(who, roomId))) {
            throw new NotFoundException("no such room");
        }
        if (needed.atLeast(Permission.DOWNLOAD) && !held.atLeast(needed)) {
            throw new ForbiddenException("This needs the " + needed + " permission.");
        }
        return held;
    }

    /** The caller's level on a live item (folder or document) of a live room; refuses as {@link PermissionRules#require}. */
    public Permission requireItem(UUID itemId, Permission needed) {
        Who who = caller();
        ItemEntity item = rooms.item(itemId).orElseThrow(() -> new NotFoundException("no such item"));
        DataRoomEntity room = liveRoom(item.roomId()).orElseThrow(() -> new NotFoundException("no such item"));
        return PermissionRules.require(level(who, room, item.id()), needed);
    }

    /**
     * For checks made before a body is read, when the exact target is in the body: does the caller hold {@code needed}
     * on the room or on anything in it? The operation checks its exact target again.
     */
    public Permission requireSomewhere(UUID roomId, Permission needed) {
        Who who = caller();
        DataRoomEntity room = liveRoom(roomId).orElseThrow(() -> new NotFoundException("no such room"));
        Permission held = level(who, room, null);
        if (held.atLeast(needed)) {
            return held;
        }
        Map<UUID, Permission> items = effective(who, roomId);
        if (!held.atLeast(Permission.VIEW) && items.values().stream().noneMatch(p -> p.atLeast(Permission.VIEW))) {
            throw new NotFoundException("no such room");
        }
        if (items.values().stream().noneMatch(p -> p.atLeast(needed))) {
            throw new ForbiddenException("This needs the " + needed + " permission.");
        }
        return held;
    }

    /**
     * The caller's level on a room or a live item, whichever {@code target} names, without refusing: NONE when the
     * caller cannot see it (also a deleted item or an archived room). For decisions that must not throw inside the
     * caller's transaction (a refusal caught there would mark it rollback-only). The caller acts as
     * {@code CallerCheck.current()} says — an API-key token with its capped role (PERM-16) — never with the database
     * role of the caller's user: that is what {@link #onBehalfOf} reads, and it is not for the caller.
     */
    public Permission held(UUID target) {
        Who who = caller();
        Optional<ItemEntity> item = rooms.item(target);
        Optional<DataRoomEntity> room = liveRoom(item.map(ItemEntity::roomId).orElse(target));
        if (room.isEmpty()) {
            return Permission.NONE;
        }
        return level(who, room.get(), item.map(ItemEntity::id).orElse(null));
    }

    /**
     * What {@code user} (not the caller: see {@link #held}) may do with an item or a room now, for access on someone's
     * behalf: a download ticket or a share link acts with its creator's rights at the moment of use, never more. NONE
     * when the user is gone, the item deleted or its room archived.
     */
    public Permission onBehalfOf(UserId user, UUID itemId) {
        return onBehalfOf(Holder.of(user), itemId);
    }

    /** The same for a holder, at most at the role they acted with. */
    public Permission onBehalfOf(Holder user, UUID itemId) {
        Optional<Who> who = behalf(user);
        Optional<ItemEntity> item = rooms.item(itemId);
        Optional<DataRoomEntity> room = liveRoom(item.map(ItemEntity::roomId).orElse(itemId));
        if (who.isEmpty() || room.isEmpty()) {
            return Permission.NONE;
        }
        return level(who.get(), room.get(), item.map(ItemEntity::id).orElse(null));
    }

    /** The room's tree as the caller may see it (PERM-7), each item with the caller's level; the room must be seen. */
    public List<TreeNode> visibleTree(UUID roomId) {
        requireRoom(roomId, Permission.VIEW);
        return tree(caller(), roomId);
    }

    /**
     * The room's tree as several users jointly may see it now, for access on behalf of all of them (a share link acts
     * for its creator and for whoever last set its reach): each item at the lowest of their levels (PERM-20), the
     * items at or below {@code cut} by the room's real structure left out whatever anyone sees of it (PERM-21), then
     * placed as PERM-7 says. Empty when one of them is gone or the room is not served.
     */
    public List<TreeNode> visibleTree(Collection<Holder> users, UUID roomId, Collection<UUID> cut) {
        if (users.isEmpty() || liveRoom(roomId).isEmpty()) {
            return List.of();
        }
        List<Map<UUID, Permission>> levels = new ArrayList<>();
        for (Holder user : new java.util.LinkedHashSet<>(users)) {
            Optional<Who> who = behalf(user);
            if (who.isEmpty()) {
                return List.of();
            }
            levels.add(effective(who.get(), roomId));
        }
        List<Resolver.ItemLevels> items = resolver.roomItems(tenants.require(), roomId);
        Map<UUID, UUID> parentOf = new HashMap<>();
        items.forEach(i -> parentOf.put(i.id(), i.parentId()));
        java.util.Set<UUID> hidden = PermissionRules.atOrBelow(parentOf, cut);
        List<Placed> placed = new ArrayList<>();
        for (Resolver.ItemLevels i : items) {
            Permission level = hidden.contains(i.id()) ? Permission.NONE : PermissionRules.lowestOverHolders(
                    levels.stream().map(m -> m.getOrDefault(i.id(), Permission.NONE)).toList());
            placed.add(new Placed(i.id(), i.parentId(), i.kind(), i.name(), i.position(), level));
        }
        Map<UUID, UUID> placement = PermissionRules.treePlacement(placed);
        return nodes(PermissionRules.shownChildren(placed, placement), null, "");
    }

    /** The rooms the caller sees, with the caller's level on each room itself (PERM-6; NONE when only items show). */
    Map<UUID, Permission> visibleRooms(List<DataRoomEntity> active) {
        Who who = caller();
        Map<UUID, Permission> visible = new java.util.LinkedHashMap<>();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            active.forEach(r -> visible.put(r.id(), Permission.MANAGE));
            return visible;
        }
        Map<UUID, List<PathGrant>> onRooms = resolver.roomGrants(who.tenant(), who.user());
        java.util.Set<UUID> withFolders = resolver.roomsWithVisibleFolders(who.tenant(), who.user());
        for (DataRoomEntity room : active) {
            Permission held = PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(
                    onRooms.getOrDefault(room.id(), List.of())).values());
            if (PermissionRules.roomVisible(held, withFolders.contains(room.id()))) {
                visible.put(room.id(), held);
            }
        }
        return visible;
    }

    /**
     * Which of an item's ancestors (index 0 = its parent, upward) the caller sees, from the same one query: a path shown
     * to the caller names only those (PERM-7).
     */
    List<Boolean> visibleAncestors(UUID itemId, int ancestors) {
        Who who = caller();
        ItemEntity item = rooms.item(itemId).orElseThrow(() -> new NotFoundException("no such item"));
        List<Boolean> seen = new ArrayList<>();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            for (int i = 0; i < ancestors; i++) {
                seen.add(true);
            }
            return seen;
        }
        List<PathGrant> path = resolver.grantsOnPath(who.tenant(), who.user(), item.roomId(), item.id());
        for (int depth = 1; depth <= ancestors; depth++) {
            int from = depth;
            List<PathGrant> above = path.stream().filter(g -> g.depth() >= from).toList();
            seen.add(PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(above).values())
                    .atLeast(Permission.VIEW));
        }
        return seen;
    }

    /**
     * DR-8: a cascade touches nothing the caller could not touch alone: the caller holds {@code needed} on every one of
     * {@code itemIds} (live items of the room), else 403 (the operation's own target is seen, so nothing new is told
     * but that something below it is not theirs to change).
     */
    void requireOnEvery(UUID roomId, Collection<UUID> itemIds, Permission needed) {
        Who who = caller();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            return;
        }
        Map<UUID, Permission> levels = effective(who, roomId);
        for (UUID id : itemIds) {
            if (!levels.getOrDefault(id, Permission.NONE).atLeast(needed)) {
                throw new ForbiddenException("This holds items you may not change; nothing was changed.");
            }
        }
    }

    /** The caller's level on every live item of a room, from one tree query (a missing item: NONE). */
    Map<UUID, Permission> levelsInRoom(UUID roomId) {
        return effective(caller(), roomId);
    }

    /**
     * DR-9: the caller's level on each of a room's trashed documents at the place it was trashed from (its folder's
     * level, live or trashed itself, else the room's), from one tree query and one path query per document whose
     * folder is gone too.
     */
    Map<UUID, Permission> levelsWhereTrashed(UUID roomId, Collection<ItemEntity> trashed) {
        Who who = caller();
        Map<UUID, Permission> answer = new HashMap<>();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            trashed.forEach(d -> answer.put(d.id(), Permission.MANAGE));
            return answer;
        }
        Map<UUID, Permission> live = effective(who, roomId);
        Permission onRoom = null;
        for (ItemEntity d : trashed) {
            Permission level;
            if (d.parentId() == null) {
                onRoom = onRoom != null ? onRoom : level(who, liveRoom(roomId).orElseThrow(), null);
                level = onRoom;
            } else if (live.containsKey(d.parentId())) {
                level = live.get(d.parentId());
            } else {
                level = PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(
                        resolver.grantsOnPath(who.tenant(), who.user(), roomId, d.id(), true)).values());
            }
            answer.put(d.id(), level);
        }
        return answer;
    }

    private List<TreeNode> tree(Who who, UUID roomId) {
        List<Placed> placed = new ArrayList<>();
        boolean admin = PermissionRules.tenantAdminsManageEverything(who.role()).isPresent();
        List<Resolver.ItemLevels> items = admin ? resolver.roomItems(who.tenant(), roomId)
                : resolver.roomLevels(who.tenant(), who.user(), roomId);
        for (Resolver.ItemLevels i : items) {
            placed.add(new Placed(i.id(), i.parentId(), i.kind(), i.name(), i.position(),
                    admin ? Permission.MANAGE : PermissionRules.highestOverPrincipals(i.levels())));
        }
        Map<UUID, UUID> placement = PermissionRules.treePlacement(placed);
        return nodes(PermissionRules.shownChildren(placed, placement), null, "");
    }

    private static List<TreeNode> nodes(Map<UUID, List<Placed>> children, UUID parent, String prefix) {
        List<TreeNode> nodes = new ArrayList<>();
        int n = 0;
        for (Placed item : children.getOrDefault(parent, List.of())) {
            String index = prefix + (++n);
            nodes.add(new TreeNode(item.id(), item.kind(), item.name(), index, item.permission(),
                    ItemEntity.FOLDER.equals(item.kind()) ? nodes(children, item.id(), index + ".") : null));
        }
        return nodes;
    }

    private Map<UUID, Permission> effective(Who who, UUID roomId) {
        Map<UUID, Permission> levels = new HashMap<>();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            resolver.roomItems(who.tenant(), roomId).forEach(i -> levels.put(i.id(), Permission.MANAGE));
            return levels;
        }
        for (Resolver.ItemLevels i : resolver.roomLevels(who.tenant(), who.user(), roomId)) {
            levels.put(i.id(), PermissionRules.highestOverPrincipals(i.levels()));
        }
        return levels;
    }

    /** PERM-1, then PERM-2 and PERM-3 over the grants on the path of the item (null: the room itself). */
    private Permission level(Who who, DataRoomEntity room, UUID item) {
        Optional<Permission> admin = PermissionRules.tenantAdminsManageEverything(who.role());
        if (admin.isPresent()) {
            return admin.get();
        }
        return PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(
                resolver.grantsOnPath(who.tenant(), who.user(), room.id(), item)).values());
    }

    private boolean anyFolderVisible(Who who, UUID roomId) {
        return PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()
                || resolver.roomsWithVisibleFolders(who.tenant(), who.user()).contains(roomId);
    }

    /** PERM-4: an archived room serves nothing. */
    private Optional<DataRoomEntity> liveRoom(UUID roomId) {
        return rooms.room(roomId).filter(r -> PermissionRules.served(r.archived(), false, true));
    }

    private Who caller() {
        CurrentCaller c = callers.current();
        return new Who(c.tenant(), c.user(), c.role());
    }

    /**
     * Whom something acts for, at most at the role the holder acted with (SL-18: a link made with an API key acts as
     * the key); PERM-4: a user who is gone holds nothing.
     */
    private Optional<Who> behalf(Holder holder) {
        Optional<Role> role = callers.currentRole(holder.user());
        if (!PermissionRules.served(false, false, role.isPresent())) {
            return Optional.empty();
        }
        return Optional.of(new Who(tenants.require(), holder.user(), holder.capped(role.get())));
    }
}
