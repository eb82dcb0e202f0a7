package io.coffer.outbox;

import io.coffer.outbox.internal.OutboxStore;
import io.coffer.outbox.internal.OutboxWorker;
import io.coffer.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.UUID;
import jakarta.inject.Inject;

/**
 * Records work to do after the caller's transaction commits (docs/features/outbox.md): a row of the {@code outbox}
 * table written in that transaction (OUT-1), payload sealed (OUT-2), done afterwards by the {@link OutboxHandler} of
 * its kind on whichever instance claims it first (OUT-4), tried again with backoff, dead after the handler's last try.
 */
@ApplicationScoped
public class Outbox {

    @Resource
    TransactionSynchronizationRegistry tsr;

    @EJB
    OutboxStore store;

    @Inject
    OutboxWorker worker;

    /**
     * Records {@code payload} for the handler of {@code kind}, in the caller's transaction: done after it commits,
     * never when it rolls back (OUT-1); outside a transaction, recorded in one of its own and done at once. The id
     * returned is the work's, which a handler passes to its receiver for deduplication (OUT-11).
     */
    public UUID enqueue(TenantId tenant, String kind, String payload) {
        UUID id = UUID.randomUUID();
        boolean inTransaction = tsr.getTransactionKey() != null && tsr.getTransactionStatus() == Status.STATUS_ACTIVE;
        store.insert(id, tenant, kind, payload);
        if (!inTransaction) {
            worker.wake();
            return id;
        }
        try {
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        worker.wake(); // low latency: no wait for the next tick (OUT-10)
                    }
                }
            });
        } catch (IllegalStateException completing) {
            // enqueued while the transaction completes (a BEFORE_COMPLETION observer): the row commits with it and the
            // next tick, within a second, takes it
        }
        return id;
    }
}
