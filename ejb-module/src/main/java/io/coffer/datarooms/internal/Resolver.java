package io.coffer.datarooms.internal;

import io.coffer.datarooms.Permission;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The facts the permission rules need, gathered in SQL with a bounded number of queries whatever the size of a room:
 * the grants of a user's principals on the path of one item (one recursive CTE upward), and the level of every item of
 * a room (one recursive CTE downward, carrying each principal's inherited grant). Native SQL gets no tenant filter
 * from EclipseLink, so every statement states {@code tenant_id} itself; row-level security stands behind it.
 */
@ApplicationScoped
public class Resolver {
    private static final String ALLOW_NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final UUID NO_ITEM = new UUID(0, 0);

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** The user and the groups they belong to, as principals ({@code ?1} = tenant, {@code ?2} = user). */
    private static final String ME = """
            me(principal_type, principal_id) as (
                select 'USER', cast(?2 as uuid)
                union all
                select 'GROUP', gm.group_id from group_members gm
                where gm.tenant_id = cast(?1 as uuid) and gm.user_id = cast(?2 as uuid)
            )""";

    /**
     * The user's principals' grants on the path from {@code item} (null: the room itself) up to the room, with their
     * distance from the item (the room's own grants at {@link Integer#MAX_VALUE}) and the folder each sits on.
     */
    public List<PermissionRules.PathGrant> grantsOnPath(TenantId tenant, UserId user, UUID roomId, UUID item) {
        return grantsOnPath(tenant, user, roomId, item, false);
    }

    /**
     * The same, for an item where it is or was: with {@code trashedToo} a trashed item (and trashed folders above it)
     * count by their place in the room, as they were when trashed (DR-9).
     */
    public List<PermissionRules.PathGrant> grantsOnPath(TenantId tenant, UserId user, UUID roomId, UUID item,
                                                        boolean trashedToo) {
        Query q = em.createNativeQuery("with recursive " + ME + """
                ,
                up(id, parent_id, depth) as (
                    select i.id, i.parent_id, 0 from items i
                    where i.tenant_id = cast(?1 as uuid) and i.id = cast(?4 as uuid)
                      and (i.deleted_at is null or cast(?5 as boolean))
                    union all
                    select i.id, i.parent_id, up.depth + 1 from items i join up on i.id = up.parent_id
                    where i.tenant_id = cast(?1 as uuid)
                )
                select g.principal_type, g.principal_id, coalesce(up.depth, 2147483647), g.permission, g.folder_id
                from grants g
                join me on me.principal_type = g.principal_type and me.principal_id = g.principal_id
                left join up on up.id = g.folder_id
                where g.tenant_id = cast(?1 as uuid) and g.room_id = cast(?3 as uuid)
                  and (g.folder_id is null or up.id is not null)
                """);
        bind(q, tenant, user).setParameter(3, roomId.toString())
                .setParameter(4, (item == null ? NO_ITEM : item).toString()).setParameter(5, trashedToo);
        List<PermissionRules.PathGrant> grants = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            grants.add(new PermissionRules.PathGrant((String) r[0], uuid(r[1]), ((Number) r[2]).intValue(),
                    Permission.valueOf((String) r[3]), uuid(r[4])));
        }
        return grants;
    }

    /** The downward CTE of {@link #roomLevels} ({@code ?1} tenant, {@code ?2} user, {@code ?3} room). */
    public static final String ROOM_LEVELS = "with recursive " + ME + """
                ,
                mine as (
                    select g.folder_id, g.principal_type, g.principal_id, g.permission from grants g
                    join me on me.principal_type = g.principal_type and me.principal_id = g.principal_id
                    where g.tenant_id = cast(?1 as uuid) and g.room_id = cast(?3 as uuid)
                ),
                principals as (select distinct principal_type, principal_id from mine),
                walk(id, parent_id, kind, name, position, principal_type, principal_id, permission) as (
                    select i.id, i.parent_id, i.kind, i.name, i.position, p.principal_type, p.principal_id,
                           coalesce(mf.permission, mr.permission)
                    from items i cross join principals p
                    left join mine mf on mf.folder_id = i.id
                        and mf.principal_type = p.principal_type and mf.principal_id = p.principal_id
                    left join mine mr on mr.folder_id is null
                        and mr.principal_type = p.principal_type and mr.principal_id = p.principal_id
                    where i.tenant_id = cast(?1 as uuid) and i.room_id = cast(?3 as uuid)
                      and i.parent_id is null and i.deleted_at is null and i.kind = 'FOLDER'
                    union all
                    select c.id, c.parent_id, c.kind, c.name, c.position, w.principal_type, w.principal_id,
                           coalesce(mf.permission, w.permission)
                    from walk w
                    cross join lateral (
                        select i.id, i.parent_id, i.kind, i.name, i.position from items i
                        where i.tenant_id = cast(?1 as uuid) and i.parent_id = w.id and i.deleted_at is null
                          and i.kind = 'FOLDER'
                        offset 0
                    ) c
                    left join mine mf on mf.folder_id = c.id
                        and mf.principal_type = w.principal_type and mf.principal_id = w.principal_id
                ),
                folders as (
                    select id, parent_id, kind, name, position, string_agg(permission, ',') as levels from walk
                    group by id, parent_id, kind, name, position
                )
                select id, parent_id, kind, name, position, levels from folders
                union all
                select d.id, d.parent_id, d.kind, d.name, d.position, f.levels
                from folders f
                cross join lateral (
                    select i.id, i.parent_id, i.kind, i.name, i.position from items i
                    where i.tenant_id = cast(?1 as uuid) and i.parent_id = f.id and i.deleted_at is null
                      and i.kind = 'DOCUMENT'
                    offset 0
                ) d
                union all
                select i.id, i.parent_id, i.kind, i.name, i.position,
                       (select string_agg(m.permission, ',') from mine m where m.folder_id is null
                        and exists (select 1 from principals p where p.principal_type = m.principal_type
                                    and p.principal_id = m.principal_id))
                from items i
                where i.tenant_id = cast(?1 as uuid) and i.room_id = cast(?3 as uuid)
                  and i.parent_id is null and i.deleted_at is null and i.kind = 'DOCUMENT'
                  and exists (select 1 from mine)
                """;

    /** A live item of a room and the level each of the user's principals inherits on it. */
    public record ItemLevels(UUID id, UUID parentId, String kind, String name, int position,
                             List<Permission> levels) {
    }

    /**
     * The live items of a room with, per principal of the user that holds a grant in the room, the level its nearest
     * grant gives (PERM-2 done in SQL: a folder's own grant, else its parent's level; a document has its folder's
     * levels, grants name folders only). One statement. The recursion walks the folders only (a tenth of the items
     * here), carries every column it answers, and each step finds children through the parent index (a LATERAL
     * subquery kept apart by {@code offset 0}): without statistics, e.g. right after a bulk import, PostgreSQL planned
     * the plain join of the work table with {@code items} as a nested loop over every item of the tenant — 200 s
     * instead of 0.2 s for 11,000 items — and no plan it may pick now is worse than one index probe per row. When
     * none of the user's principals holds a grant in the room the answer is empty: nothing there is visible.
     */
    public List<ItemLevels> roomLevels(TenantId tenant, UserId user, UUID roomId) {
        Query q = em.createNativeQuery(ROOM_LEVELS);
        bind(q, tenant, user).setParameter(3, roomId.toString());
        List<ItemLevels> items = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            List<Permission> levels = new ArrayList<>();
            if (r[5] != null) {
                for (String level : ((String) r[5]).split(",")) {
                    levels.add(Permission.valueOf(level));
                }
            }
            items.add(itemLevels(r, levels));
        }
        return items;
    }

    /** A row {@code id, parent_id, kind, name, position} with the levels read for it. */
    private static ItemLevels itemLevels(Object[] r, List<Permission> levels) {
        return new ItemLevels(uuid(r[0]), uuid(r[1]), (String) r[2], (String) r[3], ((Number) r[4]).intValue(), levels);
    }

    /** Every live item of a room, without levels (for those who manage everything). */
    public List<ItemLevels> roomItems(TenantId tenant, UUID roomId) {
        Query q = em.createNativeQuery("""
                select i.id, i.parent_id, i.kind, i.name, i.position from items i
                where i.tenant_id = cast(?1 as uuid) and i.room_id = cast(?2 as uuid) and i.deleted_at is null
                """).setHint(ALLOW_NATIVE, true).setParameter(1, tenant.value().toString())
                .setParameter(2, roomId.toString());
        List<ItemLevels> items = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            items.add(itemLevels(r, List.of()));
        }
        return items;
    }

    /** The user's principals' grants on rooms themselves, per room (for the room list). */
    public Map<UUID, List<PermissionRules.PathGrant>> roomGrants(TenantId tenant, UserId user) {
        Query q = em.createNativeQuery("with recursive " + ME + """
                select g.room_id, g.principal_type, g.principal_id, g.permission from grants g
                join me on me.principal_type = g.principal_type and me.principal_id = g.principal_id
                where g.tenant_id = cast(?1 as uuid) and g.folder_id is null
                """);
        bind(q, tenant, user);
        Map<UUID, List<PermissionRules.PathGrant>> rooms = new HashMap<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            rooms.computeIfAbsent(uuid(r[0]), k -> new ArrayList<>()).add(new PermissionRules.PathGrant(
                    (String) r[1], uuid(r[2]), Integer.MAX_VALUE, Permission.valueOf((String) r[3])));
        }
        return rooms;
    }

    /**
     * The rooms in which one of the user's principals holds VIEW or more on a live folder: such a folder is visible
     * (its own grant is the nearest for that principal), so the room is (PERM-6).
     */
    public Set<UUID> roomsWithVisibleFolders(TenantId tenant, UserId user) {
        Query q = em.createNativeQuery("with recursive " + ME + """
                select distinct g.room_id from grants g
                join me on me.principal_type = g.principal_type and me.principal_id = g.principal_id
                join items i on i.tenant_id = g.tenant_id and i.id = g.folder_id and i.deleted_at is null
                where g.tenant_id = cast(?1 as uuid) and g.permission <> 'NONE'
                """);
        bind(q, tenant, user);
        Set<UUID> rooms = new HashSet<>();
        for (Object row : q.getResultList()) {
            rooms.add(uuid(row instanceof Object[] r ? r[0] : row));
        }
        return rooms;
    }

    private static Query bind(Query q, TenantId tenant, UserId user) {
        return q.setHint(ALLOW_NATIVE, true).setParameter(1, tenant.value().toString())
                .setParameter(2, user.value().toString());
    }

    private static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }
}
