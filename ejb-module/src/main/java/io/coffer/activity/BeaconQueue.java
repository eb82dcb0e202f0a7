package io.coffer.activity;

import io.coffer.activity.internal.AnalyticsRollups;
import io.coffer.activity.internal.BeaconLimits;
import io.coffer.shared.TenantId;
import io.coffer.sharelinks.BeaconChecks;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.shared.error.UnavailableException;
import io.coffer.sharelinks.VisitorViews;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Page-time beacons on their way into PostgreSQL without holding up the visitor's pages (docs/features/activity.md,
 * "Beacons and analytics"). {@link #offer} only counts and enqueues: at most {@code coffer.activity.beacon-batches-per-second}
 * batches a second per visitor session (ACT-22, 429), at most {@code coffer.activity.beacon-queue-capacity} page
 * times waiting in this instance (ACT-23, a full queue sheds with 503 instead of growing). A flusher drains the queue
 * every {@code coffer.activity.beacon-flush-interval} (a second) and at stop ({@code activity.internal.BeaconFlusher}),
 * tenant by tenant, each tenant's rows in a
 * transaction bound to it: every batch checked again against its link as it is then ({@link BeaconChecks#confirm},
 * ACT-29), then multi-row INSERTs of the raw {@code document.viewed} rows and the roll-ups (ACT-24).
 * A CDI bean, not an EJB: {@link #offer} runs in no transaction and touches no database.
 */
@ApplicationScoped
public class BeaconQueue {

    private static final Logger LOG = Logger.getLogger(BeaconQueue.class.getName());
    /** Failed flushes of one batch before it is given up (logged): the database refusing the rows for good. */
    static final int ATTEMPTS = 3;

    @EJB
    TenantScope tenancy;

    @Inject
    AnalyticsRollups rollups;

    @Inject
    BeaconChecks checks;

    @Inject
    @ConfigProperty(name = "coffer.activity.beacon-queue-capacity", defaultValue = "200000")
    int capacity;

    @Inject
    @ConfigProperty(name = "coffer.activity.beacon-batches-per-second", defaultValue = "5")
    int batchesPerSecond;

    @Inject
    @ConfigProperty(name = "coffer.activity.beacon-flush-interval", defaultValue = "PT1S")
    String flushInterval;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Page times waiting (not batches): what the capacity bounds. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Page times the check before storing refused (ACT-29: the link changed since the request). */
    private final AtomicLong refused = new AtomicLong();
    private final Object flushing = new Object();
    private BeaconLimits limits;

    private record Pending(VisitorViews.BeaconBatch batch, String userAgent, int attempt) {
    }

    @PostConstruct
    void start() {
        limits = new BeaconLimits(Math.max(1, batchesPerSecond));
    }

    /** How often the flusher ({@code activity.internal.BeaconFlusher}) drains the queue. */
    public Duration flushInterval() {
        return Duration.ofMillis(Math.max(50, Duration.parse(flushInterval).toMillis()));
    }

    /**
     * Queues a checked batch ({@code userAgent}: the visitor's browser, as its request said). Throws
     * {@link RateLimitedException} (429, retry after a second) past the session's batches per second, and
     * {@link UnavailableException} (503) when the queue holds its capacity; nothing is queued then.
     */
    public void offer(VisitorViews.BeaconBatch batch, String userAgent) {
        if (!limits.admit(batch.session(), System.nanoTime())) {
            throw new RateLimitedException(1);
        }
        int size = batch.entries().size();
        if (size == 0) {
            return;
        }
        if (waiting.addAndGet(size) > capacity) {
            waiting.addAndGet(-size);
            throw new UnavailableException("Too many page-time beacons are waiting to be stored; retry shortly.");
        }
        queue.add(new Pending(batch, userAgent == null || userAgent.isBlank() ? null : cut(userAgent, 512), 0));
    }

    /** Page times written so far by this instance (the benchmark reads it through the database, this is for logs). */
    public long stored() {
        return stored.get();
    }

    /** Page times not stored because the link had changed by the flush (ACT-29). */
    public long refused() {
        return refused.get();
    }

    /** Page times waiting now. */
    public int waiting() {
        return waiting.get();
    }

    /** Writes everything queued now (the flusher's round; also at stop). */
    public void flush() {
        synchronized (flushing) {
            limits.forgetBefore(System.nanoTime());
            List<Pending> round = new ArrayList<>();
            Pending p;
            while ((p = queue.poll()) != null) {
                round.add(p);
            }
            if (round.isEmpty()) {
                return;
            }
            Map<TenantId, List<Pending>> byTenant = new LinkedHashMap<>();
            for (Pending each : round) {
                byTenant.computeIfAbsent(each.batch().tenant(), t -> new ArrayList<>()).add(each);
            }
            for (Map.Entry<TenantId, List<Pending>> e : byTenant.entrySet()) {
                write(e.getKey(), e.getValue());
            }
        }
    }

    private void write(TenantId tenant, List<Pending> pending) {
        List<VisitorViews.BeaconBatch> batches = pending.stream().map(Pending::batch).toList();
        try {
            int written = tenancy.call(tenant, () -> {
                List<VisitorViews.BeaconBatch> kept = checks.confirm(tenant, batches); // ACT-29: as the link is now
                List<AnalyticsRollups.PageTime> rows = new ArrayList<>();
                for (int i = 0; i < kept.size(); i++) {
                    VisitorViews.BeaconBatch b = kept.get(i);
                    String userAgent = pending.get(i).userAgent();
                    for (VisitorViews.Beacon beacon : b.entries()) {
                        rows.add(new AnalyticsRollups.PageTime(b.link().value(),
                                b.room() == null ? null : b.room().value(), b.session(), b.email(),
                                b.clientAddress(), userAgent, beacon.docId(), beacon.page(), 0, beacon.seconds(),
                                b.at()));
                    }
                }
                if (!rows.isEmpty()) {
                    rollups.events(tenant, rows);
                    rollups.pages(tenant, rows);
                }
                return rows.size();
            });
            int queued = batches.stream().mapToInt(b -> b.entries().size()).sum();
            stored.addAndGet(written);
            refused.addAndGet(queued - written);
            waiting.addAndGet(-queued);
        } catch (RuntimeException e) {
            List<Pending> again = new ArrayList<>();
            int lost = 0;
            for (Pending p : pending) {
                if (p.attempt() + 1 < ATTEMPTS) {
                    again.add(new Pending(p.batch(), p.userAgent(), p.attempt() + 1));
                } else {
                    lost += p.batch().entries().size();
                }
            }
            queue.addAll(again);
            waiting.addAndGet(-lost);
            dropped.addAndGet(lost);
            LOG.log(lost > 0 ? Level.SEVERE : Level.WARNING, "Page-time beacons of tenant " + tenant
                    + " were not stored this round (" + pending.size() + " batches, " + lost + " page times given up): "
                    + e);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
