package io.coffer.tenancy.internal;

import io.coffer.tenancy.SecretKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of the global {@code token_index} (secret hash → tenant, kind, expiry, use), in the caller's transaction.
 * Holds the one conditional update that uses a secret up (FD-30); {@code OneTimeSecrets} decides what it means.
 */
@ApplicationScoped
public class TokenIndex {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    public void add(TokenIndexEntity entry) {
        em.persist(entry);
        em.flush();
    }

    public Optional<TokenIndexEntity> find(String hash) {
        return Optional.ofNullable(em.find(TokenIndexEntity.class, hash));
    }

    /** Uses the secret up if it is unused and unexpired: true for exactly one of concurrent callers. */
    public boolean useOnce(String hash, SecretKind kind, UUID tenant, Instant now) {
        return em.createQuery("update TokenIndexEntity t set t.usedAt = :now where t.tokenHash = :hash"
                        + " and t.kind = :kind and t.tenantId = :tenant and t.usedAt is null"
                        + " and (t.expiresAt is null or t.expiresAt > :now)")
                .setParameter("now", now).setParameter("hash", hash).setParameter("kind", kind)
                .setParameter("tenant", tenant).executeUpdate() == 1;
    }

    /** When the secret was used (null: never) and when it expires (null: never), read from the database. */
    public record State(Instant usedAt, Instant expiresAt) {
    }

    public Optional<State> state(String hash, SecretKind kind, UUID tenant) {
        List<Object[]> rows = em.createQuery("select t.usedAt, t.expiresAt from TokenIndexEntity t"
                        + " where t.tokenHash = :hash and t.kind = :kind and t.tenantId = :tenant", Object[].class)
                .setParameter("hash", hash).setParameter("kind", kind).setParameter("tenant", tenant)
                .getResultList();
        return rows.stream().findFirst().map(r -> new State((Instant) r[0], (Instant) r[1]));
    }

    /** Lets unexpired secrets of the tenant expire now. */
    public void expire(Collection<String> hashes, UUID tenant, Instant now) {
        em.createQuery("update TokenIndexEntity t set t.expiresAt = :now where t.tokenHash in :hashes"
                        + " and t.tenantId = :tenant and (t.expiresAt is null or t.expiresAt > :now)")
                .setParameter("now", now).setParameter("hashes", hashes).setParameter("tenant", tenant)
                .executeUpdate();
    }
}
