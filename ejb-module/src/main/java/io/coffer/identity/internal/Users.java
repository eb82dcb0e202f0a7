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

    public Optional<UserEntity> find(UserId id) {
        return Optional.ofNullable(em.find(UserEntity.class, id.value()));
    }

    /** Emails compare case-insensitively (the unique index is on {@code lower(email)}). */
    public Optional<UserEntity> findByEmail(String email) {
        return em.createQuery("select u from UserEntity u where lower(u.email) = :email", UserEntity.class)
                .setParameter("email", email.trim().toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst();
    }

    public UserEntity add(UserEntity user) {
        em.persist(user);
        em.flush();
        return user;
    }
}
