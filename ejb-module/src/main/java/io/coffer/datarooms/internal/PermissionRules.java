package io.coffer.datarooms.internal;

import io.coffer.datarooms.Permission;
import io.coffer.identity.Role;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The permission rules of docs/features/permissions.md, one named policy each (PERM-1 ... PERM-8). They are pure:
 * the resolver's SQL gathers the facts (the caller's principals, their grants on the path of an item, the tree), these
 * decide. {@link io.coffer.datarooms.Permissions} composes them in one place.
 */
public final class PermissionRules {
    private PermissionRules() {
    }

    /** PERM-1: OWNER and ADMIN hold MANAGE on everything of their tenant; empty for a MEMBER (grants decide). */
    public static Optional<Permission> tenantAdminsManageEverything(Role role) {
        return role != null && role.atLeast(Role.ADMIN) ? Optional.of(Permission.MANAGE) : Optional.empty();
    }

    /**
     * A grant of one principal seen from an item: how far up the path it sits (0 = the item itself) and the folder it
     * sits on ({@code null}: the room itself, or not read).
     */
    public record PathGrant(String principalType, UUID principalId, int depth, Permission permission, UUID folderId) {
        public PathGrant(String principalType, UUID principalId, int depth, Permission permission) {
            this(principalType, principalId, depth, permission, null);
        }
    }

    /**
     * PERM-2: a grant applies to everything below its folder, and for one principal the grant nearest to the item (the
     * deepest on its path) overrides those above it, lowering included (down to NONE). Answers each principal's level.
     */
    public static Map<String, Permission> nearestGrantPerPrincipal(Collection<PathGrant> grantsOnPath) {
        Map<String, Permission> levels = new HashMap<>();
        nearestGrants(grantsOnPath).forEach((k, g) -> levels.put(k, g.permission()));
        return levels;
    }

    /** PERM-2, the grants themselves: per principal ({@code TYPE:id}) the grant nearest to the item. */
    private static Map<String, PathGrant> nearestGrants(Collection<PathGrant> grantsOnPath) {
        Map<String, PathGrant> nearest = new HashMap<>();
        for (PathGrant g : grantsOnPath) {
            nearest.merge(g.principalType() + ":" + g.principalId(), g,
                    (a, b) -> a.depth() <= b.depth() ? a : b);
        }
        return nearest;
    }

    /**
     * PERM-2 then PERM-3 with the reason (PERM-22): of each principal's nearest grant, the one whose level is the
     * effective level — the highest; among equals the user's own, then the nearest to the item. Empty when no grant
     * applies (the level is NONE). Its level is always {@code highestOverPrincipals(nearestGrantPerPrincipal(g))}.
     */
    public static Optional<PathGrant> decidingGrant(Collection<PathGrant> grantsOnPath) {
        return nearestGrants(grantsOnPath).values().stream().max(Comparator.comparing(PathGrant::permission)
                .thenComparing(g -> "USER".equals(g.principalType()))
                .thenComparing(Comparator.comparingInt(PathGrant::depth).reversed())
                .thenComparing(g -> g.principalId().toString(), Comparator.reverseOrder()));
    }

    /** PERM-3: the effective level is the highest over the user's own and their groups' levels; none → NONE. */
    public static Permission highestOverPrincipals(Collection<Permission> levels) {
        return levels.stream().max(Comparator.naturalOrder()).orElse(Permission.NONE);
    }

    /** PERM-4: nothing of an archived room, a deleted item or a user who is gone is served. */
    public static boolean served(boolean roomArchived, boolean itemDeleted, boolean userPresent) {
        return !roomArchived && !itemDeleted && userPresent;
    }

    /**
     * PERM-5: below VIEW an object does not exist for the caller ({@link NotFoundException}, the same answer as a
     * missing id); seen but below {@code needed} is {@link ForbiddenException}. Answers the level held.
     */
    public static Permission require(Permission held, Permission needed) {
        if (!held.atLeast(Permission.VIEW)) {
            throw new NotFoundException("no such object");
        }
        if (!held.atLeast(needed)) {
            throw new ForbiddenException("This needs the " + needed + " permission.");
        }
        return held;
    }

