package io.coffer.documents;

import io.coffer.datarooms.ExpiredTrash;
import io.coffer.datarooms.Permissions;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.datarooms.DocumentEntry;
import io.coffer.datarooms.Permission;
import io.coffer.documents.internal.Versions;
import io.coffer.documents.internal.DocumentVersionEntity;
import io.coffer.documents.internal.Renditions;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.DocumentId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.storage.StoredBlob;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Documents and their versions; every call checks the caller's permission through the datarooms module. */
@Stateless
@PermitAll
public class Documents {

    @EJB
    RoomDocuments entries;

    @EJB
    Permissions permissions;

    @EJB
    ExpiredTrash expired;

    @EJB
    CallerCheck callers;

    @Inject
    Versions versions;

    @Inject
    Clock clock;

    @Inject
    Tickets tickets;

    @Inject
    Event<DocumentEvent> events;

    @Inject
    io.coffer.documents.internal.Quota quota;

    @Inject
    Renditions renditions;

    @Inject
    io.coffer.documents.internal.Scanning scanning;

    @EJB
    io.coffer.tenancy.TenantScope tenancy;

    /**
     * Before any byte is read: may the caller upload here, and can {@code declaredBytes} (-1: unknown) fit the
     * tenant's quota? Answers the tenant the bytes belong to.
     */
    public TenantId prepareUpload(UUID roomId, UUID folderId, long declaredBytes) {
        permissions.requireSomewhere(new RoomId(roomId), Permission.UPLOAD);
        if (folderId != null) {
            permissions.require(new FolderId(folderId), Permission.UPLOAD);
        }
        TenantId tenant = callers.current().tenant();
        quota.precheck(tenant, declaredBytes);
        return tenant;
    }

    /** Records a new document whose bytes are already stored (version 1). */
    public DocumentView register(UUID roomId, UUID folderId, String name, StoredBlob blob, String detectedType,
                                 Uploads.Preview preview) {
        UUID id = entries.add(new RoomId(roomId), folderId == null ? null : new FolderId(folderId), name).value();
        CurrentCaller caller = callers.current();
        quota.charge(caller.tenant(), blob.size()); // locks the tenant's usage row until commit
        versions.add(version(id, 1, blob, detectedType, preview, caller));
        events.fire(new DocumentEvents.Uploaded(caller.tenant(), new RoomId(roomId), new DocumentId(id), 1,
                blob.size(), caller.user(), clock.instant()));
        return get(id);
    }

    public DocumentView get(UUID id) {
        DocumentEntry entry = entries.entry(new DocumentId(id), Permission.VIEW);
        List<DocumentVersionEntity> all = versions.of(id);
        DocumentVersionEntity newest = all.get(0);
        return new DocumentView(id, entry.roomId().value(), entry.folderId() == null ? null : entry.folderId().value(),
                entry.name(), newest.size(), newest.sha256(),
                newest.contentType(), newest.pageCount(), newest.version(), all.stream()
                .map(v -> new DocumentView.Version(v.version(), v.size(), v.sha256(), v.contentType(), v.createdAt(),
                        v.scanStatus()))
                .toList(), newest.scanStatus());
    }

    /** The newest version's bytes as served; the caller must hold DOWNLOAD. */
    public Content content(DocumentId document) {
        DocumentEntry entry = entries.entry(document, Permission.DOWNLOAD);
        DocumentVersionEntity newest = versions.of(document.value()).get(0);
        return renditions.stored(callers.current().tenant(), newest, entry.name());
    }

    /**
     * Records that the caller downloaded the newest version ({@code document.downloaded}); the web layer calls it
     * when its answer to {@link #content} was a download by its one rule (a GET answered from the first byte).
     */
    public void recordDownload(DocumentId document) {
        DocumentEntry entry = entries.entry(document, Permission.DOWNLOAD);
        DocumentVersionEntity newest = versions.of(document.value()).get(0);
        CurrentCaller caller = callers.current();
        events.fire(new DocumentEvents.Downloaded(caller.tenant(), entry.roomId(), document, newest.version(),
                newest.sha256(), DocumentEvents.Reader.member(caller.user()), DocumentEvents.Via.API, false, null,
                clock.instant()));
    }

    /** Before any byte of a new version is read: may the caller upload to this document, can it fit the quota? */
    public TenantId prepareVersion(UUID documentId, long declaredBytes) {
        entries.entry(new DocumentId(documentId), Permission.UPLOAD);
        TenantId tenant = callers.current().tenant();
        quota.precheck(tenant, declaredBytes);
        return tenant;
    }

