package io.coffer.documents.internal;

import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.sax.WriteOutContentHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.xml.sax.SAXException;

/**
 * The text of a version for search (SR-6), bounded: a PDF's (or an office file's PDF rendition's) text page by page in
 * the render process ({@link PdfPages#text}: a JVM of its own, killed after its time), a text file's through Apache
 * Tika's text parser (it detects the charset) with a character limit; at most {@code coffer.search.text-limit}
 * characters either way. Anything else has no text to read (found by its name).
 */
@ApplicationScoped
public class TextExtraction {

    private static final Logger LOG = Logger.getLogger(TextExtraction.class.getName());

    /** What a version's text is: its pages (page 1 first) or, without pages, one body. */
    public record Extracted(List<String> pages, boolean paged) {
        static final Extracted NOTHING = new Extracted(List.of(), false);
    }

    @Inject
    PdfPages pdfPages;

    @Inject
    BlobStore blobs;

    @Inject
    @ConfigProperty(name = "coffer.search.text-limit", defaultValue = "2000000")
    int limit;

    /** The version's text; empty when it could not be read (a failed try), {@link Extracted#NOTHING} when it has none. */
    public Optional<Extracted> extract(TenantId tenant, TextIndex.Pending v) {
        if ("application/pdf".equals(v.contentType())) {
            return pdfPages.text(tenant, v.blobId(), v.size(), limit).map(pages -> new Extracted(pages, true));
        }
        if (v.renditionBlobId() != null) { // an office file, shown (and searched) by its PDF rendition
            return pdfPages.text(tenant, v.renditionBlobId(), v.renditionSize(), limit)
                    .map(pages -> new Extracted(pages, true));
        }
        if (isText(v.contentType())) {
            return plainText(tenant, v);
        }
        return Optional.of(Extracted.NOTHING);
    }

    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/plain") || type.startsWith("text/csv") || type.startsWith("text/markdown")
                || type.startsWith("text/x-web-markdown") || type.startsWith("text/tab-separated-values");
    }

    private Optional<Extracted> plainText(TenantId tenant, TextIndex.Pending v) {
        StringWriter out = new StringWriter();
        WriteOutContentHandler handler = new WriteOutContentHandler(out, limit);
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, "text/plain");
        try (InputStream in = blobs.open(tenant, v.blobId(), 0, v.size())) {
            new TextAndCSVParser().parse(in, handler, metadata, new ParseContext());
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                LOG.info("Could not read the text of a file: " + e.getMessage());
                return Optional.empty();
            }
            // the limit: what was read so far is kept
        } catch (IOException | TikaException | RuntimeException e) {
            LOG.info("Could not read the text of a file: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new Extracted(List.of(out.toString()), false));
    }
}
