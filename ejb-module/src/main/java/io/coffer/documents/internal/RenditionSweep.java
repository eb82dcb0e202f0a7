package io.coffer.documents.internal;

import io.coffer.documents.Audience;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sweeps the renditions kept per audience (visitor sessions) every {@code coffer.visitor-cache.sweep-interval} (a
 * minute): an audience's files go once they are older than {@link Audience#RENDITIONS_KEPT}, and the oldest audiences
 * go until all of them together hold at most {@code coffer.visitor-cache.max-bytes} (1 GiB) (SL-23). Files only: no
 * transaction.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RenditionSweep {

    static final Duration MAX_AGE = Audience.RENDITIONS_KEPT;
    private static final Logger LOG = Logger.getLogger(RenditionSweep.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Renditions renditions;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coffer.visitor-cache.sweep-interval", defaultValue = "PT1M")
    String interval;

    @Inject
    @ConfigProperty(name = "coffer.visitor-cache.max-bytes", defaultValue = "1073741824")
    long maxBytes;

    private ScheduledFuture<?> task;

    @PostConstruct
    void schedule() {
        long seconds = Math.max(1, Duration.parse(interval).toSeconds());
        task = scheduler.scheduleWithFixedDelay(this::sweepQuietly, seconds, seconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void sweepQuietly() {
        try {
            Renditions.Swept swept = renditions.sweep(clock.instant(), MAX_AGE, maxBytes);
            if (swept.sessions() > 0) {
                LOG.info("Renditions kept per audience: " + swept.sessions() + " audience(s) swept, "
                        + swept.bytesLeft() + " bytes left");
            }
        } catch (RuntimeException e) {
            LOG.warning("The rendition sweep failed this round, will retry: " + e);
        }
    }
}
