package io.coffer.outbox.internal;

import io.coffer.platform.PeriodicJobs;
import io.coffer.platform.PlatformState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * OPS-12: the outbox's lag in {@code /metrics}: {@code coffer_outbox_pending} (work not yet done, across tenants and
 * instances: the table is one) and {@code coffer_outbox_oldest_pending_age_seconds} (how long the oldest of it has
 * waited since it was enqueued; 0 when none). A scrape reads two fields of memory; the values are sampled by one
 * statement every {@link #EVERY} on each instance ({@link OutboxStore#pendingAndOldestAge}), however often
 * Prometheus scrapes. Before the first sample, and while the database does not answer, both are NaN: unknown, never
 * a reassuring 0.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxGauges {

    static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(OutboxGauges.class.getName());

    @EJB
    OutboxStore store;

    @Inject
    PeriodicJobs jobs;

    @Inject
    PlatformState platform;

    @Inject
    MetricRegistry registry;

    private volatile double pending = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private PeriodicJobs.Job job;

    @PostConstruct
    void start() {
        registry.gauge(Metadata.builder().withName("coffer.outbox.pending")
                .withDescription("Outbox work not yet done (pending, also waiting for a retry), all tenants").build(),
                () -> pending);
        registry.gauge(Metadata.builder().withName("coffer.outbox.oldest.pending.age").withUnit(MetricUnits.SECONDS)
                .withDescription("Seconds since the oldest pending outbox work was enqueued (0: none pending)").build(),
                () -> oldestAgeSeconds);
        job = jobs.start("Outbox metrics", Duration.ZERO, EVERY, PeriodicJobs.Needs.NOTHING, j -> sample());
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    private void sample() {
        if (!platform.isDatabaseReady()) {
            pending = Double.NaN; // not yet, or gone (FD-9): unknown
            oldestAgeSeconds = Double.NaN;
            return;
        }
        try {
            double[] sampled = store.pendingAndOldestAge();
            pending = sampled[0];
            oldestAgeSeconds = sampled[1];
        } catch (RuntimeException e) {
            // the database is away or slow (its own health check and REL-* say so): the lag is unknown, not 0; no
            // warning every few seconds on top of theirs
            pending = Double.NaN;
            oldestAgeSeconds = Double.NaN;
            LOG.log(Level.FINE, "Outbox metrics: no sample this round", e);
        }
    }
}
