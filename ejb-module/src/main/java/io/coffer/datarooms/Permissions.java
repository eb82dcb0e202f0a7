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
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.ItemId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one permission service (docs/features/permissions.md) and the only place that answers "may": {@code level}
 * (never refuses), {@code can}, {@code require} (refuses) on typed ids — a {@link RoomId} or an {@link ItemId}, never a
 * bare UUID whose kind would have to be guessed — and {@code onBehalfOf} (a link's creator, a ticket's issuer).
 * An EJB: inside another module's call it joins that transaction; called by the web layer (authorization before a
 * body is read) it runs in one of its own with the caller's tenant bound. Its face hides roles, groups, inheritance and
 * overrides, archived rooms and tenancy from every caller; the rules themselves are the named policies of {@link PermissionRules}, composed
 * here and nowhere else. Everything is read from the database on every call: a change of grants, group membership or
 * role takes effect on the very next request. Below VIEW an object is {@link NotFoundException} (the uniform 404);
 * seen but below the level needed it is {@link ForbiddenException} (403).
 */
@Stateless
@PermitAll
public class Permissions {

    @EJB
    CallerCheck callers;

    @EJB
    TenantScope tenants;

    @Inject
    Rooms rooms;

    @Inject
    Resolver resolver;

    @Inject
    Denials denials;

    /** Who a decision is for: the caller, or a user on whose behalf something acts. */
    private record Who(TenantId tenant, UserId user, Role role) {
    }

    // ---- the caller ------------------------------------------------------------------------------------------------

    /**
     * The caller's level on a room itself, refusing below {@code needed}. A room is seen (VIEW passes) when the caller
     * holds VIEW on it or on anything in it (PERM-6); higher levels need that level on the room itself.
     */
    public Permission require(RoomId roomId, Permission needed) {
        Who who = caller();
        Optional<DataRoomEntity> room = liveRoom(roomId.value());
        Permission held = room.map(r -> level(who, r, null)).orElse(Permission.NONE);
        if (room.isEmpty() || !PermissionRules.roomVisible(held, held.atLeast(Permission.VIEW)
                || anyFolderVisible(who, roomId.value()))) {
            throw denials.notFound(who.user(), roomId.value(), needed, "no such room");
        }
        if (needed.atLeast(Permission.DOWNLOAD) && !held.atLeast(needed)) {
            throw denials.forbidden(who.user(), roomId.value(), needed);
        }
        return held;
    }

    /** The caller's level on a live folder or document of a live room, refusing as {@link PermissionRules#require}. */
    public Permission require(ItemId itemId, Permission needed) {
        Who who = caller();
        Permission held = live(itemId).map(l -> level(who, l.room(), l.item().id())).orElse(Permission.NONE);
        if (!held.atLeast(Permission.VIEW)) {
            throw denials.notFound(who.user(), itemId.value(), needed, "no such "
                    + (itemId instanceof FolderId ? "folder" : "document"));
        }
        if (!held.atLeast(needed)) {
            throw denials.forbidden(who.user(), itemId.value(), needed);
        }
        return held;
    }

    /**
     * For checks made before a body is read, when the exact target is in the body: does the caller hold {@code needed}
     * on the room or on anything in it? The operation checks its exact target again.
     */
    public Permission requireSomewhere(RoomId roomId, Permission needed) {
        Who who = caller();
        DataRoomEntity room = liveRoom(roomId.value()).orElseThrow(() -> denials.notFound(who.user(), roomId.value(),
                needed, "no such room"));
        Permission held = level(who, room, null);
        if (held.atLeast(needed)) {
            return held;
        }
        Map<UUID, Permission> items = effective(who, roomId.value());
        if (!held.atLeast(Permission.VIEW) && items.values().stream().noneMatch(p -> p.atLeast(Permission.VIEW))) {
            throw denials.notFound(who.user(), roomId.value(), needed, "no such room");
        }
        if (items.values().stream().noneMatch(p -> p.atLeast(needed))) {
            throw denials.forbidden(who.user(), roomId.value(), needed);
        }
        return held;
    }

