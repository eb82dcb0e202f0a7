package io.coffer.documents.internal;

import io.coffer.datarooms.ExpiredTrash;
import io.coffer.documents.DocumentEvent;
import io.coffer.documents.DocumentEvents;
import io.coffer.shared.DocumentId;
import jakarta.enterprise.event.Event;
import io.coffer.platform.PeriodicJobs;
import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import io.coffer.tenancy.EachTenant;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The trash purge and the orphaned-blob collection, tenant by tenant ({@link EachTenant}), every
 * {@code coffer.purge.interval} (an hour; tests shorten it) on the periodic jobs' frame ({@link PeriodicJobs}). Documents 30 days in the trash are purged in batches, each in its tenant's own transaction whose
 * rows are locked with {@code SKIP LOCKED}, so that several instances share the work instead of repeating it. Then
 * every blob of the tenant that no version uses and that was last written more than {@link #BLOB_GRACE} ago is
 * deleted with its cached page images; the grace keeps the bytes of an upload that is still being recorded. The page
 * images of pages blobs that no document's newest version renders from any more (the purged documents', replaced
 * versions') are dropped in the same round, on this disk and in S3 (DOC-43).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrashPurge {

    static final int BATCH = 200;
    /** Tenants failing one after the other: the cause is not theirs, and the round stops rather than flood the log. */
    static final int FAILURES_ENDING_A_ROUND = 3;
    static final Duration BLOB_GRACE = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(TrashPurge.class.getName());

    @Inject
    PeriodicJobs jobs;

    @Inject
    EachTenant eachTenant;

    @EJB
    TenantScope tenancy;

    @EJB
    ExpiredTrash expired;

    @Inject
    Versions versions;

    @Inject
    Quota quota;

    @Inject
    Event<DocumentEvent> events;

    @Inject
    BlobStore blobs;

    @Inject
    Renditions renditions;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coffer.purge.interval", defaultValue = "PT1H")
    String interval;

    private PeriodicJobs.Job job;

    @PostConstruct
    void schedule() {
        Duration every = PeriodicJobs.interval(interval);
        job = jobs.start("Trash purge", every.compareTo(Duration.ofMinutes(1)) < 0 ? every : Duration.ofMinutes(1),
                every, PeriodicJobs.Needs.DATABASE, j -> run());
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    /**
     * One round over every tenant. Each tenant stands alone: its batches run in transactions of their own, and a
     * tenant whose purge fails is logged and retried next round while the tenants after it are purged (DOC-20); when
     * {@link #FAILURES_ENDING_A_ROUND} tenants fail in a row (the database is down, the server stops) the round ends.
     */
    public void run() {
        eachTenant.run("Trash purge", () -> job != null && job.stopping(), FAILURES_ENDING_A_ROUND, this::purge);
    }

    private void purge(TenantId tenant) {
        int purged = 0;
        int batch;
        do {
            batch = tenancy.call(tenant, () -> purgeBatch(tenant));
            purged += batch;
        } while (batch == BATCH);
        int unreachable = renditions.collect(tenant,
                ids -> tenancy.call(tenant, () -> versions.unreachablePages(ids)));
        int collected = collectBlobs(tenant);
        if (purged > 0 || collected > 0 || unreachable > 0) {
            LOG.info("Trash purge: " + purged + " document(s) past 30 days, " + collected
                    + " unused blob(s) removed, the page images of " + unreachable + " pages blob(s) no newest version"
                    + " uses dropped in tenant " + tenant);
        }
    }

    /**
     * Purges up to {@link #BATCH} documents whose 30 days in the trash are over, in the tenant's transaction: versions
     * go, {@code document.purged} lets upper modules drop what refers to them (synchronously, in this transaction),
     * the items go and their tickets with them (ON DELETE CASCADE, DOC-20), the quota gets the bytes back. The bytes
     * themselves are collected afterwards ({@link #collectBlobs}: other versions may share them).
     */
    private int purgeBatch(TenantId tenant) {
        List<DocumentId> due = expired.lock(BATCH);
        if (due.isEmpty()) {
            expired.deletePurged(List.of()); // folders whose time is over, with nothing left below
            return 0;
        }
        java.time.Instant now = clock.instant();
        long freed = 0;
        for (DocumentId document : due) {
            long bytes = versions.of(document.value()).stream().mapToLong(DocumentVersionEntity::size).sum();
            freed += bytes;
            events.fire(new DocumentEvents.Purged(tenant, document, bytes, now));
        }
        versions.deleteOf(due.stream().map(DocumentId::value).toList());
        expired.deletePurged(due);
        quota.release(tenant, freed);
        return due.size();
    }

    private int collectBlobs(TenantId tenant) {
        int removed = 0;
        java.time.Instant before = clock.instant().minus(BLOB_GRACE);
        try (Stream<String> old = blobs.idsWrittenBefore(tenant, before)) {
            Iterator<String> ids = old.iterator();
            while (ids.hasNext()) {
                List<String> chunk = new ArrayList<>(BATCH);
                while (ids.hasNext() && chunk.size() < BATCH) {
                    chunk.add(ids.next());
                }
                Set<String> unused = tenancy.call(tenant, () -> versions.unusedBlobs(chunk));
                for (String blob : unused) {
                    if (blobs.deleteIfWrittenBefore(tenant, blob, before)) { // not re-uploaded meanwhile
                        renditions.forgetBlob(tenant, blob);
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            LOG.warning("Could not collect unused blobs of tenant " + tenant + ": " + e.getMessage());
        }
        return removed;
    }
}
