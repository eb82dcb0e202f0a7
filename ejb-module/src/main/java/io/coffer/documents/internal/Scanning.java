package io.coffer.documents.internal;

import io.coffer.datarooms.RoomDocuments;
import io.coffer.documents.DocumentEvent;
import io.coffer.documents.DocumentEvents;
import io.coffer.documents.ScanStatus;
import io.coffer.shared.DocumentId;
import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A version's way from SCANNING to its verdict (docs/features/file-requests.md, FR-7..FR-10), outside any transaction:
 * the stored bytes go to clamd ({@link Scanner}), and the verdict is written in a short transaction of the tenant of
 * its own. A version is stored SCANNING whenever a scanner is configured, so a crash between the two leaves it
 * SCANNING, and {@link ScanSweep} asks again; so does a scanner that is down or times out (fail closed). A verdict is
 * given once ({@link Versions#decide}); a QUARANTINED version fires {@code document.quarantined}; a READY one is queued
 * for search and its pages drawn ahead.
 */
@ApplicationScoped
public class Scanning {

    private static final Logger LOG = Logger.getLogger(Scanning.class.getName());

    @Inject
    Scanner scanner;

    @Inject
    Versions versions;

    @Inject
    BlobStore blobs;

    @Inject
    Renditions renditions;

    @EJB
    TenantScope tenancy;

    @EJB
    RoomDocuments entries;

    @EJB
    TextIndexer indexer;

    @Inject
    Event<DocumentEvent> events;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    /** Whether new versions must wait for a verdict (a scanner is configured, FR-10). */
    public boolean required() {
        return scanner.configured();
    }

    /** Whether an outsider's upload can be taken now: a scanner is configured, or the operator switched scanning off. */
    public boolean acceptsOutsiders() {
        return scanner.configured() || scanner.unscannedAllowed();
    }

    /** Scans a stored SCANNING version now and records the verdict; answers the status it has afterwards. */
    public ScanStatus settle(TenantId tenant, UUID versionId) {
        Optional<DocumentVersionEntity> found = tenancy.call(tenant, () -> versions.find(versionId));
        if (found.isEmpty() || found.get().scanStatus() != ScanStatus.SCANNING) {
            return found.map(DocumentVersionEntity::scanStatus).orElse(ScanStatus.SCANNING);
        }
        DocumentVersionEntity v = found.get();
        Scanner.Result result;
        try (InputStream in = blobs.open(tenant, v.blobId(), 0, v.size())) {
            result = scanner.scan(in);
        } catch (IOException | RuntimeException e) {
            result = Scanner.Result.UNAVAILABLE; // the bytes could not be read: no verdict, try again later
        }
        if (result.verdict() == Scanner.Verdict.UNAVAILABLE) {
            return ScanStatus.SCANNING;
        }
        boolean clean = result.verdict() == Scanner.Verdict.CLEAN;
        String finding = result.finding();
        boolean decided = tenancy.call(tenant, () -> {
            DocumentVersionEntity current = versions.find(versionId).orElse(null);
            if (current == null || !versions.decide(current, clean, finding, clock.instant())) {
                return false;
            }
            if (!clean) {
                DocumentId document = new DocumentId(current.documentId());
                events.fire(new DocumentEvents.Quarantined(tenant, entries.roomOf(document).orElse(null), document,
                        current.version(), current.sha256(), finding, clock.instant()));
            }
            return true;
        });
        if (decided && clean) {
            indexer.wake(tenant); // its text was queued with the verdict, after the upload's own wake-up
            if (v.pageCount() != null && v.pageCount() > 0) {
                renditions.renderAhead(tenant, v.pagesBlobId(), v.pagesBlobSize(), v.pageCount());
            }
        }
        if (decided && !clean) {
            LOG.warning("Virus scan: version " + versionId + " of tenant " + tenant + " quarantined (" + finding + ")");
        }
        return clean ? ScanStatus.READY : ScanStatus.QUARANTINED;
    }

    /** {@link #settle} in the background: the caller answers at once with SCANNING (an outsider's upload, FR-7). */
    public void settleSoon(TenantId tenant, UUID versionId) {
        try {
            executor.execute(() -> {
                try {
                    settle(tenant, versionId);
                } catch (RuntimeException e) {
                    LOG.warning("Virus scan of version " + versionId + " failed; the sweep tries again: " + e);
                }
            });
        } catch (RuntimeException refused) {
            // the server is stopping: the version stays SCANNING, the sweep of the next start settles it
        }
    }
}
