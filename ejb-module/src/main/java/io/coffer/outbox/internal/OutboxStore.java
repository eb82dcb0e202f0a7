package io.coffer.outbox.internal;

import io.coffer.outbox.OutboxWork;
import io.coffer.platform.SecretBox;
import io.coffer.shared.TenantId;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rows of the global {@code outbox} table (OUT-3). {@link #insert} joins the caller's transaction (OUT-1); every
 * other method is a short transaction of its own, so that no row lock is held while a handler works (OUT-5). Marks
 * name the instance that claimed the row. Due times and leases are the database's clock ({@code clock_timestamp()}):
 * one clock for every instance, whatever their own clocks say (OUT-6): an instance whose lease ran out and was taken over marks nothing (OUT-7).
 */
@Stateless
@PermitAll
public class OutboxStore {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final int ERROR_CHARS = 500;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    SecretBox box;

    /** Records one piece of work, due at {@code dueAt}; its payload is sealed (OUT-2). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void insert(UUID id, TenantId tenant, String kind, String payload) {
        em.createNativeQuery("insert into outbox (id, tenant_id, kind, payload, due_at, enqueued_at)"
                        + " values (cast(?1 as uuid), cast(?2 as uuid), ?3, ?4, clock_timestamp(), clock_timestamp())")
                .setHint(NATIVE, true)
                .setParameter(1, id.toString()).setParameter(2, tenant == null ? null : tenant.toString())
                .setParameter(3, kind).setParameter(4, box.seal(payload.getBytes(StandardCharsets.UTF_8)))
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} due rows for {@code instance} until {@code leaseUntil} (OUT-4, OUT-6): rows locked by
     * another claim at this moment are skipped, not waited for, and a row whose lease ran out is due again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<OutboxWork> claim(String instance, Duration lease, int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("""
                        select id::text from outbox
                         where state = 'PENDING' and due_at <= clock_timestamp()
                           and (lease_until is null or lease_until <= clock_timestamp())
                         order by due_at limit ?1
                           for update skip locked""")
                .setHint(NATIVE, true).setParameter(1, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String array = "{" + String.join(",", ids) + "}";
        em.createNativeQuery("update outbox set claimed_by = ?1, attempts = attempts + 1,"
                        + " lease_until = clock_timestamp() + cast(?2 as double precision) * interval '1 millisecond'"
                        + " where id = any(cast(?3 as uuid[]))")
                .setHint(NATIVE, true)
                .setParameter(1, instance).setParameter(2, lease.toMillis()).setParameter(3, array)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id::text, tenant_id::text, kind, payload, attempts,"
                        + " enqueued_at from outbox where id = any(cast(?1 as uuid[])) order by due_at")
                .setHint(NATIVE, true).setParameter(1, array).getResultList();
        List<OutboxWork> claimed = new ArrayList<>();
        for (Object[] r : rows) {
            String tenant = (String) r[1];
            claimed.add(new OutboxWork(UUID.fromString((String) r[0]), tenant == null ? null : TenantId.of(tenant),
                    (String) r[2],
                    new String(box.open((byte[]) r[3]), StandardCharsets.UTF_8), ((Number) r[4]).intValue(),
                    ((Timestamp) r[5]).toInstant()));
        }
        return claimed;
    }

    /** Done: the sealed payload goes at once (a mail's token is not kept), the row itself after a while (OUT-9). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean done(UUID id, String instance) {
        return mark(id, instance, "DONE", null);
    }

    /** Not done: due again at {@code dueAt} (OUT-8). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean retry(UUID id, String instance, Duration wait, String error) {
        return em.createNativeQuery("update outbox set due_at = clock_timestamp() + cast(?1 as double precision) * interval '1 millisecond',"
                        + " last_error = ?2, claimed_by = null,"
                        + " lease_until = null where id = cast(?3 as uuid) and claimed_by = ?4 and state = 'PENDING'")
                .setHint(NATIVE, true)
                .setParameter(1, wait.toMillis()).setParameter(2, clip(error))
                .setParameter(3, id.toString()).setParameter(4, instance)
                .executeUpdate() == 1;
    }

    /** The last try failed: dead, never tried again (OUT-8). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean dead(UUID id, String instance, String error) {
        return mark(id, instance, "DEAD", error);
    }

    /**
     * OPS-12: the pending rows across tenants (the table is global, as the worker reads it) and the age in seconds of
     * the oldest, by the database's clock (0 when none): one statement on the pending rows' partial index.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public double[] pendingAndOldestAge() {
        Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(extract(epoch from"
                        + " clock_timestamp() - min(enqueued_at)), 0) from outbox where state = 'PENDING'")
                .setHint(NATIVE, true).getSingleResult();
        return new double[] {((Number) row[0]).doubleValue(), ((Number) row[1]).doubleValue()};
    }

    /** Removes finished rows older than {@code before} (OUT-9); pending work is never swept. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sweep(Duration keep) {
        return em.createNativeQuery("delete from outbox where state <> 'PENDING'"
                        + " and done_at < clock_timestamp() - cast(?1 as double precision) * interval '1 millisecond'")
                .setHint(NATIVE, true).setParameter(1, keep.toMillis()).executeUpdate();
    }

    private boolean mark(UUID id, String instance, String state, String error) {
        return em.createNativeQuery("update outbox set state = ?1, done_at = clock_timestamp(), last_error = coalesce(nullif(?3, ''), last_error),"
                        + " payload = null, lease_until = null where id = cast(?4 as uuid) and claimed_by = ?5 and state = 'PENDING'")
                .setHint(NATIVE, true)
                .setParameter(1, state).setParameter(3, clip(error, ""))
                .setParameter(4, id.toString()).setParameter(5, instance)
                .executeUpdate() == 1;
    }

    private static String clip(String error) {
        return clip(error, "");
    }

    private static String clip(String error, String none) {
        if (error == null) {
            return none;
        }
        String oneLine = error.replaceAll("[\\p{Cntrl}]", " ");
        return oneLine.length() <= ERROR_CHARS ? oneLine : oneLine.substring(0, ERROR_CHARS);
    }
}
