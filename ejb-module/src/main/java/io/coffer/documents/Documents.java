package io.coffer.documents;

import io.coffer.datarooms.DataRooms;
import io.coffer.datarooms.DocumentEntry;
import io.coffer.datarooms.Permission;
import io.coffer.documents.internal.DocumentVersionEntity;
import io.coffer.documents.internal.Renditions;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.DocumentId;
import io.coffer.shared.TenantId;
import io.coffer.storage.StoredBlob;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Documents and their versions; every call checks the caller's permission through the datarooms module. */
@Stateless
@PermitAll
public class Documents {

    @EJB
    DataRooms rooms;

    @EJB
    CallerCheck callers;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    io.coffer.tenancy.TokenDirectory tokens;

    public static final java.time.Duration TICKET_LIFETIME = java.time.Duration.ofSeconds(60);
    public static final String TICKET_KIND = "DOWNLOAD_TICKET";

    @Inject
    Event<Object> events;

    @Inject
    io.coffer.documents.internal.Quota quota;

    @Inject
    Renditions renditions;

    @EJB
    io.coffer.tenancy.TenantScope tenancy;

    /**
     * Before any byte is read: may the caller upload here, and can {@code declaredBytes} (-1: unknown) fit the
     * tenant's quota? Answers the tenant the bytes belong to.
     */
    public TenantId prepareUpload(UUID roomId, UUID folderId, long declaredBytes) {
        rooms.require(roomId, Permission.UPLOAD);
        if (folderId != null) {
            rooms.requireFolder(folderId, Permission.UPLOAD);
        }
        TenantId tenant = callers.current().tenant();
        quota.precheck(tenant, declaredBytes);
        return tenant;
    }

    /** Records a new document whose bytes are already stored (version 1). */
    public DocumentView register(UUID roomId, UUID folderId, String name, StoredBlob blob, String detectedType,
                                 Uploads.Preview preview) {
        UUID id = rooms.addDocument(roomId, folderId, name);
        CurrentCaller caller = callers.current();
        quota.charge(caller.tenant(), blob.size()); // locks the tenant's usage row until commit
        em.persist(version(id, 1, blob, detectedType, preview, caller));
        em.flush();
        events.fire(new DocumentUploaded(caller.tenant(), roomId, id, 1, blob.size(), caller.user(),
                clock.instant()));
        return get(id);
    }

    public DocumentView get(UUID id) {
        DocumentEntry entry = rooms.documentEntry(id, Permission.VIEW);
        List<DocumentVersionEntity> versions = versions(id);
        DocumentVersionEntity newest = versions.get(0);
        return new DocumentView(id, entry.roomId(), entry.folderId(), entry.name(), newest.size(), newest.sha256(),
                newest.contentType(), newest.pageCount(), newest.version(), versions.stream()
                .map(v -> new DocumentView.Version(v.version(), v.size(), v.sha256(), v.contentType(), v.createdAt()))
                .toList());
    }

    /** The newest version's bytes as served; the caller must hold DOWNLOAD. */
    public Content content(DocumentId document) {
        DocumentEntry entry = rooms.documentEntry(document.value(), Permission.DOWNLOAD);
        DocumentVersionEntity newest = versions(document.value()).get(0);
        return renditions.stored(callers.current().tenant(), newest, entry.name());
    }

    /**
     * Records that the caller downloaded the newest version ({@code document.downloaded}); the web layer calls it
     * when its answer to {@link #content} was a download by its one rule (a GET answered from the first byte).
     */
    public void recordDownload(DocumentId document) {
        rooms.documentEntry(document.value(), Permission.DOWNLOAD);
        DocumentVersionEntity newest = versions(document.value()).get(0);
        CurrentCaller caller = callers.current();
        events.fire(new DocumentEvents.Downloaded(caller.tenant(), document.value(), newest.version(),
                newest.sha256(), caller.user(), "API", clock.instant()));
    }

