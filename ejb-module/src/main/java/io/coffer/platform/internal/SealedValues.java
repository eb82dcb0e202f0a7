package io.coffer.platform.internal;

import io.coffer.platform.SealedColumn;
import java.util.List;

/**
 * The values of a {@link SealedColumn}, read in batches in key order and replaced by compare-and-set: what the master
 * key rotation needs of the database ({@link NativeSealedValues}; an in-memory one in its unit test).
 *
 * <p>A per-tenant column is called inside a transaction bound to the tenant ({@code TenantScope.call}), a global one
 * with no transaction of its own: an implementation joins the caller's transaction or starts one.
 */
public interface SealedValues {

    /** One sealed value: its row's key (ordered, as text) and the sealed bytes as stored. */
    record Sealed(String id, byte[] sealed) {
    }

    /** Up to {@code limit} values whose key sorts after {@code after} ({@code null}: from the start), in key order. */
    List<Sealed> batch(SealedColumn column, String after, int limit);

    /**
     * Replaces one value by {@code resealed} only if it still holds {@code expected} (another instance or the module
     * itself may have written it since it was read); answers whether it did.
     */
    boolean replace(SealedColumn column, String id, byte[] expected, byte[] resealed);
}
