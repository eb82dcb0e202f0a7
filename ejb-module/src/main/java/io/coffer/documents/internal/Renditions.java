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
import io.coffer.storage.RenditionStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;
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
 * {@link RenditionSweep}) drops audiences whose files are older than {@link Audience#RENDITIONS_KEPT} (SL-23), then
 * the least recently used page images and audiences until everything on this disk fits
 * {@code COFFER_RENDITION_CACHE_MB} (DOC-42; a read renews a file's time). Page images of a pages blob that no
 * document's newest version renders from any more (a replaced version, a purged document) go in the purge round
 * ({@link #collect}, DOC-43), and so does a collected blob's page cache.
 *
 * <p>In s3 mode the page images are kept in the bucket too ({@link RenditionStore}, DOC-44): a page is read from
 * this disk, else fetched from S3, else drawn, and what is drawn here is put to S3 once complete (by the render-ahead
 * thread, or by a thread of its own after an on-demand draw, so a request never waits for S3's PUT). Watermarked
 * pages, stamped PDFs and zips' work files stay on this disk only: they are per visitor session and made again from
 * the page or the blob.
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
    /** A read renews a rendition's time (its place in the LRU order) at most this often. */
    static final long TOUCH_MILLIS = 60_000;
    /** A temporary file this old is a leftover of a crash, not a write in progress. */
    static final Duration STALE_TEMPORARY = Duration.ofHours(1);
    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{64}");
    private static final Logger LOG = Logger.getLogger(Renditions.class.getName());

    @Inject
    CofferSettings settings;

    @Inject
    BlobStore blobs;

    @Inject
    PdfPages pdf;

    @Inject
    RenditionStore durable;

    /** Puts pages drawn on demand to the durable store, so that the request that drew them does not wait for it. */
    private ExecutorService keeper;

    @PostConstruct
    void start() {
        keeper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "coffer-renditions-keep");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        keeper.shutdown();
    }

    // ---- what is served ------------------------------------------------------------------------------------------

    /**
     * The one gate of every byte served (FR-8, FR-9): the bytes, a stamped copy, a page image and a zip's entries are
     * made only of a READY version. SCANNING (no verdict yet, or no scanner answering) and QUARANTINED are a conflict
     * whoever asks — owner, member, visitor or ticket.
     */
    public static void requireServable(DocumentVersionEntity v) {
        switch (v.scanStatus()) {
            case READY -> {
            }
            case SCANNING -> throw new io.coffer.shared.error.ConflictException(
                    "This file is being checked for viruses; it can be opened once the check is done.");
            case QUARANTINED -> throw new io.coffer.shared.error.ConflictException(
                    "This file is quarantined: the virus scanner found " + v.scanFinding() + " in it. It is never served.");
        }
    }

    /** The newest version's bytes as stored, saved as {@code fileName}. */
    public Content stored(TenantId tenant, DocumentVersionEntity v, String fileName) {
        requireServable(v);
        return new Served.Blob(blobs, tenant, v.blobId(), v.size(), quote(v.sha256()),
                ContentTypes.served(v.contentType()), fileName);
    }

    /** The version as a PDF with {@code watermark} stamped on every page, made once per audience and text. */
    public Content stamped(TenantId tenant, DocumentId document, DocumentVersionEntity v, String fileName,
                           Watermark watermark, Audience audience) {
        requireServable(v);
        Path stamped = audienceDir(DOWNLOADS, tenant, audience).resolve(prefix(document) + v.blobId() + "-"
                + key(watermark) + ".pdf");
        try {
            if (!used(stamped)) {
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
        requireServable(v);
        if (v.pageCount() == null || page < 1 || page > v.pageCount()) {
            return Optional.empty();
        }
        Path cached = pagesDir(tenant, v.pagesBlobId()).resolve(page + PAGE_SUFFIX);
        Optional<Path> plain = used(cached) || fetched(tenant, v.pagesBlobId(), page, cached) ? Optional.of(cached)
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
            if (!used(drawn)) {
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
        ahead(tenant, pagesBlobId, size, pageCount, 1);
    }

    /** Renders pages ahead from {@code first}; in s3 mode the pages the job drew are then put to the bucket. */
    private void ahead(TenantId tenant, String blob, long size, int pageCount, int first) {
        Path dir = pagesDir(tenant, blob);
        long since = System.currentTimeMillis() - 2_000; // file times may be rounded down to the second
        pdf.renderAhead(tenant, blob, size, pageCount, first, dir, PAGE_SUFFIX, () -> {
            if (!durable.durable()) {
                return;
            }
            int last = Math.min(pageCount, first + PdfPages.AHEAD_PAGES - 1);
            for (int n = first; n <= last; n++) {
                Path file = dir.resolve(n + PAGE_SUFFIX);
                try {
                    if (Files.getLastModifiedTime(file).toMillis() >= since) {
                        durable.put(tenant, blob, file.getFileName().toString(), file);
                    }
                } catch (NoSuchFileException e) {
                    // not drawn (refused, or swept meanwhile)
                } catch (IOException | RuntimeException e) {
                    LOG.warning("Could not keep a page image in the rendition store (drawn again when needed): "
                            + e.getMessage());
                    return;
                }
            }
        });
    }

    /** In s3 mode: the page from the bucket into the local cache; false when it is not there (or S3 fails). */
    private boolean fetched(TenantId tenant, String blob, int page, Path cached) {
        if (!durable.durable()) {
            return false;
        }
        try {
            return durable.copyTo(tenant, blob, page + PAGE_SUFFIX, cached);
        } catch (IOException | RuntimeException e) {
            LOG.warning("Could not read a page image from the rendition store (drawing it): " + e.getMessage());
            return false;
        }
    }

    /** In s3 mode: a page drawn on demand goes to the bucket, on the keeper's thread. */
    private void keep(TenantId tenant, String blob, Path file) {
        if (!durable.durable()) {
            return;
        }
        try {
            keeper.execute(() -> {
                try {
                    durable.put(tenant, blob, file.getFileName().toString(), file);
                } catch (NoSuchFileException e) {
                    // swept meanwhile
                } catch (IOException | RuntimeException e) {
                    LOG.warning("Could not keep a page image in the rendition store (drawn again when needed): "
                            + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
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
        rendered.ifPresent(file -> keep(tenant, blob, file));
        if (rendered.isPresent() && page < pageCount) {
            ahead(tenant, blob, size, pageCount, page + 1);
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
        return new ZipFiles(fileName, parts.stream()
                .filter(p -> p.version().scanStatus() == io.coffer.documents.ScanStatus.READY) // FR-9
                .map(p -> new ZipFiles.Part(p.name(), tenant, p.version().blobId(),
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

    /** Drops the page images of a pages blob, on this disk and in the durable store. */
    public void forgetBlob(TenantId tenant, String blobId) {
        deleteTree(settings.home().resolve(PREVIEWS).resolve(tenant.toString()).resolve(blobId));
        try {
            durable.deleteGroup(tenant, blobId);
        } catch (IOException | RuntimeException e) {
            LOG.warning("Could not remove page images from the rendition store (retried next round): "
                    + e.getMessage());
        }
    }

    /**
     * Drops the page images of every pages blob of the tenant, here and in the durable store, that {@code unreachable}
     * (asked with some of them at a time) says no document's newest version renders from any more: a replaced
     * version's, a purged document's (DOC-43). Answers how many pages blobs lost their images.
     */
    public int collect(TenantId tenant, Function<Collection<String>, Set<String>> unreachable) {
        Set<String> groups = new TreeSet<>();
        for (Path dir : list(settings.home().resolve(PREVIEWS).resolve(tenant.toString()))) {
            groups.add(dir.getFileName().toString());
        }
        try (Stream<String> kept = durable.groups(tenant)) {
            kept.forEach(groups::add);
        } catch (IOException | RuntimeException e) {
            LOG.warning("Could not list the rendition store of tenant " + tenant + ": " + e.getMessage());
        }
        groups.removeIf(g -> !BLOB.matcher(g).matches());
        List<String> all = new ArrayList<>(groups);
        int dropped = 0;
        for (int i = 0; i < all.size(); i += 200) {
            for (String blob : unreachable.apply(all.subList(i, Math.min(all.size(), i + 200)))) {
                forgetBlob(tenant, blob);
                dropped++;
            }
        }
        return dropped;
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

    /** What one sweep did: audiences and page images dropped, and the bytes left on this disk. */
    record Swept(int sessions, int pages, long bytesLeft) {
    }

    /**
     * Drops every audience directory (of every kind and tenant under {@code home}) whose newest file is older than
     * {@code maxAge} (SL-23), then the least recently used of everything left — a page image of the shared cache, or
     * an audience's directory as a whole (by its newest file) — until all renditions together hold at most
     * {@code maxBytes} (DOC-42). A file's time is its last write or read ({@link #used}); {@code now} is the time
     * file times are written in (the system clock). Temporary files (a write in progress) are counted and kept, unless
     * older than {@link #STALE_TEMPORARY} (left by a crash).
     */
    static Swept sweep(Path home, Instant now, Duration maxAge, long maxBytes) {
        record Unit(Path path, boolean audience, Instant used, long bytes) {
        }
        List<Unit> units = new ArrayList<>();
        long total = 0;
        int dropped = 0;
        for (String kind : AUDIENCE_KINDS) {
            for (Path tenant : list(home.resolve(kind))) {
                for (Path audience : list(tenant)) {
                    Instant newest = Instant.EPOCH;
                    long bytes = 0;
                    for (Path file : list(audience)) {
                        Optional<BasicFileAttributes> a = attributes(file);
                        if (a.isPresent()) {
                            bytes += a.get().size();
                            Instant written = a.get().lastModifiedTime().toInstant();
                            newest = written.isAfter(newest) ? written : newest;
                        }
                    }
                    if (newest.isBefore(now.minus(maxAge))) {
                        deleteTree(audience);
                        dropped++;
                    } else {
                        units.add(new Unit(audience, true, newest, bytes));
                        total += bytes;
                    }
                }
            }
        }
        int pages = 0;
        for (Path tenant : list(home.resolve(PREVIEWS))) {
            for (Path blob : list(tenant)) {
                for (Path file : list(blob)) {
                    Optional<BasicFileAttributes> a = attributes(file);
                    if (a.isEmpty()) {
                        continue;
                    }
                    Instant used = a.get().lastModifiedTime().toInstant();
                    if (file.getFileName().toString().endsWith(".tmp")) {
                        if (used.isBefore(now.minus(STALE_TEMPORARY))) {
                            delete(file);
                        } else {
                            total += a.get().size(); // being written: counted, never swept
                        }
                        continue;
                    }
                    units.add(new Unit(file, false, used, a.get().size()));
                    total += a.get().size();
                }
            }
        }
        units.sort(Comparator.comparing(Unit::used));
        for (Unit u : units) {
            if (total <= maxBytes) {
                break;
            }
            if (u.audience()) {
                deleteTree(u.path());
                dropped++;
            } else {
                delete(u.path());
                pages++;
            }
            total -= u.bytes();
        }
        for (String kind : AUDIENCE_KINDS) {
            for (Path tenant : list(home.resolve(kind))) {
                deleteIfEmpty(tenant);
            }
        }
        for (Path tenant : list(home.resolve(PREVIEWS))) {
            for (Path blob : list(tenant)) {
                deleteIfEmpty(blob);
            }
            deleteIfEmpty(tenant);
        }
        return new Swept(dropped, pages, total);
    }

    /**
     * Whether a rendition is on this disk; a hit renews its time (at most once a {@link #TOUCH_MILLIS}), which is its
     * place in the sweep's least-recently-used order. One {@code stat}, and now and then a time set, per read.
     */
    static boolean used(Path file) {
        try {
            long now = System.currentTimeMillis();
            if (Files.getLastModifiedTime(file).toMillis() < now - TOUCH_MILLIS) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(now));
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return Files.exists(file);
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty(); // gone meanwhile
        }
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

    /** Removes a directory left empty; one written into meanwhile stays. */
    private static void deleteIfEmpty(Path dir) {
        try {
            if (list(dir).isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // a rendition was written meanwhile
        } catch (IOException e) {
            LOG.fine("Could not remove an empty rendition directory: " + e.getMessage());
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