    /** Before any byte of a new version is read: may the caller upload to this document, can it fit the quota? */
    public TenantId prepareVersion(UUID documentId, long declaredBytes) {
        rooms.documentEntry(documentId, Permission.UPLOAD);
        TenantId tenant = callers.current().tenant();
        quota.precheck(tenant, declaredBytes);
        return tenant;
    }

    /** Records the next version of a document whose bytes are stored; the newest version is what links serve. */
    public DocumentView registerVersion(UUID documentId, StoredBlob blob, String detectedType,
                                        Uploads.Preview preview) {
        rooms.documentEntry(documentId, Permission.UPLOAD);
        CurrentCaller caller = callers.current();
        quota.charge(caller.tenant(), blob.size());
        int next = versions(documentId).get(0).version() + 1;
        em.persist(version(documentId, next, blob, detectedType, preview, caller));
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new io.coffer.shared.error.ConflictException("Another version was added at the same time; retry.");
        }
        events.fire(new DocumentEvents.VersionAdded(caller.tenant(), documentId, next, blob.size(), caller.user(),
                clock.instant()));
        return get(documentId);
    }

    private DocumentVersionEntity version(UUID document, int number, StoredBlob blob, String type,
                                          Uploads.Preview preview, CurrentCaller caller) {
        DocumentVersionEntity version = new DocumentVersionEntity(document, number, blob.id(), blob.sha256(),
                blob.size(), type, preview.pageCount(), caller.user().value(), clock.instant());
        return preview.rendition() == null ? version
                : version.withRendition(preview.rendition().id(), preview.rendition().size());
    }

    /** Renames and/or moves a document (MANAGE). */
    public DocumentView update(UUID documentId, String name, boolean move, UUID folderId) {
        rooms.updateDocument(documentId, name, move, folderId);
        return get(documentId);
    }

    /** Moves a document to the trash (MANAGE): it is no longer listed, viewed or downloaded. */
    public void trash(UUID documentId) {
        rooms.trashDocument(documentId);
        CurrentCaller caller = callers.current();
        events.fire(new DocumentEvents.Deleted(caller.tenant(), documentId, caller.user(), clock.instant()));
    }

    /**
     * The PNG of page {@code page} (1-based) of the newest version (VIEW), from the page cache or rendered now; not
     * found past the end, for a document without pages or when it cannot be rendered.
     */
    public PageImage page(DocumentId document, int page) {
        rooms.documentEntry(document.value(), Permission.VIEW);
        DocumentVersionEntity newest = versions(document.value()).get(0);
        return renditions.page(callers.current().tenant(), document, newest, page, java.util.Optional.empty(), null)
                .orElseThrow(() -> new io.coffer.shared.error.NotFoundException("no such page"));
    }

    /** Restores a document from the trash (MANAGE). */
    public DocumentView restore(UUID documentId) {
        rooms.restoreDocument(documentId);
        return get(documentId);
    }

    /** Authorization before a body is read. */
    public void require(UUID documentId, Permission needed) {
        rooms.documentEntry(documentId, needed);
    }

    /** A single-use ticket to download the newest version within {@link #TICKET_LIFETIME} without a bearer token. */
    public String issueTicket(UUID documentId) {
        rooms.documentEntry(documentId, Permission.DOWNLOAD);
        CurrentCaller caller = callers.current();
        String ticket = io.coffer.shared.Secrets.newToken();
        String hash = io.coffer.shared.Secrets.hash(ticket);
        java.time.Instant now = clock.instant();
        em.persist(new io.coffer.documents.internal.DownloadTicketEntity(documentId, hash, caller.user().value(),
                caller.role(), now, now.plus(TICKET_LIFETIME)));
        tokens.register(hash, caller.tenant(), TICKET_KIND, now.plus(TICKET_LIFETIME));
        em.flush();
        return ticket;
    }

    /**
     * Uses a ticket up (inside its tenant's transaction) and answers what to download, checked against the rights its
     * creator holds now; every failure is {@link io.coffer.shared.error.NotFoundException}.
     */
    public Content redeemTicket(String ticket, TenantId tenant) {
        String hash = io.coffer.shared.Secrets.hash(ticket);
        io.coffer.documents.internal.DownloadTicketEntity found = em.createQuery(
                        "select t from DownloadTicketEntity t where t.tokenHash = :hash",
                        io.coffer.documents.internal.DownloadTicketEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst()
                .filter(t -> t.usableAt(clock.instant()))
                .orElseThrow(() -> new io.coffer.shared.error.NotFoundException("no such ticket"));
        int won = em.createQuery("update DownloadTicketEntity t set t.usedAt = :now where t.id = :id"
                        + " and t.usedAt is null")
                .setParameter("now", clock.instant()).setParameter("id", found.id()).executeUpdate();
        if (won != 1) {
            throw new io.coffer.shared.error.NotFoundException("no such ticket");
        }
        DocumentEntry entry = rooms.documentOnBehalfOf(found.holder(), found.documentId(), Permission.DOWNLOAD)
                .orElseThrow(() -> new io.coffer.shared.error.NotFoundException("no such ticket"));
        DocumentVersionEntity newest = versions(found.documentId()).get(0);
        events.fire(new DocumentEvents.Downloaded(tenant, found.documentId(), newest.version(), newest.sha256(),
                new io.coffer.shared.UserId(found.createdBy()), "TICKET", clock.instant()));
        return renditions.stored(tenant, newest, entry.name());
    }

    /** Whether any version of the tenant still uses a blob (blobs are shared by identical bytes). */
    public boolean blobInUse(String blobId) {
        return em.createQuery("select count(v) from DocumentVersionEntity v where v.blobId = :blob"
                        + " or v.renditionBlobId = :blob", Long.class).setParameter("blob", blobId).getSingleResult() > 0;
    }

    /**
     * Purges up to {@code limit} documents whose 30 days in the trash are over (background job, in its tenant's
     * transaction): tickets and versions go, {@code document.purged} lets upper modules drop what refers to them
     * (synchronously, in this transaction), the items go, the quota gets the bytes back. The bytes themselves are
     * collected afterwards by {@link #unusedBlobs} (other versions may share them). Answers how many were purged.
     */
    public int purgeExpiredTrash(int limit) {
        TenantId tenant = tenancy.require();
        List<UUID> due = rooms.lockExpiredTrash(limit);
        if (due.isEmpty()) {
            rooms.deletePurged(List.of()); // folders whose time is over, with nothing left below
            return 0;
        }
        java.time.Instant now = clock.instant();
        long freed = 0;
        for (UUID document : due) {
            long bytes = versions(document).stream().mapToLong(DocumentVersionEntity::size).sum();
            freed += bytes;
            events.fire(new DocumentEvents.Purged(tenant, document, bytes, now));
        }
        em.createQuery("delete from DownloadTicketEntity t where t.documentId in :ids").setParameter("ids", due)
                .executeUpdate();
        em.createQuery("delete from DocumentVersionEntity v where v.documentId in :ids").setParameter("ids", due)
                .executeUpdate();
        rooms.deletePurged(due);
        quota.release(tenant, freed);
        return due.size();
    }

    /** Of {@code blobIds}, those no version of the job's tenant uses any more. */
    public java.util.Set<String> unusedBlobs(java.util.Collection<String> blobIds) {
        if (blobIds.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> unused = new java.util.HashSet<>(blobIds);
        unused.removeAll(em.createQuery("select distinct v.blobId from DocumentVersionEntity v"
                + " where v.blobId in :ids", String.class).setParameter("ids", blobIds).getResultList());
        unused.removeAll(em.createQuery("select distinct v.renditionBlobId from DocumentVersionEntity v"
                + " where v.renditionBlobId in :ids", String.class).setParameter("ids", blobIds).getResultList());
        return unused;
    }

    private List<DocumentVersionEntity> versions(UUID id) {
        return em.createQuery("select v from DocumentVersionEntity v where v.documentId = :doc"
                + " order by v.version desc", DocumentVersionEntity.class).setParameter("doc", id).getResultList();
    }
}
