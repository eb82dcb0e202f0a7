package io.coffer.outbox.internal;

import io.coffer.outbox.OutboxHandler;
import io.coffer.outbox.OutboxWork;
import io.coffer.platform.PlatformState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works the outbox on every instance (OUT-4..9): every second, and at once when a transaction that enqueued work
 * commits (OUT-10; the commit releases a semaphore the loop waits on), it claims due rows in a short transaction ({@code FOR UPDATE SKIP LOCKED}, leased to this
 * instance), runs their handlers outside any transaction, and marks each done, due again after the backoff, or dead.
 * A retry is also woken at its due time, so that the gaps are the backoff's and not the tick's.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxWorker {

    static final int BATCH = 8;
    static final Duration CAP = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());

    /** This instance's name in {@code claimed_by}: new at every start, so a restarted server never owns old leases. */
    private final String instance = UUID.randomUUID().toString();
    private final SecureRandom random = new SecureRandom();
    private final Semaphore signal = new Semaphore(0);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    OutboxStore store;

    @Inject
    @Any
    Instance<OutboxHandler> handlers;

    @Inject
    PlatformState platform;

    @Inject
    @ConfigProperty(name = "coffer.outbox.lease", defaultValue = "PT60S")
    String lease;

    @Inject
    @ConfigProperty(name = "coffer.outbox.retry-base", defaultValue = "PT10S")
    String retryBase;

    @Inject
    @ConfigProperty(name = "coffer.outbox.keep-done", defaultValue = "P7D")
    String keepDone;

    private Future<?> loop;
    private volatile boolean stopping;
    private volatile Instant lastSweep = Instant.EPOCH;

    /**
     * One long-running loop per instance, started here, so that it and every handler it starts run in the context
     * of the application's start, never in that of the request whose commit woke it (whose caller would otherwise be
     * the caller of other tenants' work).
     */
    @PostConstruct
    void start() {
        loop = scheduler.submit(ManagedExecutors.managedTask((Runnable) this::loop,
                Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "coffer-outbox"), null));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        signal.release();
        if (loop != null) {
            loop.cancel(true);
        }
    }

    /** This instance's lease holder name (for the logs and tests: {@code outbox.claimed_by}). */
    public String instance() {
        return instance;
    }

    /** Works the outbox now (OUT-10); otherwise the loop looks every second. Never blocks the caller. */
    public void wake() {
        signal.release();
    }

    private void loop() {
        while (!stopping) {
            try {
                signal.tryAcquire(1, TimeUnit.SECONDS);
                signal.drainPermits();
                if (!stopping && platform.isDatabaseReady()) {
                    drain();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warning("Outbox round failed, the next one retries: " + e);
            }
        }
    }

    private void drain() throws Exception {
        List<OutboxWork> claimed;
        do {
            claimed = store.claim(instance, Duration.parse(lease), BATCH);
            List<Future<?>> handled = new ArrayList<>();
            for (OutboxWork work : claimed) {
                handled.add(scheduler.submit(() -> work(work)));
            }
            for (Future<?> f : handled) {
                f.get();
            }
        } while (claimed.size() == BATCH && !stopping);
        sweepNowAndThen();
    }

    private void work(OutboxWork work) {
        OutboxHandler handler;
        try {
            handler = handler(work.kind());
        } catch (RuntimeException broken) { // a handler that cannot be created fails its own work, not the round's
            LOG.warning("Outbox handler for kind " + work.kind() + " unavailable: " + broken);
            store.retry(work.id(), instance, Duration.parse(retryBase), "handler unavailable");
            return;
        }
        if (handler == null) {
            LOG.warning("No outbox handler for kind " + work.kind() + "; work " + work.id() + " waits");
            store.retry(work.id(), instance, CAP, "no handler for " + work.kind());
            return;
        }
        try {
            handler.handle(work);
            store.done(work.id(), instance);
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (work.attempt() >= handler.maxAttempts()) {
                if (store.dead(work.id(), instance, error)) {
                    LOG.warning("Outbox work " + work.id() + " (" + work.kind() + ") is dead after " + work.attempt()
                            + " tries: " + error);
                    try {
                        handler.dead(work, error);
                    } catch (RuntimeException told) {
                        LOG.warning("Outbox handler " + work.kind() + " failed to take dead work " + work.id()
                                + ": " + told);
                    }
                }
            } else {
                Duration wait = Backoff.after(work.attempt(), Duration.parse(retryBase), CAP, random);
                if (store.retry(work.id(), instance, wait, error)) {
                    scheduler.schedule(this::wake, wait.toMillis() + 20, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private OutboxHandler handler(String kind) {
        for (Instance.Handle<OutboxHandler> h : handlers.handles()) {
            try {
                OutboxHandler candidate = h.get();
                if (candidate.kind().equals(kind)) { // an application-scoped handler is created at its first call
                    return candidate;
                }
            } catch (RuntimeException broken) {
                LOG.warning("An outbox handler (" + h.getBean().getBeanClass().getName() + ") cannot be created: "
                        + broken);
            }
        }
        return null;
    }

    private void sweepNowAndThen() {
        Instant now = Instant.now();
        if (Duration.between(lastSweep, now).toMinutes() >= 10) {
            lastSweep = now;
            int swept = store.sweep(Duration.parse(keepDone));
            if (swept > 0) {
                LOG.fine(() -> "Outbox: swept " + swept + " finished rows");
            }
        }
    }
}
