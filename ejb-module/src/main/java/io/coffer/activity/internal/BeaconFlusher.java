package io.coffer.activity.internal;

import io.coffer.activity.BeaconQueue;
import io.coffer.platform.PlatformState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Drains the {@link BeaconQueue} every {@code coffer.activity.beacon-flush-interval} from start, and once more when
 * the application stops, so that what was accepted is written before the instance goes (ACT-24). Each round writes
 * tenant by tenant in transactions of their own ({@link BeaconQueue#flush}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BeaconFlusher {

    private static final Logger LOG = Logger.getLogger(BeaconFlusher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BeaconQueue queue;

    @Inject
    PlatformState platform;

    private ScheduledFuture<?> task;

    @PostConstruct
    void schedule() {
        long millis = queue.flushInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            if (platform.isDatabaseReady()) {
                queue.flush();
            }
        } catch (RuntimeException e) {
            LOG.warning("Beacon flush failed this round, will retry: " + e);
        }
    }
}
