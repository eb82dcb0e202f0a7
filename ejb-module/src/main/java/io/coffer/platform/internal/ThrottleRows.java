package io.coffer.platform.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The rows of {@code auth_throttle}: one per failed attempt, by key (in the caller's transaction). */
@ApplicationScoped
public class ThrottleRows {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** How many failures of {@code key} happened after {@code since}, and the oldest of them. */
    public record Failures(long count, Optional<Instant> oldest) {
    }

    public Failures since(String key, Instant since) {
        Object[] row = (Object[]) em.createNativeQuery("select count(*), min(at) from auth_throttle"
                        + " where throttle_key = ?1 and at > ?2")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, key).setParameter(2, Timestamp.from(since))
                .getSingleResult();
        return new Failures(((Number) row[0]).longValue(),
                Optional.ofNullable((Timestamp) row[1]).map(Timestamp::toInstant));
    }

    public void add(String key, Instant at) {
        em.createNativeQuery("insert into auth_throttle (throttle_key, at) values (?1, ?2)")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, key).setParameter(2, Timestamp.from(at))
                .executeUpdate();
    }
}
