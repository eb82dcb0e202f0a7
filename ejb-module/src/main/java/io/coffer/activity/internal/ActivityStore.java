package io.coffer.activity.internal;

import io.coffer.activity.ActivityCursor;
import io.coffer.activity.ActivityFilter;
import io.coffer.activity.ActivityItem;
import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rows of {@code activity_events} (liquibase/activity), in the caller's transaction: row-level security holds
 * every statement to the transaction's tenant, and each names the tenant itself too (the first column of every
 * index). Reads are keyset pages on {@code (at, id)}, newest first, bounded in {@code at} so that PostgreSQL prunes
 * the monthly partitions outside the range and walks one index per partition (ACT-7).
 */
@ApplicationScoped
public class ActivityStore {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);
    static final String COLUMNS = "cast(id as text), type, to_char(at at time zone 'UTC',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), actor_type, cast(actor_id as text), actor_email,"
            + " cast(room_id as text), cast(document_id as text), cast(link_id as text), cast(data as text)";
    /** Serialises the partition functions across instances (creating one table twice would fail one of them). */
    static final String PARTITIONS_LOCK = "activity_events:partitions";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    void insert(TenantId tenant, ActivityRow r) {
        em.createNativeQuery("insert into activity_events (id, tenant_id, at, type, actor_type, actor_id, actor_email,"
                        + " room_id, document_id, link_id, session_id, page, seconds, client_address, user_agent, data)"
                        + " values (cast(?1 as uuid), cast(?2 as uuid), cast(?3 as timestamptz), ?4, ?5,"
                        + " cast(?6 as uuid), ?7, cast(?8 as uuid), cast(?9 as uuid), cast(?10 as uuid),"
                        + " cast(?11 as uuid), cast(?12 as integer), cast(?13 as integer), ?14, ?15,"
                        + " cast(?16 as jsonb))")
                .setHint(NATIVE, true)
                .setParameter(1, r.id().toString())
                .setParameter(2, tenant.toString())
                .setParameter(3, time(r.at()))
                .setParameter(4, r.type())
                .setParameter(5, r.actorType())
                .setParameter(6, text(r.actorId()))
                .setParameter(7, r.actorEmail())
                .setParameter(8, text(r.roomId()))
                .setParameter(9, text(r.documentId()))
                .setParameter(10, text(r.linkId()))
                .setParameter(11, text(r.sessionId()))
                .setParameter(12, r.page() == null ? null : r.page().toString())
                .setParameter(13, r.seconds() == null ? null : r.seconds().toString())
                .setParameter(14, r.clientAddress())
                .setParameter(15, r.userAgent())
                .setParameter(16, r.dataJson())
                .executeUpdate();
    }

    /** Up to {@code limit} items after {@code after}, newest first. */
    public List<ActivityItem> page(TenantId tenant, ActivityFilter f, ActivityCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from activity_events where tenant_id = cast(?1 as uuid)");
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenant.toString());
        if (f.room() != null) {
            sql.append(" and room_id = cast(?").append(parameters.size() + 1).append(" as uuid)");
            parameters.add(f.room().toString());
        }
        if (f.link() != null) {
            sql.append(" and link_id = cast(?").append(parameters.size() + 1).append(" as uuid)");
            parameters.add(f.link().toString());
        }
        if (f.document() != null) {
            sql.append(" and document_id = cast(?").append(parameters.size() + 1).append(" as uuid)");
            parameters.add(f.document().toString());
        }
        if (f.type() != null) {
            sql.append(" and type = ?").append(parameters.size() + 1);
            parameters.add(f.type());
        }
        if (f.from() != null) {
            sql.append(" and at >= cast(?").append(parameters.size() + 1).append(" as timestamptz)");
            parameters.add(time(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and at < cast(?").append(parameters.size() + 1).append(" as timestamptz)");
            parameters.add(time(f.to()));
        }
        if (after != null) {
            // the partition key bound first (pruning), then the exact keyset position
            int n = parameters.size() + 1;
            sql.append(" and at <= cast(?").append(n).append(" as timestamptz) and (at, id) < (cast(?").append(n)
                    .append(" as timestamptz), cast(?").append(n + 1).append(" as uuid))");
            parameters.add(time(after.at()));
            parameters.add(after.id().toString());
        }
        sql.append(" order by at desc, id desc limit ").append(limit);
        Query q = em.createNativeQuery(sql.toString()).setHint(NATIVE, true);
        for (int i = 0; i < parameters.size(); i++) {
            q.setParameter(i + 1, parameters.get(i));
        }
        List<ActivityItem> items = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] c = (Object[]) row;
            items.add(new ActivityItem(UUID.fromString((String) c[0]), (String) c[1], Instant.parse((String) c[2]),
                    (String) c[3], uuid(c[4]), (String) c[5], uuid(c[6]), uuid(c[7]), uuid(c[8]), (String) c[9]));
        }
        return items;
    }

    /**
     * Empties the personal fields (email, client address, user agent) of the tenant's rows of {@code email}: the
     * rows that name it, and every row of the visitor sessions those rows or the share links' tables name
     * ({@code sessions}). The rows stay: counts hold (ACT-13).
     */
    int erase(TenantId tenant, String email, List<UUID> sessions) {
        return em.createNativeQuery("update activity_events set actor_email = null, client_address = null,"
                        + " user_agent = null where tenant_id = cast(?1 as uuid) and (lower(actor_email) = lower(?2)"
                        + " or session_id in (select session_id from activity_events where tenant_id = cast(?1 as uuid)"
                        + " and lower(actor_email) = lower(?2) and session_id is not null)"
                        + " or cast(session_id as text) = any(string_to_array(?3, ',')))")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, email)
                .setParameter(3, String.join(",", sessions.stream().map(UUID::toString).toList()))
                .executeUpdate();
    }

    /**
     * Deletes the tenant's rows older than {@code cutoff} that whole-partition drops left: those of the month the
     * cutoff falls in and of the default partition (ACT-11).
     */
    int deleteOlderThan(TenantId tenant, Instant cutoff) {
        return em.createNativeQuery("delete from activity_events where tenant_id = cast(?1 as uuid)"
                        + " and at < cast(?2 as timestamptz)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, time(cutoff))
                .executeUpdate();
    }

    /** {@code activity_ensure_partitions(months)} under a transaction-scoped advisory lock; answers how many made. */
    int ensurePartitions(int months) {
        lockPartitions();
        return ((Number) em.createNativeQuery("select activity_ensure_partitions(?1)").setHint(NATIVE, true)
                .setParameter(1, months).getSingleResult()).intValue();
    }

    /** {@code activity_drop_partitions_before(cutoff)} under the same lock; answers how many dropped. */
    int dropPartitionsBefore(Instant cutoff) {
        lockPartitions();
        return ((Number) em.createNativeQuery("select activity_drop_partitions_before(cast(?1 as timestamptz))")
                .setHint(NATIVE, true).setParameter(1, time(cutoff)).getSingleResult()).intValue();
    }

    private void lockPartitions() {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setHint(NATIVE, true).setParameter(1, PARTITIONS_LOCK).getSingleResult();
    }

    private static String time(Instant at) {
        return MICROS.format(at.truncatedTo(ChronoUnit.MICROS));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}
