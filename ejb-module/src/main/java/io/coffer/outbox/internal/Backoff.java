package io.coffer.outbox.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed try is tried again (OUT-8): exponential backoff with "equal jitter". Before try {@code n + 1} the
 * work waits {@code d/2 + random(0, d/2)} where {@code d = base * 2^(n-1)}, capped at {@code cap}: the gaps grow (the
 * shortest wait before a try is the longest before the one ahead of it), and instances that failed together do not
 * come back in step.
 */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after failed try number {@code attempt} (from 1). */
    public static Duration after(int attempt, Duration base, Duration cap, RandomGenerator random) {
        long baseMillis = Math.max(1, base.toMillis());
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long full = Math.min(cap.toMillis(), baseMillis * (1L << doublings));
        long half = full / 2;
        return Duration.ofMillis(half + (full - half == 0 ? 0 : random.nextLong(full - half + 1)));
    }
}
