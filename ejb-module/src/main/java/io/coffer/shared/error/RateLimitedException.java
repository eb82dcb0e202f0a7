package io.coffer.shared.error;

/** Too many attempts; the client may retry after {@link #retryAfterSeconds()} (429 with {@code Retry-After}). */
public class RateLimitedException extends CofferException {
    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super("Too many attempts; retry later.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
