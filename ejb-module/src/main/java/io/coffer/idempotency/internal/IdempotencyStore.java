package io.coffer.idempotency.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code idempotency_keys} (in the caller's transaction); what they mean is decided by the face. */
@ApplicationScoped
public class IdempotencyStore {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    public void forgetOlder(UUID user, Instant before) {
        em.createQuery("delete from IdempotencyKeyEntity k where k.userId = :user and k.createdAt < :old")
                .setParameter("user", user).setParameter("old", before).executeUpdate();
    }

    public Optional<IdempotencyKeyEntity> find(UUID user, String key) {
        return em.createQuery("select k from IdempotencyKeyEntity k where k.userId = :user and k.key = :key",
                        IdempotencyKeyEntity.class).setParameter("user", user)
                .setParameter("key", key).getResultStream().findFirst();
    }

    public Optional<IdempotencyKeyEntity> find(UUID id) {
        return Optional.ofNullable(em.find(IdempotencyKeyEntity.class, id));
    }

    /** Stores a new claim now; a {@code PersistenceException} when a concurrent request claimed the same key. */
    public void add(IdempotencyKeyEntity claim) {
        em.persist(claim);
        em.flush();
    }

    public void remove(IdempotencyKeyEntity claim) {
        em.remove(claim);
        em.flush();
    }
}
