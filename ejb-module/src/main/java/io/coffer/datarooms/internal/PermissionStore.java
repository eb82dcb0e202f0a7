package io.coffer.datarooms.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Grants, groups and memberships of the transaction's tenant (JPA: EclipseLink adds the tenant filter). */
@ApplicationScoped
public class PermissionStore {
    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** The room's grants on the room and on its live folders, room first. */
    public List<GrantEntity> grants(UUID roomId) {
        return em.createQuery("select g from GrantEntity g where g.roomId = :room and (g.folderId is null or exists"
                        + " (select i from ItemEntity i where i.id = g.folderId and i.deletedAt is null))"
                        + " order by g.createdAt, g.principalType, g.principalId", GrantEntity.class)
                .setParameter("room", roomId).getResultList();
    }

    /** Replaces every grant of a room (in the caller's transaction: all or nothing). */
    public void replaceGrants(UUID roomId, List<GrantEntity> grants) {
        em.createQuery("delete from GrantEntity g where g.roomId = :room").setParameter("room", roomId)
                .executeUpdate();
        em.flush();
        grants.forEach(em::persist);
        em.flush();
    }

    public void addGrant(GrantEntity grant) {
        em.persist(grant);
        em.flush();
    }

    public Optional<GroupEntity> group(UUID id) {
        return Optional.ofNullable(em.find(GroupEntity.class, id));
    }

    public List<GroupEntity> groups() {
        return em.createQuery("select g from GroupEntity g order by lower(g.name)", GroupEntity.class)
                .getResultList();
    }

    public boolean groupNamed(String name) {
        return em.createQuery("select count(g) from GroupEntity g where lower(g.name) = :name", Long.class)
                .setParameter("name", name.toLowerCase()).getSingleResult() > 0;
    }

    public void addGroup(GroupEntity group) {
        em.persist(group);
        em.flush();
    }

    /** Deletes a group, its memberships and every grant to it. */
    public void deleteGroup(GroupEntity group) {
        em.createQuery("delete from GrantEntity g where g.principalType = :type and g.principalId = :id")
                .setParameter("type", GrantEntity.GROUP).setParameter("id", group.id()).executeUpdate();
        em.createQuery("delete from GroupMemberEntity m where m.groupId = :id").setParameter("id", group.id())
                .executeUpdate();
        em.remove(group);
        em.flush();
    }

    public List<UUID> members(UUID groupId) {
        return em.createQuery("select m.userId from GroupMemberEntity m where m.groupId = :id order by m.userId",
                UUID.class).setParameter("id", groupId).getResultList();
    }

    /** Replaces a group's members (in the caller's transaction). */
    public void replaceMembers(UUID groupId, List<UUID> users) {
        em.createQuery("delete from GroupMemberEntity m where m.groupId = :id").setParameter("id", groupId)
                .executeUpdate();
        em.flush();
        users.forEach(u -> em.persist(new GroupMemberEntity(groupId, u)));
        em.flush();
    }

    /** Drops everything that names a removed user: their group memberships and their own grants. */
    public void forgetUser(UUID user) {
        em.createQuery("delete from GroupMemberEntity m where m.userId = :user").setParameter("user", user)
                .executeUpdate();
        em.createQuery("delete from GrantEntity g where g.principalType = :type and g.principalId = :user")
                .setParameter("type", GrantEntity.USER).setParameter("user", user).executeUpdate();
    }
}
