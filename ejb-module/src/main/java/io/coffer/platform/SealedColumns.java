package io.coffer.platform;

import java.util.List;

/**
 * One module's column of values sealed with {@link SecretBox}, as the master key rotation's re-seal job and the
 * start-up check (OPS-22, OPS-23) see it. Each module that seals implements it for its own tables (the platform never
 * names them) as a CDI bean; the job finds every implementation through CDI. A per-tenant column is read and written
 * inside the tenant's own scope (row-level security), a global one outside any.
 *
 * <p>The job ({@code platform.internal.MasterKeyRotation}) calls a per-tenant column inside a transaction bound to the
 * tenant ({@code TenantScope.call}) and a global one with no transaction of its own: implementations join the
 * caller's transaction or start one ({@code @Transactional}). {@link #batchSql} and {@link #replaceSql} give the
 * one form of their two statements (native SQL: the implementation runs them with its own {@code EntityManager}).
 */
public interface SealedColumns {

    /** One sealed value: its row's key (ordered, as text) and the sealed bytes as stored. */
    record Sealed(String id, byte[] sealed) {
    }

    /** What the values are, for logs and the start-up message (e.g. "webhook secrets"). */
    String what();

    /** Whether the rows belong to a tenant (walked tenant by tenant) or to no tenant (global table). */
    boolean perTenant();

    /** Up to {@code limit} values whose key sorts after {@code after} ({@code null}: from the start), in key order. */
    List<Sealed> batch(String after, int limit);

    /**
     * Replaces one value by {@code resealed} only if it still holds {@code expected} (another instance or the module
     * itself may have written it since it was read); answers whether it did.
     */
    boolean replace(String id, byte[] expected, byte[] resealed);

    /**
     * The statement listing a batch: parameters {@code ?1} the key after which to start (text; the smallest key
     * when {@code null} is given as {@link #first}), {@code ?2} the limit; columns the key as text
     * and the sealed bytes. {@code uuidKey}: the key column is a uuid (ordered as its text is); {@code perTenant}:
     * the rows of the transaction's tenant only (the row-level security policy holds it too; an unbound transaction
     * fails instead of reading nothing).
     */
    static String batchSql(String table, String key, String column, boolean uuidKey, boolean perTenant) {
        return "select " + key + "::text, " + column + " from " + table + " where " + column + " is not null and "
                + key + " > " + (uuidKey ? "cast(?1 as uuid)" : "?1") + tenantClause(perTenant)
                + " order by " + key + " limit ?2";
    }

    /** The compare-and-set replace: {@code ?1} the new bytes, {@code ?2} the key, {@code ?3} the bytes read. */
    static String replaceSql(String table, String key, String column, boolean uuidKey, boolean perTenant) {
        return "update " + table + " set " + column + " = ?1 where " + key + " = "
                + (uuidKey ? "cast(?2 as uuid)" : "?2") + " and " + column + " = ?3" + tenantClause(perTenant);
    }

    /** The key before every other: the nil uuid for a uuid key, the empty text otherwise. */
    static String first(boolean uuidKey) {
        return uuidKey ? "00000000-0000-0000-0000-000000000000" : "";
    }

    private static String tenantClause(boolean perTenant) {
        return perTenant ? " and tenant_id = cast(current_setting('coffer.tenant') as uuid)" : "";
    }
}
