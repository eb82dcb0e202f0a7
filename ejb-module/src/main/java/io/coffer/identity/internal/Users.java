package io.coffer.identity.internal;

import io.coffer.shared.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Users of the transaction's tenant. EclipseLink adds the tenant to every query; row-level security holds behind it. */
@ApplicationScoped
public class Users {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** A current (not removed) user of the transaction's tenant. */
    public Optional<UserEntity> find(UserId id) {
        return Optional.ofNullable(em.find(UserEntity.class, id.value())).filter(u -> !u.removed());
    }

    /** Users of the tenant among {@code ids}, removed ones too (the audit names who acted, also after they left). */
    public java.util.List<UserEntity> byIds(java.util.Collection<java.util.UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return em.createQuery("select u from UserEntity u where u.id in :ids", UserEntity.class)
                .setParameter("ids", ids).getResultList();
    }

    public java.util.List<UserEntity> members() {
        return em.createQuery("select u from UserEntity u where u.removedAt is null order by lower(u.email)",
                UserEntity.class).getResultList();
    }

    /** The current OWNERs, locked until the transaction ends (so two demotions cannot both pass the last-owner check). */
    public java.util.List<UserEntity> ownersForUpdate() {
        return em.createQuery("select u from UserEntity u where u.role = :owner and u.removedAt is null",
                        UserEntity.class)
                .setParameter("owner", io.coffer.identity.Role.OWNER)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** Emails compare case-insensitively (the unique index is on {@code lower(email)}). */
    public Optional<UserEntity> findByEmail(String email) {
        return em.createQuery("select u from UserEntity u where lower(u.email) = :email and u.removedAt is null",
                        UserEntity.class)
                .setParameter("email", email.trim().toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst();
    }

    /** Whether a member of this email was removed from the tenant (and has not come back since). */
    public boolean wasRemoved(String email) {
        return !em.createQuery("select u.id from UserEntity u where lower(u.email) = :email"
                        + " and u.removedAt is not null", java.util.UUID.class)
                .setParameter("email", email.trim().toLowerCase(java.util.Locale.ROOT))
                .setMaxResults(1).getResultList().isEmpty();
    }

    public UserEntity add(UserEntity user) {
        em.persist(user);
        em.flush();
        return user;
    }
}
