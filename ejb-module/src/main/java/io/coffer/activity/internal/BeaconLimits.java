package io.coffer.activity.internal;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perSecond} beacon batches per visitor session and second, counted in this instance's memory (a
 * database row per batch would cost more than the batch; ACT-22). A session whose requests go to several instances
 * gets the limit once per instance, which keeps it bounded all the same.
 */
public final class BeaconLimits {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final ConcurrentHashMap<UUID, Window> windows = new ConcurrentHashMap<>();

    public BeaconLimits(int perSecond) {
        this.perSecond = perSecond;
    }

    private static final class Window {
        long start;
        int count;
    }

    /** Counts one batch of {@code session} at {@code nanos} (System.nanoTime); false past the limit. */
    public boolean admit(UUID session, long nanos) {
        Window w = windows.computeIfAbsent(session, s -> new Window());
        synchronized (w) {
            if (w.count == 0 || nanos - w.start >= SECOND) {
                w.start = nanos;
                w.count = 0;
            }
            if (w.count >= perSecond) {
                return false;
            }
            w.count++;
            return true;
        }
    }

    /** Forgets sessions idle for more than a few seconds (the flusher calls this each round). */
    public void forgetBefore(long nanos) {
        windows.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return nanos - e.getValue().start > 5 * SECOND;
            }
        });
    }
}
