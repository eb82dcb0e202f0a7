package io.coffer.platform;

import java.util.regex.Pattern;

/**
 * One module's column of values sealed with {@link SecretBox}, as the master key rotation's re-seal job and the
 * start-up check (OPS-22, OPS-23) see it. Each module that seals contributes one per column as a CDI bean from its
 * own {@code internal} package (the platform never names its tables); the job finds them all through CDI and reads
 * and writes them with the platform's one executor (native SQL over the given names).
 *
 * <p>A per-tenant column is read and written inside the tenant's own transaction (row-level security holds it too);
 * a global one outside any tenant.
 *
 * @param what      what the values are, for logs and the start-up message (e.g. "webhook secrets")
 * @param table     the table holding them
 * @param key       its key column (the order of the batches; text, or a uuid ordered as its text is)
 * @param column    the sealed column ({@code bytea}; a row whose value is null has none)
 * @param uuidKey   whether {@code key} is a uuid
 * @param perTenant whether the rows belong to a tenant (walked tenant by tenant) or to no tenant (a global table)
 */
public record SealedColumn(String what, String table, String key, String column, boolean uuidKey,
        boolean perTenant) {

    /** The names go into SQL as they are: lower-case identifiers only, nothing to quote or escape. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public SealedColumn {
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("a sealed column needs a description");
        }
        identifier("table", table);
        identifier("key", key);
        identifier("column", column);
    }

    private static void identifier(String role, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier ([a-z_][a-z0-9_]*) for the " + role
                    + " of a sealed column: " + name);
        }
    }
}
