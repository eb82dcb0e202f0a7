package io.coffer.platform.internal;

import io.coffer.platform.SealedColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The one executor of the sealed columns' two statements (OPS-22, OPS-23), for every module's {@link SealedColumn}:
 * native SQL over the column's names (plain identifiers, checked by the record). {@code @Transactional}: it joins
 * the tenant's transaction of a per-tenant column, and opens one for a global column's call.
 */
@ApplicationScoped
@Transactional
public class NativeSealedValues implements SealedValues {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Override
    public List<Sealed> batch(SealedColumn column, String after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(batchSql(column)).setHint(NATIVE, true)
                .setParameter(1, after == null ? first(column.uuidKey()) : after).setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> new Sealed((String) r[0], (byte[]) r[1])).toList();
    }

    @Override
    public boolean replace(SealedColumn column, String id, byte[] expected, byte[] resealed) {
        return em.createNativeQuery(replaceSql(column)).setHint(NATIVE, true).setParameter(1, resealed)
                .setParameter(2, id).setParameter(3, expected).executeUpdate() == 1;
    }

    /**
     * The statement listing a batch: parameters {@code ?1} the key after which to start (text; {@link #first} for
     * the start), {@code ?2} the limit; columns the key as text and the sealed bytes. A uuid key is ordered as its
     * text is; a per-tenant column lists the rows of the transaction's tenant only (the row-level security policy
     * holds it too; an unbound transaction fails instead of reading nothing).
     */
    static String batchSql(SealedColumn c) {
        return "select " + c.key() + "::text, " + c.column() + " from " + c.table() + " where " + c.column()
                + " is not null and " + c.key() + " > " + (c.uuidKey() ? "cast(?1 as uuid)" : "?1")
                + tenantClause(c.perTenant()) + " order by " + c.key() + " limit ?2";
    }

    /** The compare-and-set replace: {@code ?1} the new bytes, {@code ?2} the key, {@code ?3} the bytes read. */
    static String replaceSql(SealedColumn c) {
        return "update " + c.table() + " set " + c.column() + " = ?1 where " + c.key() + " = "
                + (c.uuidKey() ? "cast(?2 as uuid)" : "?2") + " and " + c.column() + " = ?3"
                + tenantClause(c.perTenant());
    }

    /** The key before every other: the nil uuid for a uuid key, the empty text otherwise. */
    static String first(boolean uuidKey) {
        return uuidKey ? "00000000-0000-0000-0000-000000000000" : "";
    }

    private static String tenantClause(boolean perTenant) {
        return perTenant ? " and tenant_id = cast(current_setting('coffer.tenant') as uuid)" : "";
    }
}
