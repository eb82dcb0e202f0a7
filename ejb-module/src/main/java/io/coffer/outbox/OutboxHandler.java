package io.coffer.outbox;

/**
 * Does one kind of outbox work (a CDI bean; the outbox finds it by {@link #kind()}). Runs after the enqueuing
 * transaction committed, outside any transaction of the outbox, in the work's tenant ({@code TenantScope.call} is
 * the handler's to open when it touches tenant rows). Throwing means "not done, try again later"; after
 * {@link #maxAttempts()} tries the work is dead ({@link #dead} is told).
 */
public interface OutboxHandler {

    /** The kind of work handled ({@code mail}, {@code webhook}, {@code automation}...): unique among handlers. */
    String kind();

    /** Does the work; an exception (any) leaves it to be tried again after the outbox's backoff. */
    void handle(OutboxWork work) throws Exception;

    /** How many tries before the work is dead. */
    default int maxAttempts() {
        return 8;
    }

    /** Told once when the last try failed (a webhook's dead letter); the work is not tried again. */
    default void dead(OutboxWork work, String lastError) {
    }
}
