package io.coffer.sharelinks.internal;

import io.coffer.platform.CofferSettings;
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
 * Sweeps the per-visitor caches every {@code coffer.visitor-cache.sweep-interval} (a minute): a session's files go
 * once they are older than a visitor token lives (plus a margin), and the oldest sessions go until all visitor caches
 * together hold at most {@code coffer.visitor-cache.max-bytes} (1 GiB) (SL-23). Files only: no transaction.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VisitorCacheSweep {

    static final Duration MAX_AGE = VisitorTokens.LIFETIME.plusMinutes(5);
    private static final Logger LOG = Logger.getLogger(VisitorCacheSweep.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CofferSettings settings;

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
            VisitorCaches.Swept swept = VisitorCaches.sweep(settings.home(), clock.instant(), MAX_AGE, maxBytes);
            if (swept.sessions() > 0) {
                LOG.info("Visitor caches: " + swept.sessions() + " session(s) swept, " + swept.bytesLeft()
                        + " bytes left");
            }
        } catch (RuntimeException e) {
            LOG.warning("The visitor cache sweep failed this round, will retry: " + e);
        }
    }
}
