package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One answer per tenant kept in this instance's memory while the tenant's access generation (FD-34) stays the one it
 * was loaded at — the way a module keeps what it asks of its own tables on every request (which event types a tenant
 * routes: AUTO-10, WH-16) without asking again. The generation is read <em>before</em> the answer is loaded, so an
 * answer is never older than the generation it is kept under; a change committed on any instance raises the
 * generation in the shared database, and the next request there loads the answer again. Within a transaction the
 * generation is the one the transaction read first ({@link AccessGenerations#ofThisTransaction}): a visitor's request,
 * which read it for its own checks, routes its events with no query at all.
 * <p>
 * Per instance and safe to lose (docs/strategy/scale.md): a restart or an eviction only costs one load. At most
 * {@code capacity} tenants are kept, the least recently used dropped first.
 */
public final class GenerationMemo<V> {

    private record Kept<V>(long generation, V value) {
    }

    /** This memo's mark in a transaction that changed what its answers rest on. */
    private record Changed(GenerationMemo<?> memo) {
    }

    private final AccessGenerations generations;
    private final Map<TenantId, Kept<V>> kept;

    public GenerationMemo(AccessGenerations generations, int capacity) {
        this.generations = generations;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TenantId, Kept<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Says that this transaction changes what the answers rest on (the writer calls it with its write): until it
     * ends, {@link #get} loads and keeps nothing — an answer that saw this transaction's own changes must not outlive
     * a rollback, and after a commit the raised generation makes the next request load it anew.
     */
    public void changedInThisTransaction() {
        generations.mark(new Changed(this));
    }

    /** The tenant's answer as of its generation now: from memory, or {@code load} (then kept). */
    public V get(TenantId tenant, Supplier<V> load) {
        if (generations.marked(new Changed(this))) {
            return load.get();
        }
        long generation = generations.ofThisTransaction(tenant); // before what it guards
        synchronized (kept) {
            Kept<V> k = kept.get(tenant);
            if (k != null && k.generation() == generation) {
                return k.value();
            }
        }
        V value = load.get();
        synchronized (kept) {
            Kept<V> k = kept.get(tenant);
            if (k == null || k.generation() <= generation) {
                kept.put(tenant, new Kept<>(generation, value));
            }
        }
        return value;
    }
}
