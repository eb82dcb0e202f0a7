package io.coffer.platform;

import java.util.List;

/**
 * One module's column of values sealed with {@link SecretBox}, as the master key rotation's re-seal job and the
 * start-up check (OPS-22, OPS-23) see it. Each module that seals implements it for its own tables (the platform never
 * names them) as a CDI bean; the job finds every implementation through CDI. A per-tenant column is read and written
 * inside the tenant's own scope (row-level security), a global one outside any.
 *
 * <p>Not implemented by a module yet: see plans/todo/016-release-ops.md "Key rotation (helper keys)".
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
}
