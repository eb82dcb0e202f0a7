package io.coffer.documents.internal;

import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.pdfbox.Loader;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDF page counts and page images with Apache PDFBox, capped so that a hostile PDF fails that one document, never the
 * server. Each job runs in a render process of its own ({@link RenderMain}: a JVM with a {@link #CHILD_HEAP} heap,
 * killed when its {@link #TIME_LIMIT_SECONDS} are up), at most two at a time; parsing uses temporary files, not the
 * heap; a page whose image would exceed {@link #MAX_PIXELS} is refused before any pixel is allocated. Where the
 * libraries are not plain files on disk (an unexpanded archive), the jobs run in this JVM on the same small pool,
 * with the same limits but a timed-out job abandoned rather than killed; {@link #mode()} says which, and /health
 * reports it. Page images are rendered at {@link #WIDTH} pixels into the cache file {@link Renditions} names.
 */
@ApplicationScoped
public class PdfPages {

    public static final int WIDTH = 1200;
    static final long MAX_PIXELS = 40_000_000L;
    static final long TIME_LIMIT_SECONDS = 30;
    static final String CHILD_HEAP = "-Xmx256m";
    /**
     * A render-ahead job draws at most this many pages (a visitor who reads on past them starts the next job), within
     * {@link #TIME_LIMIT_SECONDS} plus {@link #AHEAD_SECONDS_PER_PAGE} per page: a hostile PDF holds the one
     * render-ahead thread for minutes at most, never the pages asked for now (their own pool).
     */
    static final int AHEAD_PAGES = 60;
    static final long AHEAD_SECONDS_PER_PAGE = 3;
    private static final Logger LOG = Logger.getLogger(PdfPages.class.getName());

    @Inject
    BlobStore blobs;

    private ExecutorService pool;
    /** Renders whole documents ahead of their visitors, one at a time, below the on-demand pool's priority. */
    private ExecutorService ahead;
    /** The pages blobs whose pages are being rendered ahead (value: whether the job has started). */
    private final Map<String, AtomicBoolean> aheadJobs = new ConcurrentHashMap<>();
    private Optional<String> childClasspath = Optional.empty();

    @PostConstruct
    void start() {
        childClasspath = RenderProcess.classpathOf(RenderMain.class, Loader.class, RandomAccessReadBufferedFile.class,
                org.apache.fontbox.ttf.TrueTypeFont.class, org.apache.commons.logging.LogFactory.class);
        if (childClasspath.isPresent()) {
            RenderProcess.sandbox = Sandbox.support();
        }
        LOG.info("PDF pages render " + mode());
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "coffer-pdf");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "coffer-pdf-ahead");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        ahead.shutdownNow();
    }

    /** How jobs run: "separate process" or "in-process (libraries not on disk)". */
    public String mode() {
        return childClasspath.isPresent() ? "separate process" : "in-process (libraries not on disk)";
    }

    /** The page count of a stored PDF, or empty when it cannot be read within the limits (download-only then). */
    public Optional<Integer> pageCount(TenantId tenant, String blobId, long size) {
        if (childClasspath.isPresent()) {
            return capped(() -> withCopy(tenant, blobId, size, copy -> {
                Path out = Files.createTempFile("coffer-count", ".txt");
                try {
                    RenderProcess.run(childClasspath.get(), CHILD_HEAP, TIME_LIMIT_SECONDS, "count", copy.toString(),
                            out.toString());
                    return Integer.parseInt(Files.readString(out).trim());
                } finally {
                    Files.deleteIfExists(out);
                }
            }), "count pages");
        }
        return capped(() -> withDocument(tenant, blobId, size, PDDocument::getNumberOfPages), "count pages");
    }

    /**
     * The text of each page of a stored PDF (search, SR-6): in a render process of its own (killed after
     * {@link #TIME_LIMIT_SECONDS}), on the caller's thread (the indexer's one thread, never the page views' pool); at
     * most {@code maxChars} characters in all. Empty when the PDF cannot be read within the limits.
     */
    public Optional<java.util.List<String>> text(TenantId tenant, String blobId, long size, int maxChars) {
        try {
            String text;
            if (childClasspath.isPresent()) {
                text = withCopy(tenant, blobId, size, copy -> {
                    Path out = Files.createTempFile("coffer-text", ".txt");
                    try {
                        int code = RenderProcess.run(childClasspath.get(), CHILD_HEAP, TIME_LIMIT_SECONDS, "text",
                                copy.toString(), out.toString(), String.valueOf(maxChars));
                        return code == 0 ? Files.readString(out) : null;
                    } finally {
                        Files.deleteIfExists(out);
                    }
                });
            } else {
                text = withDocument(tenant, blobId, size, document -> RenderMain.text(document, maxChars));
            }
            return Optional.ofNullable(text).map(t -> java.util.List.of(t.split("\f", -1)));
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not read the text of a PDF (the file is found by its name): " + rootMessage(e));
            return Optional.empty();
        }
    }

    /**
     * Renders page {@code page} (1-based) of a stored PDF into {@code cached} (atomically; where is {@link Renditions}'
     * decision) and answers it; empty when it cannot be rendered.
     */
    Optional<Path> render(TenantId tenant, String blobId, long size, int page, Path cached) {
        if (childClasspath.isPresent()) {
            return capped(() -> withCopy(tenant, blobId, size, copy -> {
                Files.createDirectories(cached.getParent());
                Path tmp = Files.createTempFile(cached.getParent(), "page", ".tmp");
                try {
                    int code = RenderProcess.run(childClasspath.get(), CHILD_HEAP, TIME_LIMIT_SECONDS, "render",
                            copy.toString(), String.valueOf(page), String.valueOf(WIDTH), String.valueOf(MAX_PIXELS),
                            tmp.toString());
                    if (code == 2) {
                        return null;
                    }
                    Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return cached;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }), "render page " + page);
        }
        return capped(() -> withDocument(tenant, blobId, size, document -> {
            if (page < 1 || page > document.getNumberOfPages()) {
                return null;
            }
            PDRectangle box = document.getPage(page - 1).getCropBox();
            float scale = WIDTH / Math.max(1f, box.getWidth());
            long height = (long) Math.ceil(box.getHeight() * scale);
            if (height <= 0 || (long) WIDTH * height > MAX_PIXELS) {
                throw new IOException("page " + page + " would be " + WIDTH + "x" + height + " pixels");
            }
            BufferedImage image = new PDFRenderer(document).renderImage(page - 1, scale, ImageType.RGB);
            Files.createDirectories(cached.getParent());
            Path tmp = Files.createTempFile(cached.getParent(), "page", ".tmp");
            Png.write(image, tmp.toFile());
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        }), "render page " + page);
    }

    /**
     * Renders the pages of a stored PDF that {@code dir} lacks, into {@code dir/<page><suffix>} (where:
     * {@link Renditions}' decision), in the background: {@link #AHEAD_PAGES} pages from {@code first}, in one render
     * process (a process per page cost more than the page). At most one job per blob is queued or running; a second
     * request while one is queued or running is a no-op. {@code done} runs on the same thread once the job has ended
     * (drawn or not), before another job for the blob may start.
     */
    void renderAhead(TenantId tenant, String blobId, long size, int pageCount, int first, Path dir, String suffix,
                     Runnable done) {
        AtomicBoolean started = new AtomicBoolean();
        if (aheadJobs.putIfAbsent(blobId, started) != null) {
            return;
        }
        try {
            ahead.submit(() -> {
                started.set(true);
                try {
                    aheadNow(tenant, blobId, size, pageCount, first, dir, suffix);
                } catch (IOException | RuntimeException e) {
                    LOG.warning("Could not render the pages of a PDF ahead: " + rootMessage(e));
                } finally {
                    try {
                        done.run();
                    } catch (RuntimeException e) {
                        LOG.warning("After rendering the pages of a PDF ahead: " + rootMessage(e));
                    } finally {
                        aheadJobs.remove(blobId);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            aheadJobs.remove(blobId); // stopping
        }
    }

    /** OPS-12: registers this instance's queues (called once at start by {@link RenderQueueGauges}). */
    void gauges(MetricRegistry registry) {
        registry.gauge(RenderQueueGauges.WAITING, this::aheadWaiting, new Tag("queue", "pages-ahead"));
        registry.gauge(RenderQueueGauges.RUNNING, this::aheadRunning, new Tag("queue", "pages-ahead"));
        registry.gauge(RenderQueueGauges.WAITING, this::pagesWaiting, new Tag("queue", "pages"));
        registry.gauge(RenderQueueGauges.RUNNING, this::pagesRunning, new Tag("queue", "pages"));
    }

    /** Render-ahead jobs queued and not yet started (OPS-12's render queue; in memory, per instance). */
    int aheadWaiting() {
        int waiting = 0;
        for (AtomicBoolean started : aheadJobs.values()) {
            if (!started.get()) {
                waiting++;
            }
        }
        return waiting;
    }

    /** Render-ahead jobs running now: 0 or 1 (one thread). */
    int aheadRunning() {
        return aheadJobs.size() - aheadWaiting();
    }

    /** Pages asked for now (a visitor waits) queued behind the on-demand pool's busy threads. */
    int pagesWaiting() {
        return pool instanceof ThreadPoolExecutor executor ? executor.getQueue().size() : 0;
    }

    /** Pages asked for now being rendered (approximate, as the executor counts). */
    int pagesRunning() {
        return pool instanceof ThreadPoolExecutor executor ? executor.getActiveCount() : 0;
    }

    /** Whether the pages of this blob are being rendered ahead right now (not only queued). */
    boolean renderingAhead(String blobId) {
        AtomicBoolean started = aheadJobs.get(blobId);
        return started != null && started.get();
    }

    private void aheadNow(TenantId tenant, String blobId, long size, int pageCount, int first, Path dir, String suffix)
            throws IOException {
        int count = Math.min(AHEAD_PAGES, pageCount - first + 1);
        if (count < 1) {
            return;
        }
        long seconds = TIME_LIMIT_SECONDS + AHEAD_SECONDS_PER_PAGE * count;
        if (childClasspath.isPresent()) {
            withCopy(tenant, blobId, size, copy -> RenderProcess.run(childClasspath.get(), CHILD_HEAP, seconds, "ahead",
                    copy.toString(), String.valueOf(WIDTH), String.valueOf(MAX_PIXELS), String.valueOf(first),
                    String.valueOf(count), dir.toString(), suffix));
            return;
        }
        withDocument(tenant, blobId, size, document -> {
            RenderMain.ahead(document, WIDTH, MAX_PIXELS, first, count, dir, suffix);
            return null;
        });
    }

    private interface DocumentWork<T> {
        T apply(PDDocument document) throws IOException;
    }

    private interface CopyWork<T> {
        T apply(Path copy) throws IOException;
    }

    /** Works on a private copy of the blob in a temporary file (PDFBox and the render process read files). */
    private <T> T withCopy(TenantId tenant, String blobId, long size, CopyWork<T> work) throws IOException {
        Path copy = Files.createTempFile("coffer-pdf", ".pdf");
        try {
            try (InputStream in = blobs.open(tenant, blobId, 0, size)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return work.apply(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private <T> T withDocument(TenantId tenant, String blobId, long size, DocumentWork<T> work) throws IOException {
        return withCopy(tenant, blobId, size, copy -> {
            try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(copy.toFile()), "", null, null,
                    IOUtils.createTempFileOnlyStreamCache())) {
                return work.apply(document);
            }
        });
    }

    private <T> Optional<T> capped(Callable<T> job, String what) {
        Future<T> future = pool.submit(job);
        try {
            return Optional.ofNullable(future.get(TIME_LIMIT_SECONDS + 10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            LOG.warning("Gave up trying to " + what + " of a PDF after " + TIME_LIMIT_SECONDS + " s");
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | OutOfMemoryError e) {
            LOG.warning("Could not " + what + " of a PDF: " + rootMessage(e));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
