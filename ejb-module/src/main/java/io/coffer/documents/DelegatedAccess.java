package io.coffer.documents;

import io.coffer.datarooms.Delegation;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.shared.DocumentId;
import io.coffer.datarooms.DocumentEntry;
import io.coffer.datarooms.Permission;
import io.coffer.documents.internal.Versions;
import io.coffer.documents.internal.DocumentVersionEntity;
import io.coffer.documents.internal.Renditions;
import io.coffer.shared.DocumentId;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Documents read on someone's behalf (a share link acts with its creator's and reach holder's rights at the moment of
 * use, never more): every call reads the {@link Delegation} that {@code Permissions.onBehalfOf} computed once for
 * the request (through {@link RoomDocuments#onBehalfOf(Delegation, io.coffer.shared.DocumentId, Permission)}, no
 * permission query of its own) and answers empty when the holders do not hold the permission now, when the document
 * is trashed or its room archived. Runs in the caller's tenant transaction. What it hands out is a {@link Content}, a
 * {@link PageImage} or a {@link Zip}, watermarked when asked, made for an {@link Audience} (whose renditions are kept
 * apart and dropped with {@link #forget}).
 */
@Stateless
@PermitAll
public class DelegatedAccess {

    @EJB
    RoomDocuments entries;

    @EJB
    TenantScope tenancy;

    @Inject
    Renditions renditions;

    @Inject
    Versions versions;

    @Inject
    jakarta.enterprise.event.Event<DocumentEvent> events;

    @Inject
    java.time.Clock clock;

    /** The newest version of a document, when the delegation holds {@code needed} on it now. */
    public Optional<Delegated> document(Delegation delegation, DocumentId document, Permission needed) {
        return entries.onBehalfOf(delegation, document, needed).flatMap(entry -> newest(document)
                .map(v -> new Delegated(entry, v.contentType(), v.pageCount())));
    }

    /**
     * What a download of the newest version serves, when the delegation holds DOWNLOAD now: the stored bytes, or with
     * a watermark a PDF stamped on every page (made once for the audience and text).
     */
    public Optional<Content> content(Delegation delegation, DocumentId document, Optional<Watermark> watermark,
                                     Audience audience) {
        return entries.onBehalfOf(delegation, document, Permission.DOWNLOAD).flatMap(entry -> newest(document)
                .map(v -> watermark.isEmpty() ? renditions.stored(tenancy.require(), v, entry.name())
                        : renditions.stamped(tenancy.require(), document, v, entry.name(), watermark.get(),
                        audience)));
    }

    /**
     * The PNG of page {@code page} (1-based), watermarked into the pixels when asked, when the delegation holds VIEW
     * now; empty past the end, for a document without pages or one that cannot be rendered. An office file's pages
     * come from the PDF LibreOffice made of it (DOC-19).
     */
    public Optional<PageImage> page(Delegation delegation, DocumentId document, int page, Optional<Watermark> watermark,
                                    Audience audience) {
        if (entries.onBehalfOf(delegation, document, Permission.VIEW).isEmpty()) {
            return Optional.empty();
        }
        return newest(document).flatMap(v -> renditions.page(tenancy.require(), document, v, page, watermark,
                audience));
    }

    /**
     * A zip named {@code fileName} of the newest versions of {@code wanted} that the delegation may download now (the
     * others are left out), stamped entry by entry while it is written when a watermark is given.
     */
    public Zip zip(Delegation delegation, String fileName, List<Zip.Entry> wanted, Optional<Watermark> watermark,
                   Audience audience) {
        List<Renditions.ZipPart> parts = new ArrayList<>();
        for (Zip.Entry e : wanted) {
            if (entries.onBehalfOf(delegation, e.document(), Permission.DOWNLOAD).isPresent()) {
                newest(e.document()).ifPresent(v -> parts.add(new Renditions.ZipPart(e.name(), v)));
            }
        }
        return renditions.zip(tenancy.require(), fileName, parts, watermark, audience);
    }

    /** Drops every rendition made for these audiences (their sessions ended), in the caller's tenant. */
    public void forget(Collection<Audience> audiences) {
        renditions.forget(tenancy.require(), audiences);
    }

    /**
     * Records that a share link's visitor downloaded the newest version ({@code document.downloaded}, the members'
     * record, FD-33), when the delegation — on whose behalf the link serves — still holds DOWNLOAD on it.
     */
    public void recordDownload(Delegation delegation, DocumentId document, DocumentEvents.Reader reader, DocumentEvents.Via via,
                               boolean watermarked, String clientAddress) {
        Optional<DocumentEntry> entry = entries.onBehalfOf(delegation, document, Permission.DOWNLOAD);
        Optional<DocumentVersionEntity> newest = newest(document);
        if (entry.isPresent() && newest.isPresent()) {
            events.fire(new DocumentEvents.Downloaded(tenancy.require(), entry.get().roomId(), document,
                    newest.get().version(), newest.get().sha256(), reader, via, watermarked, clientAddress,
                    clock.instant()));
        }
    }

    private Optional<DocumentVersionEntity> newest(DocumentId document) {
        return versions.newest(document.value());
    }

    /**
     * A document as a delegated reader sees it: its tree entry, the detected type (a PDF is {@code application/pdf})
     * and the page count (null when it has no page images).
     */
    public record Delegated(DocumentEntry entry, String detectedType, Integer pageCount) {
        public boolean isPdf() {
            return "application/pdf".equals(detectedType);
        }
    }
}
