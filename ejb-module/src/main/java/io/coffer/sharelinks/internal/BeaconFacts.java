package io.coffer.sharelinks.internal;

import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last full check of a link found, kept in this instance for page-time beacons only
 * (docs/features/activity.md, ACT-29..31): the link's rules and scope, and the page counts of the documents checked,
 * by the hash of the link token, with the tenant's access generation read before the check. A beacon request whose
 * tenant is still at that generation is accepted from them; the flusher checks every batch again against the link
 * as it is before it stores it ({@code sharelinks.BeaconChecks#confirm}), and each of those checks refreshes the
 * facts. Nothing that serves content reads them. Per instance and safe to lose: a miss only sends the request the
 * full way.
 */
@ApplicationScoped
public class BeaconFacts {

    /**
     * How old facts may be for a beacon request to be checked against them. What access rests on is guarded by the
     * generation; this bounds only what the generation does not cover (a new version's page count).
     */
    public static final long FRESH_NANOS = 10_000_000_000L;
    /** Links remembered at most; past it the stale ones go, then all. */
    static final int MAX_LINKS = 20_000;

    /**
     * One link as checked at {@code checkedAt} ({@link System#nanoTime}), with the tenant's access generation read
     * before the check ({@code io.coffer.tenancy.AccessGenerations}); {@code pages}: document id → page count.
     */
    public record Facts(TenantId tenant, long generation, LinkRules rules, LinkScope scope, Map<UUID, Integer> pages,
                        long checkedAt) {
        public Facts {
            pages = Map.copyOf(pages);
        }

        /** The page count of a document of the scope, if it was checked; empty also for what the scope lacks. */
        public Optional<Integer> pageCount(UUID document) {
            return Optional.ofNullable(pages.get(document));
        }
    }

    private final Map<String, Facts> byTokenHash = new ConcurrentHashMap<>();

    /** The facts of the link of this token hash, if they are at most {@link #FRESH_NANOS} old. */
    public Optional<Facts> fresh(String tokenHash, long now) {
        Facts f = byTokenHash.get(tokenHash);
        return f != null && now - f.checkedAt() < FRESH_NANOS ? Optional.of(f) : Optional.empty();
    }

    /**
     * Keeps what a full check found. Page counts found before at the same generation stay beside the new ones (one
     * made stale by a new version is caught by the flusher's check, which also refreshes it).
     */
    public void remember(String tokenHash, Facts facts) {
        if (byTokenHash.size() >= MAX_LINKS && !byTokenHash.containsKey(tokenHash)) {
            long now = System.nanoTime();
            byTokenHash.values().removeIf(f -> now - f.checkedAt() >= FRESH_NANOS);
            if (byTokenHash.size() >= MAX_LINKS) {
                byTokenHash.clear();
            }
        }
        byTokenHash.merge(tokenHash, facts, (old, now) -> old.tenant().equals(now.tenant())
                && old.generation() == now.generation()
                ? new Facts(now.tenant(), now.generation(), now.rules(), now.scope(), merged(old.pages(), now.pages()),
                now.checkedAt())
                : now);
    }

    /** Forgets a link (its check found it gone or refused). */
    public void forget(String tokenHash) {
        byTokenHash.remove(tokenHash);
    }

    private static Map<UUID, Integer> merged(Map<UUID, Integer> old, Map<UUID, Integer> now) {
        Map<UUID, Integer> out = new java.util.HashMap<>(old);
        out.putAll(now);
        return out;
    }
}
