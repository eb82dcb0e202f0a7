package io.coffer.activity.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The partition functions, each in a transaction of its own (no tenant: they touch tables, not rows). */
@ApplicationScoped
public class ActivityMaintenanceWork {

    @Inject
    ActivityStore store;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int ensurePartitions(int months) {
        return store.ensurePartitions(months);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int dropPartitionsBefore(Instant cutoff) {
        return store.dropPartitionsBefore(cutoff);
    }
}
