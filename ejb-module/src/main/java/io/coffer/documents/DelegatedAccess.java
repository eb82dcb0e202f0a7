package io.coffer.documents;

import io.coffer.datarooms.Holder;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.shared.DocumentId;
import io.coffer.datarooms.DocumentEntry;
import io.coffer.datarooms.Permission;
import io.coffer.documents.internal.ContentTypes;
import io.coffer.documents.internal.DocumentVersionEntity;
import io.coffer.documents.internal.PdfPages;
import io.coffer.shared.UserId;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents read on someone's behalf (a share link acts with its creator's rights at the moment of use, never more):
 * every call asks {@link RoomDocuments#onBehalfOf} (hence {@code Permissions.onBehalfOf}) first and answers empty
 * when that user does not hold the permission now, when the document is trashed or its room archived. Runs in the
 * caller's tenant transaction (a token-less flow binds it with {@code TenantScope.call}).
 */
@Stateless
@PermitAll
public class DelegatedAccess {

    @EJB
    RoomDocuments entries;

    @EJB
    TenantScope tenancy;

    @Inject
    PdfPages pdf;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** The newest version of a document, when {@code user} holds {@code needed} on it now. */
    public Optional<Delegated> document(UserId user, UUID documentId, Permission needed) {
        return entries.onBehalfOf(Holder.of(user), new DocumentId(documentId), needed).flatMap(entry -> newest(documentId)
                .map(v -> new Delegated(entry, new DocumentContent(tenancy.require(), v.blobId(), v.size(),
                        v.sha256(), ContentTypes.served(v.contentType()), entry.name()), v.contentType(),
                        v.pageCount())));
    }

    /**
     * The unwatermarked PNG of page {@code page} (1-based) from the shared page cache, when {@code user} holds VIEW
     * now; empty past the end, for a document without pages or one that cannot be rendered. An office file's pages
     * come from the PDF LibreOffice made of it (DOC-19).
     */
    public Optional<Path> page(UserId user, UUID documentId, int page) {
        if (entries.onBehalfOf(Holder.of(user), new DocumentId(documentId), Permission.VIEW).isEmpty()) {
            return Optional.empty();
        }
        return newest(documentId).filter(v -> v.pageCount() != null && page >= 1 && page <= v.pageCount())
                .flatMap(v -> pdf.page(tenancy.require(), v.pagesBlobId(), v.pagesBlobSize(), page));
    }

    private Optional<DocumentVersionEntity> newest(UUID documentId) {
        return em.createQuery("select v from DocumentVersionEntity v where v.documentId = :doc"
                        + " order by v.version desc", DocumentVersionEntity.class).setParameter("doc", documentId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * A document as a delegated reader sees it: its tree entry, what a download needs, the detected type (a PDF is
     * {@code application/pdf}) and the page count (null when it has no page images).
     */
    public record Delegated(DocumentEntry entry, DocumentContent content, String detectedType, Integer pageCount) {
        public boolean isPdf() {
            return "application/pdf".equals(detectedType);
        }
    }
}