    /**
     * DR-8: a cascade touches nothing the caller could not touch alone: the caller holds {@code needed} on every one of
     * {@code itemIds} (live items of the room), else 403 (the operation's own target is seen, so nothing new is told
     * but that something below it is not theirs to change).
     */
    public void requireOnEvery(RoomId roomId, Collection<? extends ItemId> itemIds, Permission needed) {
        Who who = caller();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            return;
        }
        Map<UUID, Permission> levels = effective(who, roomId.value());
        for (ItemId id : itemIds) {
            if (!levels.getOrDefault(id.value(), Permission.NONE).atLeast(needed)) {
                throw denials.forbidden(who.user(), id.value(), needed,
                        "This holds items you may not change; nothing was changed.");
            }
        }
    }

    /**
     * The caller's level on a room, without refusing: NONE when the caller cannot see it (also an archived room). For
     * decisions that must not throw inside the caller's transaction (a refusal caught there would mark it
     * rollback-only). The caller acts as {@code CallerCheck.current()} says — an API-key token with its capped role
     * (PERM-16) — never with the database role of the caller's user: that is what {@link #onBehalfOf} reads.
     */
    public Permission level(RoomId roomId) {
        return liveRoom(roomId.value()).map(r -> level(caller(), r, null)).orElse(Permission.NONE);
    }

    /** The same for a live folder or document: NONE when it is gone, of the other kind, or its room archived. */
    public Permission level(ItemId itemId) {
        return live(itemId).map(l -> level(caller(), l.room(), l.item().id())).orElse(Permission.NONE);
    }

    public boolean can(RoomId roomId, Permission needed) {
        return level(roomId).atLeast(needed);
    }

    public boolean can(ItemId itemId, Permission needed) {
        return level(itemId).atLeast(needed);
    }

    /** The caller's level on every live item of a room, from one tree query (a missing item: NONE). */
    public Map<UUID, Permission> levels(RoomId roomId) {
        return effective(caller(), roomId.value());
    }

    /** The room's tree as the caller may see it (PERM-7), each item with the caller's level; the room must be seen. */
    public List<TreeNode> visibleTree(RoomId roomId) {
        require(roomId, Permission.VIEW);
        return tree(caller(), roomId.value());
    }

    /**
     * Of {@code active} (live rooms, in their order), those the caller sees, with the caller's level on each room
     * itself (PERM-6; NONE when only items show).
     */
    public Map<RoomId, Permission> visibleRooms(List<RoomId> active) {
        Who who = caller();
        Map<RoomId, Permission> visible = new java.util.LinkedHashMap<>();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            active.forEach(r -> visible.put(r, Permission.MANAGE));
            return visible;
        }
        Map<UUID, List<PathGrant>> onRooms = resolver.roomGrants(who.tenant(), who.user());
        java.util.Set<UUID> withFolders = resolver.roomsWithVisibleFolders(who.tenant(), who.user());
        for (RoomId room : active) {
            Permission held = PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(
                    onRooms.getOrDefault(room.value(), List.of())).values());
            if (PermissionRules.roomVisible(held, withFolders.contains(room.value()))) {
                visible.put(room, held);
            }
        }
        return visible;
    }

    /**
     * Which of an item's ancestors (index 0 = its parent, upward) the caller sees, from the same one query: a path shown
     * to the caller names only those (PERM-7).
     */
    public List<Boolean> visibleAncestors(ItemId itemId, int ancestors) {
        Who who = caller();
        ItemEntity item = rooms.item(itemId.value()).orElseThrow(() -> new NotFoundException("no such item"));
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
     * DR-9: the caller's level on each of a room's trashed documents at the place it was trashed from (its folder's
     * level, live or trashed itself, else the room's), from one tree query and one path query per document whose
     * folder is gone too.
     */
    public Map<DocumentId, Permission> levelsWhereTrashed(RoomId roomId, Collection<DocumentId> documents) {
        Who who = caller();
        Map<DocumentId, Permission> answer = new HashMap<>();
        if (PermissionRules.tenantAdminsManageEverything(who.role()).isPresent()) {
            documents.forEach(d -> answer.put(d, Permission.MANAGE));
            return answer;
        }
        java.util.Set<UUID> wanted = new java.util.HashSet<>();
        documents.forEach(d -> wanted.add(d.value()));
        Map<UUID, Permission> live = effective(who, roomId.value());
        Permission onRoom = null;
        for (ItemEntity d : rooms.trashedDocuments(roomId.value())) {
            if (!wanted.contains(d.id())) {
                continue;
            }
            Permission level;
            if (d.parentId() == null) {
                onRoom = onRoom != null ? onRoom : liveRoom(roomId.value()).map(r -> level(who, r, null))
                        .orElse(Permission.NONE);
                level = onRoom;
            } else if (live.containsKey(d.parentId())) {
                level = live.get(d.parentId());
            } else {
                level = PermissionRules.highestOverPrincipals(PermissionRules.nearestGrantPerPrincipal(
                        resolver.grantsOnPath(who.tenant(), who.user(), roomId.value(), d.id(), true)).values());
            }
            answer.put(new DocumentId(d.id()), level);
        }
        return answer;
    }

    /**
     * PERM-22/23: every current member's effective level at a scope of the room — the room itself ({@code folder}
     * empty) or a live folder of it — and why, from the same decision that answers their own requests (each counted
     * with their current role in the tenant). For the room's managers (MANAGE on the room, refused as
     * {@link #require(RoomId, Permission)}); a folder that is not a live folder of this room, or one hidden from the
     * caller (DR-10), is the uniform 404. One path query per member.
     */
    public List<EffectivePermission> ofEveryMember(RoomId roomId, Optional<FolderId> folder) {
        require(roomId, Permission.MANAGE);
        Who who = caller();
        DataRoomEntity room = liveRoom(roomId.value()).orElseThrow();
        UUID item = null;
        if (folder.isPresent()) {
            Optional<LiveItem> live = live(folder.get()).filter(l -> l.room().id().equals(roomId.value()));
            if (live.isEmpty() || !level(who, room, folder.get().value()).atLeast(Permission.VIEW)) {
                throw denials.notFound(who.user(), folder.get().value(), Permission.MANAGE, "no such folder");
            }
            item = folder.get().value();
        }
        List<EffectivePermission> answer = new ArrayList<>();
        for (Map.Entry<UserId, Role> member : callers.currentMembers().entrySet()) {
            answer.add(decision(new Who(who.tenant(), member.getKey(), member.getValue()), room, item));
        }
        return answer;
    }

    // ---- on someone's behalf ---------------------------------------------------------------------------------------

    /**
     * What {@code holder} (not the caller: see {@link #level}) may do in a live room now, at most at
     * the role they acted with: a download ticket or a share link acts with its creator's rights at the moment of use,
     * never more. NONE when the user is gone, the item deleted or its room archived.
     */
    public Permission onBehalfOf(Holder holder, RoomId roomId) {
        Optional<Who> who = behalf(holder);
        Optional<DataRoomEntity> room = liveRoom(roomId.value());
        if (who.isEmpty() || room.isEmpty()) {
            return Permission.NONE;
        }
        return level(who.get(), room.get(), null);
    }

    /** As {@link #onBehalfOf(Holder, RoomId)}, on a live folder or document. */
    public Permission onBehalfOf(Holder holder, ItemId itemId) {
        Optional<Who> who = behalf(holder);
        Optional<LiveItem> live = live(itemId);
        if (who.isEmpty() || live.isEmpty()) {
            return Permission.NONE;
        }
        return level(who.get(), live.get().room(), live.get().item().id());
    }

    /**
     * What several holders jointly may see of a room now, in bulk, for access on behalf of all of them (a share link
     * acts for its creator and for whoever last set its reach, each at most at the role they acted with, SL-18): a root
     * node of kind DATAROOM whose every level, the room's included, is the lowest of theirs (PERM-20); nothing at or
     * below an item of {@code cut} (ids of folders or documents: a link's overrides name either) appears, by the room's real structure whatever any of them sees of it (PERM-21);
     * then placed as PERM-7 says. One grant query per holder for the whole room: the link's every later question in
     * the request (may this document be shown, downloaded) is answered from the {@link Delegation}, not asked again.
     * Nothing (an empty tree, every level NONE) when a holder is gone or the room archived.
     */
    public Delegation onBehalfOf(Collection<Holder> holders, RoomId roomId, Collection<UUID> cut) {
        Optional<DataRoomEntity> room = liveRoom(roomId.value());
        if (holders.isEmpty() || room.isEmpty()) {
            return Delegation.none(roomId);
        }
        List<Map<UUID, Permission>> levels = new ArrayList<>();
        List<Permission> onRoom = new ArrayList<>();
        for (Holder holder : new java.util.LinkedHashSet<>(holders)) {
            Optional<Who> who = behalf(holder);
            if (who.isEmpty()) {
                return Delegation.none(roomId);
            }
            levels.add(effective(who.get(), roomId.value()));
            onRoom.add(level(who.get(), room.get(), null));
        }
        List<Resolver.ItemLevels> items = resolver.roomItems(tenants.require(), roomId.value());
        Map<UUID, UUID> parentOf = new HashMap<>();
        items.forEach(i -> parentOf.put(i.id(), i.parentId()));
        java.util.Set<UUID> hidden = PermissionRules.atOrBelow(parentOf, cut);
        List<Placed> placed = new ArrayList<>();
        Map<UUID, Permission> joint = new HashMap<>();
        for (Resolver.ItemLevels i : items) {
            Permission level = hidden.contains(i.id()) ? Permission.NONE : PermissionRules.lowestOverHolders(
                    levels.stream().map(m -> m.getOrDefault(i.id(), Permission.NONE)).toList());
            placed.add(new Placed(i.id(), i.parentId(), i.kind(), i.name(), i.position(), level));
            joint.put(i.id(), level);
        }
        Map<UUID, UUID> placement = PermissionRules.treePlacement(placed);
        List<TreeNode> visible = nodes(PermissionRules.shownChildren(placed, placement), null, "");
        Permission rootLevel = PermissionRules.lowestOverHolders(onRoom);
        if (rootLevel == Permission.NONE && visible.isEmpty()) {
            return Delegation.none(roomId);
        }
        return new Delegation(roomId, Optional.of(new TreeNode(roomId.value(), "DATAROOM", room.get().name(), "",
                rootLevel, visible)), joint);
    }

    // ---- the rules, composed ---------------------------------------------------------------------------------------

    /** A live item of the kind its id says, in a live room. */
    private record LiveItem(ItemEntity item, DataRoomEntity room) {
    }

    private Optional<LiveItem> live(ItemId itemId) {
        return rooms.item(itemId.value()).filter(i -> i.kind().equals(kindOf(itemId)))
                .flatMap(i -> liveRoom(i.roomId()).map(r -> new LiveItem(i, r)));
    }

    private static String kindOf(ItemId id) {
        return id instanceof FolderId ? ItemEntity.FOLDER : ItemEntity.DOCUMENT;
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
        return decision(who, room, item).permission();
    }

    /**
     * The one decision on a room or a live item, with its reason (PERM-22): PERM-1 (ROLE), else the deciding grant of
     * PERM-2 and PERM-3 over the grants on the path of the item (null: the room itself), else NONE.
     */
    private EffectivePermission decision(Who who, DataRoomEntity room, UUID item) {
        Optional<Permission> admin = PermissionRules.tenantAdminsManageEverything(who.role());
        if (admin.isPresent()) {
            return new EffectivePermission(who.user(), admin.get(), EffectivePermission.Source.ROLE, null, null);
        }
        return PermissionRules.decidingGrant(resolver.grantsOnPath(who.tenant(), who.user(), room.id(), item))
                .map(g -> "GROUP".equals(g.principalType())
                        ? new EffectivePermission(who.user(), g.permission(), EffectivePermission.Source.GROUP,
                                g.principalId(), Items.folderId(g.folderId()))
                        : new EffectivePermission(who.user(), g.permission(), EffectivePermission.Source.USER, null,
                                Items.folderId(g.folderId())))
                .orElseGet(() -> new EffectivePermission(who.user(), Permission.NONE, EffectivePermission.Source.NONE,
                        null, null));
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
