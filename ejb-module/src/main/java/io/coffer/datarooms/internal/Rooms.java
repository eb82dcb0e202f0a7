package io.coffer.datarooms.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Rooms and items of the transaction's tenant. */
@ApplicationScoped
public class Rooms {

    /** Multitenant entities disable native SQL unless a query opts in; each native query here states its tenant. */
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    public Optional<DataRoomEntity> room(UUID id) {
        return Optional.ofNullable(em.find(DataRoomEntity.class, id));
    }

    public List<DataRoomEntity> activeRooms() {
        return em.createQuery("select r from DataRoomEntity r where r.archivedAt is null order by r.createdAt",
                DataRoomEntity.class).getResultList();
    }

    public Optional<ItemEntity> item(UUID id) {
        return Optional.ofNullable(em.find(ItemEntity.class, id)).filter(i -> !i.deleted());
    }

    /** An item whether live or in the trash. */
    public Optional<ItemEntity> anyItem(UUID id) {
        return Optional.ofNullable(em.find(ItemEntity.class, id));
    }

    /** Trashed documents of a room, newest first. */
    public List<ItemEntity> trashedDocuments(UUID room) {
        return em.createQuery("select i from ItemEntity i where i.roomId = :room and i.kind = :kind"
                        + " and i.deletedAt is not null order by i.deletedAt desc", ItemEntity.class)
                .setParameter("room", room).setParameter("kind", ItemEntity.DOCUMENT).getResultList();
    }

    /** Every live item of a room: one query; the tree is built in memory. */
    public List<ItemEntity> items(UUID room) {
        return em.createQuery("select i from ItemEntity i where i.roomId = :room and i.deletedAt is null"
                + " order by i.position, lower(i.name)", ItemEntity.class).setParameter("room", room).getResultList();
    }

    /**
     * Serialises the making of folders in one room until this transaction ends (DR-13): a transaction-scoped advisory
     * lock keyed by the room, taken before the room's items are read, so that two requests making the same folders
     * one after the other see each other's (READ COMMITTED: each later statement sees what the first committed).
     * Key space {@code 0x436f} ("Co") and the room's hash; a hash collision only serialises two rooms.
     */
    public void lockFolderNames(UUID room) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1, hashtext(?2))) l")
                .setHint(NATIVE, true).setParameter(1, 0x436f).setParameter(2, room.toString()).getSingleResult();
    }

    /** The live items directly under {@code parent} (null: the room's top), in one query. */
    public Siblings siblings(UUID room, UUID parent) {
        var query = parent == null
                ? em.createQuery("select i from ItemEntity i where i.roomId = :room and i.parentId is null"
                        + " and i.deletedAt is null", ItemEntity.class)
                : em.createQuery("select i from ItemEntity i where i.roomId = :room and i.parentId = :parent"
                        + " and i.deletedAt is null", ItemEntity.class).setParameter("parent", parent);
        return new Siblings(query.setParameter("room", room).getResultList());
    }

    /** The items of one folder: is a name taken, and which position comes next. */
    public record Siblings(List<ItemEntity> items) {
        public boolean named(String name, UUID except) {
            return items.stream().anyMatch(i -> i.name().equalsIgnoreCase(name) && !i.id().equals(except));
        }

        public int nextPosition() {
            return items.stream().mapToInt(ItemEntity::position).max().orElse(0) + 1;
        }
    }

    public void add(Object entity) {
        em.persist(entity);
        em.flush();
    }

    /**
     * Up to {@code limit} documents trashed before {@code cutoff}, locked for this transaction and skipped by any other
     * instance purging at the same time. Native SQL gets no tenant filter from EclipseLink: the tenant is stated here,
     * row-level security behind it.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockExpiredDocuments(UUID tenant, java.time.Instant cutoff, int limit) {
        List<Object> ids = em.createNativeQuery("select id from items where tenant_id = ?1 and kind = 'DOCUMENT'"
                        + " and deleted_at < ?2 order by deleted_at limit ?3 for update skip locked")
                .setHint(NATIVE, true)
                .setParameter(1, tenant).setParameter(2, java.sql.Timestamp.from(cutoff)).setParameter(3, limit)
                .getResultList();
        return ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).toList();
    }

    /** Deletes items for good (their dependants are gone already). */
    public int deleteForGood(UUID tenant, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from ItemEntity i where i.id in :ids and i.deletedAt is not null")
                .setParameter("ids", ids).executeUpdate();
    }

    /** Deletes folders trashed before {@code cutoff} that have nothing left under them; answers how many. */
    public int deleteEmptyExpiredFolders(UUID tenant, java.time.Instant cutoff) {
        // grants on those folders go with them (they name a folder that no longer exists)
        em.createNativeQuery("delete from grants g where g.tenant_id = ?1 and g.folder_id in (select f.id from items f"
                        + " where f.tenant_id = ?1 and f.kind = 'FOLDER' and f.deleted_at < ?2 and not exists"
                        + " (select 1 from items c where c.tenant_id = ?1 and c.parent_id = f.id))")
                .setHint(NATIVE, true)
                .setParameter(1, tenant).setParameter(2, java.sql.Timestamp.from(cutoff)).executeUpdate();
        return em.createNativeQuery("delete from items f where f.tenant_id = ?1 and f.kind = 'FOLDER'"
                        + " and f.deleted_at < ?2 and not exists (select 1 from items c where c.tenant_id = ?1"
                        + " and c.parent_id = f.id)")
                .setHint(NATIVE, true)
                .setParameter(1, tenant).setParameter(2, java.sql.Timestamp.from(cutoff)).executeUpdate();
    }
}
