package io.coffer.documents;

import io.coffer.documents.internal.PdfPages;
import io.coffer.shared.error.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.UUID;

/** Page images of documents (PDF now; office files once converted), checked, rendered with caps and cached. */
@ApplicationScoped
public class Pages {

    @EJB
    Documents documents;

    @Inject
    PdfPages pdf;

    /** The PNG of page {@code page} (1-based) of the newest version; not found past the end or when it cannot render. */
    public Path page(UUID documentId, int page) {
        Documents.PageSource source = documents.pageSource(documentId, page);
        return pdf.page(source.tenant(), source.blobId(), source.size(), page)
                .orElseThrow(() -> new NotFoundException("no such page"));
    }
}
