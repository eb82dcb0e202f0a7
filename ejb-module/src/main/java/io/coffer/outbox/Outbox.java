package io.coffer.outbox;

import io.coffer.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records work to do after the caller's transaction commits. Interim form (issue 12 groundwork): the work runs once
 * after the commit on a managed thread and is not kept; the durable outbox (a PostgreSQL table worked with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, payloads sealed) replaces this body behind the same face.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    @Resource
    TransactionSynchronizationRegistry tsr;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @Any
    Instance<OutboxHandler> handlers;

    /**
     * Records {@code payload} for the handler of {@code kind}, in the caller's transaction: done after it commits,
     * never when it rolls back; outside a transaction, done at once (asynchronously).
     */
    public UUID enqueue(TenantId tenant, String kind, String payload) {
        UUID id = UUID.randomUUID();
        OutboxWork work = new OutboxWork(id, tenant, kind, payload, 1, Instant.now());
        if (tsr.getTransactionKey() == null) {
            submit(work);
            return id;
        }
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    submit(work);
                }
            }
        });
        return id;
    }

    private void submit(OutboxWork work) {
        executor.submit(() -> {
            for (OutboxHandler h : handlers) {
                if (h.kind().equals(work.kind())) {
                    try {
                        h.handle(work);
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "Outbox work " + work.id() + " (" + work.kind() + ") failed: "
                                + e.getMessage());
                    }
                    return;
                }
            }
            LOG.warning("No outbox handler for " + work.kind());
        });
    }
}