    /** Records the next version of a document whose bytes are stored; the newest version is what links serve. */
    public DocumentView registerVersion(UUID documentId, StoredBlob blob, String detectedType,
                                        Uploads.Preview preview) {
        DocumentEntry entry = entries.entry(new DocumentId(documentId), Permission.UPLOAD);
        CurrentCaller caller = callers.current();
        quota.charge(caller.tenant(), blob.size());
        int next = versions.of(documentId).get(0).version() + 1;
        try {
            versions.add(version(documentId, next, blob, detectedType, preview, caller));
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new io.coffer.shared.error.ConflictException("Another version was added at the same time; retry.");
        }
        events.fire(new DocumentEvents.VersionAdded(caller.tenant(), entry.roomId(), new DocumentId(documentId), next,
                blob.size(), caller.user(), clock.instant()));
        return get(documentId);
    }

    private DocumentVersionEntity version(UUID document, int number, StoredBlob blob, String type,
                                          Uploads.Preview preview, CurrentCaller caller) {
        return version(document, number, blob, type, preview, caller.user());
    }

    private DocumentVersionEntity version(UUID document, int number, StoredBlob blob, String type,
                                          Uploads.Preview preview, UserId creator) {
        DocumentVersionEntity version = new DocumentVersionEntity(document, number, blob.id(), blob.sha256(),
                blob.size(), type, preview.pageCount(), creator.value(), clock.instant());
        if (scanning.required()) { // FR-10: with a scanner configured, every version waits for its verdict
            version.awaitingScan();
        }
        return preview.rendition() == null ? version
                : version.withRendition(preview.rendition().id(), preview.rendition().size());
    }

    /** A new document recorded in someone's name without a caller: what its sender may be told. */
    public record Received(DocumentId id, UUID versionId, String name, long size, String sha256, ScanStatus status) {
    }

    /**
     * Records a new document whose bytes are staged, in {@code creator}'s name, in the caller's tenant transaction: an
     * outsider's file through a file request (FR-3). {@code creator} must hold UPLOAD where it goes now (else 410,
     * FR-11); a taken name gets " (2)"; the tenant's quota is charged; {@code document.uploaded} names the creator.
     */
    public Received registerOnBehalf(io.coffer.datarooms.Holder creator, RoomId room, FolderId folder, String name,
                                     Uploads.Staged staged) {
        DocumentEntry entry = entries.addOnBehalfOf(creator, room, folder, name);
        DocumentId id = entry.id();
        TenantId tenant = tenancy.require();
        quota.charge(tenant, staged.blob().size());
        DocumentVersionEntity v = version(id.value(), 1, staged.blob(), staged.type(), staged.preview(),
                creator.user());
        versions.add(v);
        events.fire(new DocumentEvents.Uploaded(tenant, room, id, 1, staged.blob().size(), creator.user(),
                clock.instant()));
        return new Received(id, v.id(), entry.name(), v.size(), v.sha256(), v.scanStatus());
    }

    /** The newest version's id (the one a scan settles after an upload). */
    public UUID newestVersionId(DocumentId document) {
        entries.entry(document, Permission.VIEW);
        return versions.newest(document.value()).orElseThrow().id();
    }

    /** Renames and/or moves a document (MANAGE). */
    public DocumentView update(UUID documentId, String name, boolean move, UUID folderId) {
        entries.update(new DocumentId(documentId), name, move, folderId == null ? null : new FolderId(folderId));
        return get(documentId);
    }

    /** Moves a document to the trash (MANAGE): it is no longer listed, viewed or downloaded. */
    public void trash(UUID documentId) {
        DocumentEntry entry = entries.trash(new DocumentId(documentId));
        CurrentCaller caller = callers.current();
        events.fire(new DocumentEvents.Deleted(caller.tenant(), entry.roomId(), new DocumentId(documentId),
                caller.user(), clock.instant()));
    }

    /**
     * The PNG of page {@code page} (1-based) of the newest version (VIEW), from the page cache or rendered now; not
     * found past the end, for a document without pages or when it cannot be rendered.
     */
    public PageImage page(DocumentId document, int page) {
        entries.entry(document, Permission.VIEW);
        DocumentVersionEntity newest = versions.of(document.value()).get(0);
        return renditions.page(callers.current().tenant(), document, newest, page, java.util.Optional.empty(), null)
                .orElseThrow(() -> new io.coffer.shared.error.NotFoundException("no such page"));
    }

    /** Restores a document from the trash (MANAGE). */
    public DocumentView restore(UUID documentId) {
        entries.restore(new DocumentId(documentId));
        return get(documentId);
    }

    /** Authorization before a body is read. */
    public void require(UUID documentId, Permission needed) {
        entries.entry(new DocumentId(documentId), needed);
    }

    /** A single-use ticket to download the newest version within {@link Tickets#LIFETIME} without a bearer token. */
    public String issueTicket(DocumentId documentId) {
        entries.entry(documentId, Permission.DOWNLOAD);
        CurrentCaller caller = callers.current();
        return tickets.issueForMember(documentId, caller.user(), caller.role());
    }
}
