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
}