    /**
     * PERM-6: a room is visible when the caller holds VIEW on the room itself or on anything in it (a grant on a deep
     * folder shows the room, but only that folder's part of the tree).
     */
    public static boolean roomVisible(Permission onRoom, boolean anyItemVisible) {
        return onRoom.atLeast(Permission.VIEW) || anyItemVisible;
    }

    /** One item of a room with the caller's effective level on it. */
    public record Placed(UUID id, UUID parentId, String kind, String name, int position, Permission permission) {
    }

    /**
     * PERM-7: the tree shows exactly the items the caller holds VIEW on. A visible item whose folder is hidden is shown
     * under its nearest visible ancestor (or at the top): a hidden folder's name never appears. Answers, per shown
     * item, the parent it is shown under (null: the top).
     */
    public static Map<UUID, UUID> treePlacement(Collection<Placed> items) {
        Map<UUID, Placed> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        Map<UUID, UUID> shownUnder = new HashMap<>();
        for (Placed item : items) {
            if (!item.permission().atLeast(Permission.VIEW)) {
                continue;
            }
            UUID up = item.parentId();
            while (up != null && byId.containsKey(up) && !byId.get(up).permission().atLeast(Permission.VIEW)) {
                up = byId.get(up).parentId();
            }
            shownUnder.put(item.id(), up != null && byId.containsKey(up) ? up : null);
        }
        return shownUnder;
    }

    /** PERM-8: the creator of a room is granted MANAGE on it (an ordinary grant, shown and replaceable). */
    public static Permission creatorsGrant() {
        return Permission.MANAGE;
    }

    /** The items shown under {@code parent} (null: the top), in their order. */
    public static List<Placed> shownChildren(Collection<Placed> items, Map<UUID, UUID> placement, UUID parent) {
        return shownChildren(items, placement).getOrDefault(parent, List.of());
    }

    /** For every shown parent (null: the top), the items shown under it in their order: one pass over the items. */
    public static Map<UUID, List<Placed>> shownChildren(Collection<Placed> items, Map<UUID, UUID> placement) {
        Map<UUID, List<Placed>> children = new HashMap<>();
        for (Placed item : items) {
            if (placement.containsKey(item.id())) {
                children.computeIfAbsent(placement.get(item.id()), k -> new ArrayList<>()).add(item);
            }
        }
        children.values().forEach(list -> list.sort(Comparator.comparingInt(Placed::position)
                .thenComparing(p -> p.name().toLowerCase())));
        return children;
    }

    /**
     * PERM-20: on behalf of several users at once (a share link acts for its creator and for whoever last set its
     * reach) an item's level is the lowest of theirs: what one of them may not do, the link may not either.
     */
    public static Permission lowestOverHolders(Collection<Permission> levels) {
        return levels.stream().min(Comparator.naturalOrder()).orElse(Permission.NONE);
    }

    /**
     * PERM-21: the items at or below any of {@code roots} by the room's real structure ({@code parentOf}: every item's
     * parent, deleted ones included), whatever any user sees of it: a hidden folder's subtree stays one subtree even
     * where PERM-7 shows a deeper folder elsewhere.
     */
    public static java.util.Set<UUID> atOrBelow(Map<UUID, UUID> parentOf, Collection<UUID> roots) {
        java.util.Set<UUID> out = new java.util.HashSet<>();
        if (roots.isEmpty()) {
            return out;
        }
        java.util.Set<UUID> cut = new java.util.HashSet<>(roots);
        for (UUID item : parentOf.keySet()) {
            java.util.Set<UUID> seen = new java.util.HashSet<>();
            for (UUID up = item; up != null && seen.add(up); up = parentOf.get(up)) {
                if (cut.contains(up)) {
                    out.add(item);
                    break;
                }
            }
        }
        return out;
    }
}
