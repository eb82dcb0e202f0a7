package io.coffer.documents.internal;

import io.coffer.platform.PeriodicJobs;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.EachTenant;
import io.coffer.tenancy.TenantScope;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The worker of search's queue (docs/features/search.md, flow 2-3): every second on the periodic jobs' frame, the
 * tenants whose uploads committed since ({@link #wake}) have their waiting versions extracted, {@link #BATCH} at a time,
 * each outside any transaction ({@link TextExtraction}: up to 30 s) and stored in one transaction of its tenant
 * ({@link TextIndex#store}). Every {@code coffer.search.sweep-interval} (10 minutes; and in the first round) every
 * tenant is swept: versions never queued (stored before search existed) are queued, and what a restart left waiting is
 * extracted. One thread (rounds never overlap); several instances may extract the same version twice, which stores the
 * same rows.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TextIndexer {

    static final int BATCH = 10;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            TextIndexer.class.getName());
    static final int FAILURES_ENDING_A_ROUND = 3;

    @Inject
    PeriodicJobs jobs;

    @Inject
    EachTenant eachTenant;

    @EJB
    TenantScope tenancy;

    @Inject
    TextIndex index;

    @Inject
    TextExtraction extraction;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coffer.search.sweep-interval", defaultValue = "PT10M")
    String sweepInterval;

    private final Set<TenantId> woken = ConcurrentHashMap.newKeySet();
    private volatile Instant nextSweep = Instant.MIN;
    private PeriodicJobs.Job job;

    @PostConstruct
    void schedule() {
        job = jobs.start("Search indexing", Duration.ofSeconds(1), Duration.ofSeconds(1),
                PeriodicJobs.Needs.DATABASE, j -> round());
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** A version of {@code tenant} was queued and its transaction committed: extract it in the next round. */
    public void wake(TenantId tenant) {
        woken.add(tenant);
    }

    /**
     * Wakes the indexer for {@code tenant} once the caller's transaction commits (the tenant's language changed); in
     * the caller's transaction (SUPPORTS: this bean's NOT_SUPPORTED would suspend it and leave nothing to wait for).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void wakeAfterCommit(TenantId tenant) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    wake(tenant);
                }
            }
        });
    }

    /** One round: the sweep when due, else the woken tenants. */
    public void round() {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            nextSweep = now.plus(PeriodicJobs.interval(sweepInterval));
            woken.clear();
            eachTenant.run("Search indexing", this::stopping, FAILURES_ENDING_A_ROUND, tenant -> {
                tenancy.call(tenant, () -> index.queueMissing(clock.instant()));
                drain(tenant);
            });
            return;
        }
        List<TenantId> due = new ArrayList<>(woken);
        for (TenantId tenant : due) {
            woken.remove(tenant);
            if (stopping()) {
                return;
            }
            drain(tenant);
        }
    }

    private boolean stopping() {
        return job != null && job.stopping();
    }

    /** The tenant's waiting versions, a batch at a time, until none waits (a failed one waits for the next wake). */
    private void drain(TenantId tenant) {
        Set<java.util.UUID> tried = new java.util.HashSet<>();
        while (!stopping()) {
            List<TextIndex.Pending> batch = tenancy.call(tenant, () -> index.pending(BATCH + tried.size()));
            List<TextIndex.Pending> fresh = batch.stream().filter(p -> !tried.contains(p.versionId())).toList();
            if (fresh.isEmpty()) {
                return;
            }
            for (TextIndex.Pending version : fresh) {
                tried.add(version.versionId());
                indexOne(tenant, version);
            }
        }
    }

    private void indexOne(TenantId tenant, TextIndex.Pending version) {
        if (!version.newest()) {
            tenancy.call(tenant, () -> {
                index.done(version.versionId(), clock.instant());
                return null;
            });
            return;
        }
        Optional<TextExtraction.Extracted> text = extraction.extract(tenant, version);
        try {
            tenancy.call(tenant, () -> {
                if (text.isPresent()) {
                    index.store(version, text.get().pages(), text.get().paged(), clock.instant());
                } else {
                    index.failed(version.versionId(), clock.instant());
                }
                return null;
            });
        } catch (RuntimeException e) { // one version's trouble never holds the others: a try counted, on we go
            LOG.warning("Could not store the text of a version, one try counted: " + e);
            tenancy.call(tenant, () -> {
                index.failed(version.versionId(), clock.instant());
                return null;
            });
        }
    }
}
