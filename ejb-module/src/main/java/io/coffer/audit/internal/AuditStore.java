package io.coffer.audit.internal;

import io.coffer.audit.AuditEntry;
import io.coffer.audit.AuditFilter;
import io.coffer.audit.AuditLog;
import io.coffer.audit.AuditText;
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
 * The rows of {@code audit_pending} and {@code audit_entries}, in the caller's transaction (row-level security holds
 * them to its tenant; the queries state the tenant themselves as well). The hash of an entry is computed by the
 * database function {@code audit_entry_hash} (liquibase/audit), the one definition the chain writer
 * ({@code audit_chain}) and {@link #verify} share.
 */
@ApplicationScoped
public class AuditStore {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "cast(id as text), seq, to_char(at at time zone 'UTC',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), actor_type, cast(actor_id as text), action, object_type,"
            + " cast(object_id as text), outcome, client_address";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** How many pending entries one {@link #chain} call moves at most (one transaction of the writer). */
    public static final int CHAIN_BATCH = 2000;

    /**
     * Adds one entry to {@code tenant}'s log in the caller's transaction, unchained (AUD-1, AUD-14): it commits or
     * rolls back with that transaction and takes no lock; {@link #chain} links it into the chain once committed.
     */
    public void append(TenantId tenant, Draft d) {
        String at = MICROS.format(d.at().truncatedTo(ChronoUnit.MICROS));
        em.createNativeQuery("insert into audit_pending (id, tenant_id, at, actor_type, actor_id, action,"
                        + " object_type, object_id, outcome, client_address)"
                        + " values (cast(?1 as uuid), cast(?2 as uuid), cast(?3 as timestamptz), ?4, cast(?5 as uuid),"
                        + " ?6, ?7, cast(?8 as uuid), ?9, ?10)")
                .setHint(NATIVE, true)
                .setParameter(1, UUID.randomUUID().toString())
                .setParameter(2, tenant.toString())
                .setParameter(3, at)
                .setParameter(4, d.actorType())
                .setParameter(5, text(d.actorId()))
                .setParameter(6, AuditText.encode(d.action()))
                .setParameter(7, AuditText.encode(d.objectType()))
                .setParameter(8, text(d.objectId()))
                .setParameter(9, d.outcome())
                .setParameter(10, AuditText.encode(d.clientAddress()))
                .executeUpdate();
    }

    /**
     * Links up to {@link #CHAIN_BATCH} committed pending entries of {@code tenant} into its chain, oldest first, in
     * the caller's transaction (database function {@code audit_chain}: the tenant's chain lock, held to the end of the
     * transaction, serialises every writer and draining reader of the tenant — AUD-5). Answers how many it linked.
     */
    public int chain(TenantId tenant) {
        Object n = em.createNativeQuery("select audit_chain(cast(?1 as uuid), ?2)").setHint(NATIVE, true)
                .setParameter(1, tenant.toString()).setParameter(2, CHAIN_BATCH).getSingleResult();
        return ((Number) n).intValue();
    }

    /** One page by seq: newest first below {@code cursor}, or oldest first above it. */
    public List<AuditEntry> page(TenantId tenant, AuditFilter f, Long cursor, int limit, boolean newestFirst) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_entries where tenant_id = cast(?1 as uuid)");
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenant.toString());
        if (cursor != null) {
            sql.append(newestFirst ? " and seq < ?" : " and seq > ?").append(parameters.size() + 1);
            parameters.add(cursor);
        }
        if (f.from() != null) {
            sql.append(" and at >= cast(?").append(parameters.size() + 1).append(" as timestamptz)");
            parameters.add(MICROS.format(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and at < cast(?").append(parameters.size() + 1).append(" as timestamptz)");
            parameters.add(MICROS.format(f.to()));
        }
        if (f.actor() != null) {
            sql.append(" and actor_id = cast(?").append(parameters.size() + 1).append(" as uuid)");
            parameters.add(f.actor().toString());
        }
        if (f.action() != null) {
            sql.append(" and action = ?").append(parameters.size() + 1);
            parameters.add(f.action());
        }
        sql.append(newestFirst ? " order by seq desc" : " order by seq").append(" limit ").append(limit);
        Query q = em.createNativeQuery(sql.toString()).setHint(NATIVE, true);
        for (int i = 0; i < parameters.size(); i++) {
            q.setParameter(i + 1, parameters.get(i));
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] c = (Object[]) row;
            entries.add(new AuditEntry(UUID.fromString((String) c[0]), ((Number) c[1]).longValue(),
                    Instant.parse((String) c[2]), (String) c[3], uuid(c[4]), (String) c[5], (String) c[6], uuid(c[7]),
                    (String) c[8], (String) c[9], null));
        }
        return entries;
    }

    /**
     * Recomputes every link of the tenant's chain in one query (the application holds one row at a time: constant
     * memory): an entry is broken when its hash is not the hash of its fields, or its prev_hash is not its
     * predecessor's hash.
     */
    public AuditLog.Verification verify(TenantId tenant) {
        Object[] r = (Object[]) em.createNativeQuery("""
                        select count(*), (array_agg(cast(id as text) order by seq)
                                          filter (where hash <> recomputed or prev_hash <> expected_prev))[1]
                          from (select id, seq, hash, prev_hash,
                                       coalesce(lag(hash) over (order by seq), '%s') as expected_prev,
                                       audit_entry_hash(prev_hash, tenant_id, seq, at, actor_type, actor_id, action,
                                                        object_type, object_id, outcome, client_address) as recomputed
                                  from audit_entries where tenant_id = cast(?1 as uuid)) chain""".formatted(GENESIS))
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).getSingleResult();
        long entries = ((Number) r[0]).longValue();
        UUID broken = uuid(r[1]);
        return new AuditLog.Verification(broken == null, entries, broken);
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}
