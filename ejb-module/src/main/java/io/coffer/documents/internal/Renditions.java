package io.coffer.documents.internal;

import io.coffer.documents.Audience;
import io.coffer.documents.Content;
import io.coffer.documents.DocumentEvents;
import io.coffer.documents.PageImage;
import io.coffer.documents.Watermark;
import io.coffer.documents.Zip;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.DocumentId;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What documents serve and where it is kept on disk, decided here and nowhere else (DOC-34):
 * <ul>
 * <li>{@code COFFER_HOME/previews/<tenant>/<pages blob>/<page>-1200.png}: the shared page cache ({@link PdfPages}
 * renders into it);</li>
 * <li>{@code COFFER_HOME/visitor-pages/<tenant>/<audience>/<document>-<pages blob>-<page>-<text hash>.png}: page images
 * with a watermark drawn into the pixels, per audience;</li>
 * <li>{@code COFFER_HOME/visitor-downloads/<tenant>/<audience>/<document>-<blob>-<text hash>.pdf}: PDFs stamped with a
 * watermark on every page, per audience, and the zips' stamping work files.</li>
 * </ul>
 * A content is the stored blob or a stamped file; callers see {@link Content} and {@link PageImage} only. The
 * renditions go with what they came from (SL-22): an ended audience drops its directories ({@link #forget}), a purged
 * document its files in every audience, in the transaction that fires the event; {@link #sweep} (run by
 * {@link RenditionSweep}) drops audiences whose files are older than {@link Audience#RENDITIONS_KEPT}, then the
 * oldest audiences until the caches fit their bound (SL-23). A blob that is collected drops its page cache.
 */
@ApplicationScoped
public class Renditions {

    static final String PREVIEWS = "previews";
    static final String PAGES = "visitor-pages";
    static final String DOWNLOADS = "visitor-downloads";
    static final List<String> AUDIENCE_KINDS = List.of(PAGES, DOWNLOADS);
    /** A cached page's file name after its number: the width it was rendered at. */
    static final String PAGE_SUFFIX = "-" + PdfPages.WIDTH + ".png";
    /** How long a request for a page waits for the render-ahead job that is drawing its document. */
    static final long AHEAD_WAIT_MILLIS = 2_000;
    private static final Logger LOG = Logger.getLogger(Renditions.class.getName());

    @Inject
    CofferSettings settings;

    @Inject
    BlobStore blobs;

    @Inject
    PdfPages pdf;

    // ---- what is served ------------------------------------------------------------------------------------------

    /** The newest version's bytes as stored, saved as {@code fileName}. */
    public Content stored(TenantId tenant, DocumentVersionEntity v, String fileName) {
        return new Served.Blob(blobs, tenant, v.blobId(), v.size(), quote(v.sha256()),
                ContentTypes.served(v.contentType()), fileName);
    }

    /** The version as a PDF with {@code watermark} stamped on every page, made once per audience and text. */
    public Content stamped(TenantId tenant, DocumentId document, DocumentVersionEntity v, String fileName,
                           Watermark watermark, Audience audience) {
        Path stamped = audienceDir(DOWNLOADS, tenant, audience).resolve(prefix(document) + v.blobId() + "-"
                + key(watermark) + ".pdf");
        try {
            if (!Files.exists(stamped)) {
                try (InputStream in = blobs.open(tenant, v.blobId(), 0, v.size())) {
                    Watermarking.stampPdf(in, stamped, watermark.text());
                }
            }
            return new Served.File(stamped, Files.size(stamped),
                    quote(v.sha256().substring(0, 32) + "-" + key(watermark)), "application/pdf", fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PNG of page {@code page} (1-based) of the version, from the shared cache or rendered now; with a watermark,
     * drawn into a copy kept for the audience. Empty past the end, without pages, or when it cannot be rendered.
     */
    public Optional<PageImage> page(TenantId tenant, DocumentId document, DocumentVersionEntity v, int page,
                                    Optional<Watermark> watermark, Audience audience) {
        if (v.pageCount() == null || page < 1 || page > v.pageCount()) {
            return Optional.empty();
        }
        Path cached = pagesDir(tenant, v.pagesBlobId()).resolve(page + PAGE_SUFFIX);
        Optional<Path> plain = Files.exists(cached) ? Optional.of(cached)
                : missing(tenant, v.pagesBlobId(), v.pagesBlobSize(), v.pageCount(), page, cached);
        String tag = v.sha256().substring(0, 32) + "-" + page + "-" + PdfPages.WIDTH;
        try {
            if (plain.isEmpty()) {
                return Optional.empty();
            }
            if (watermark.isEmpty()) {
                return Optional.of(new Served.Png(plain.get(), Files.size(plain.get()), quote(tag)));
            }
            Watermark w = watermark.get();
            Path drawn = audienceDir(PAGES, tenant, audience).resolve(prefix(document) + v.pagesBlobId() + "-" + page
                    + "-" + key(w) + ".png");
            if (!Files.exists(drawn)) {
                Watermarking.drawFile(plain.get(), drawn, w.text());
            }
            return Optional.of(new Served.Png(drawn, Files.size(drawn), quote(tag + "-" + key(w))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders every page of a version's pages blob into the shared page cache in the background (DOC-50): called when
     * an upload or a new version committed, so that a visitor's first page is a file read, not a render.
     */
    public void renderAhead(TenantId tenant, String pagesBlobId, long size, int pageCount) {
        pdf.renderAhead(tenant, pagesBlobId, size, pageCount, 1, pagesDir(tenant, pagesBlobId), PAGE_SUFFIX);
    }

    /**
     * A page not in the cache: while the document's pages are being rendered ahead, wait for it (up to
     * {@link #AHEAD_WAIT_MILLIS}); else render it now and the visitor's next pages ahead (DOC-51).
     */
    private Optional<Path> missing(TenantId tenant, String blob, long size, int pageCount, int page, Path cached) {
        long deadline = System.nanoTime() + AHEAD_WAIT_MILLIS * 1_000_000L;
        while (pdf.renderingAhead(blob) && !Files.exists(cached) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (Files.exists(cached)) {
            return Optional.of(cached);
        }
        Optional<Path> rendered = pdf.render(tenant, blob, size, page, cached);
        if (rendered.isPresent() && page < pageCount) {
            pdf.renderAhead(tenant, blob, size, pageCount, page + 1, pagesDir(tenant, blob), PAGE_SUFFIX);
        }
        return rendered;
    }

    private Path pagesDir(TenantId tenant, String pagesBlobId) {
        return settings.home().resolve(PREVIEWS).resolve(tenant.toString()).resolve(pagesBlobId);
    }

    /** One document of a zip: its path inside the zip and the version it holds. */
    public record ZipPart(String name, DocumentVersionEntity version) {
    }

    /** A zip of {@code parts}, stamped entry by entry with {@code watermark} (work files: the audience's). */
    public Zip zip(TenantId tenant, String fileName, List<ZipPart> parts, Optional<Watermark> watermark,
                   Audience audience) {
        return new ZipFiles(fileName, parts.stream().map(p -> new ZipFiles.Part(p.name(), tenant, p.version().blobId(),
                p.version().size())).toList(), watermark.map(Watermark::text).orElse(null), blobs,
                audienceDir(DOWNLOADS, tenant, audience));
    }

    // ---- what goes -------------------------------------------------------------------------------------------------

    /** Drops the renditions of audiences that ended (all their files, of every kind). */
    public void forget(TenantId tenant, Collection<Audience> audiences) {
        for (Audience audience : audiences) {
            for (String kind : AUDIENCE_KINDS) {
                deleteTree(audienceDir(kind, tenant, audience));
            }
        }
    }

    /** Drops the cached page images of a blob that is gone. */
    public void forgetBlob(TenantId tenant, String blobId) {
        deleteTree(settings.home().resolve(PREVIEWS).resolve(tenant.toString()).resolve(blobId));
    }

    void onPurged(@Observes DocumentEvents.Purged purged) {
        String prefix = prefix(purged.document());
        for (String kind : AUDIENCE_KINDS) {
            for (Path audience : list(settings.home().resolve(kind).resolve(purged.tenant().toString()))) {
                for (Path file : list(audience)) {
                    if (file.getFileName().toString().startsWith(prefix)) {
                        delete(file);
                    }
                }
            }
        }
    }

    /** Sweeps {@link #sweep(Path, Instant, Duration, long)} under this server's home. */
    Swept sweep(Instant now, Duration maxAge, long maxBytes) {
        return sweep(settings.home(), now, maxAge, maxBytes);
    }

    /** What one sweep did. */
    record Swept(int sessions, long bytesLeft) {
    }

    /**
     * Drops every audience directory (of every kind and tenant under {@code home}) whose newest file is older than
     * {@code maxAge}, then the least recently written ones until all of them together hold at most {@code maxBytes}.
     */
    static Swept sweep(Path home, Instant now, Duration maxAge, long maxBytes) {
        record Dir(Path path, Instant newest, long bytes) {
        }
        List<Dir> dirs = new ArrayList<>();
        for (String kind : AUDIENCE_KINDS) {
            for (Path tenant : list(home.resolve(kind))) {
                for (Path audience : list(tenant)) {
                    Instant newest = Instant.EPOCH;
                    long bytes = 0;
                    for (Path file : list(audience)) {
                        try {
                            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                            bytes += a.size();
                            Instant written = a.lastModifiedTime().toInstant();
                            newest = written.isAfter(newest) ? written : newest;
                        } catch (IOException e) {
                            // gone meanwhile
                        }
                    }
                    dirs.add(new Dir(audience, newest, bytes));
                }
            }
        }
        int dropped = 0;
        long total = 0;
        List<Dir> kept = new ArrayList<>();
        for (Dir d : dirs) {
            if (d.newest().isBefore(now.minus(maxAge))) {
                deleteTree(d.path());
                dropped++;
            } else {
                kept.add(d);
                total += d.bytes();
            }
        }
        kept.sort(Comparator.comparing(Dir::newest));
        for (Dir d : kept) {
            if (total <= maxBytes) {
                break;
            }
            deleteTree(d.path());
            total -= d.bytes();
            dropped++;
        }
        for (String kind : AUDIENCE_KINDS) {
            for (Path tenant : list(home.resolve(kind))) {
                if (list(tenant).isEmpty()) {
                    delete(tenant);
                }
            }
        }
        return new Swept(dropped, total);
    }

    // ---- layout helpers --------------------------------------------------------------------------------------------

    /** Where a tenant's partial resumable uploads lie on this instance ({@link PartialFiles}, DOC-61). */
    Path partialUploadsDir(TenantId tenant) {
        return settings.home().resolve("uploads").resolve(tenant.toString());
    }

    private Path audienceDir(String kind, TenantId tenant, Audience audience) {
        return settings.home().resolve(kind).resolve(tenant.toString()).resolve(audience.toString());
    }

    /** The name prefix of a document's renditions in an audience's directory. */
    private static String prefix(DocumentId document) {
        return document + "-";
    }

    /** The exact text of a watermark, as a short key of file names and entity tags. */
    private static String key(Watermark watermark) {
        return Secrets.hash(watermark.text()).substring(0, 16);
    }

    private static String quote(String tag) {
        return "\"" + tag + "\"";
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
        } catch (NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            LOG.warning("Could not remove cached renditions: " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("Could not remove a cached rendition: " + e.getMessage());
        }
    }
}
