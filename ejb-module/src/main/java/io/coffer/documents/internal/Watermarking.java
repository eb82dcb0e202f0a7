package io.coffer.documents.internal;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.coffer.shared.error.UnavailableException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * Watermarks burned in on the server (SL-14): drawn into the pixels of page images (Java 2D), stamped on every page
 * of a PDF (PDFBox). The text is given ({@code documents.Watermark}); drawing is deterministic: the same page and text
 * give the same pixels (a test re-draws and compares).
 */
public final class Watermarking {

    /**
     * At most this many watermark drawings or PDF stampings at once: each drawing holds two full page images (about
     * 15 MB at 1200 px), so a hundred visitors at once must queue rather than exhaust the heap.
     */
    static final int CONCURRENT = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final Semaphore PERMITS = new Semaphore(CONCURRENT, true);

    private Watermarking() {
    }

    /** Runs {@code work} under one of the {@link #CONCURRENT} permits; 503 when none frees up within 30 s. */
    static <T> T bounded(IoWork<T> work) throws IOException {
        try {
            if (!PERMITS.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new UnavailableException("Too many documents are being prepared; retry in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted; retry.");
        }
        try {
            return work.run();
        } finally {
            PERMITS.release();
        }
    }

    interface IoWork<T> {
        T run() throws IOException;
    }

    /**
     * A copy of {@code page} with {@code text} drawn into its pixels: tiled diagonally, and once in a bottom band.
     * The copy has three bytes per pixel ({@code TYPE_3BYTE_BGR}, what ImageIO decodes an RGB PNG into): ImageIO's PNG
     * writer reads such a raster by array, while an {@code int} raster goes through a per-sample virtual call that took
     * half of a watermarked page's encoding time in the profile (docs/benchmarks.md, issue 14).
     */
    public static BufferedImage draw(BufferedImage page, String text) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(page, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            int size = Math.max(12, page.getWidth() / 40);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, size));
            int textWidth = g.getFontMetrics().stringWidth(text);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.22f));
            g.setColor(new Color(200, 30, 30));
            AffineTransform plain = g.getTransform();
            g.rotate(-Math.PI / 6, page.getWidth() / 2.0, page.getHeight() / 2.0);
            int stepY = size * 6;
            int stepX = textWidth + size * 4;
            int reach = page.getWidth() + page.getHeight();
            for (int y = -reach; y < reach; y += stepY) {
                for (int x = -reach + ((y / stepY) % 2) * (stepX / 2); x < reach; x += stepX) {
                    g.drawString(text, x, y);
                }
            }
            g.setTransform(plain);
            int band = size + size / 2;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
            g.setColor(Color.WHITE);
            g.fillRect(0, page.getHeight() - band, page.getWidth(), band);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(Color.BLACK);
            g.drawString(text, size / 2, page.getHeight() - size / 3);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes a watermarked copy of the PNG {@code source} to {@code target} (atomically). */
    static void drawFile(Path source, Path target, String text) throws IOException {
        bounded(() -> {
            drawFileNow(source, target, text);
            return null;
        });
    }

    private static void drawFileNow(Path source, Path target, String text) throws IOException {
        if (Files.exists(target)) {
            return; // drawn by a concurrent request of the same visitor while this one waited
        }
        BufferedImage page = ImageIO.read(source.toFile());
        if (page == null) {
            throw new IOException("not an image");
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "wm", ".tmp");
        try {
            Png.write(draw(page, text), tmp.toFile());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Stamps {@code text} on every page of the PDF read from {@code pdf} and writes the result to {@code target}
     * (atomically); parsing uses temporary files, not the heap.
     */
    static void stampPdf(InputStream pdf, Path target, String text) throws IOException {
        bounded(() -> {
            stampPdfNow(pdf, target, text);
            return null;
        });
    }

    private static void stampPdfNow(InputStream pdf, Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Path copy = Files.createTempFile(target.getParent(), "src", ".tmp");
        Path tmp = Files.createTempFile(target.getParent(), "stamped", ".tmp");
        try {
            Files.copy(pdf, copy, StandardCopyOption.REPLACE_EXISTING);
            try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(copy.toFile()), "", null, null,
                    IOUtils.createTempFileOnlyStreamCache())) {
                PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
                String line = winAnsi(text);
                for (PDPage page : document.getPages()) {
                    stamp(document, page, font, line);
                }
                document.setAllSecurityToBeRemoved(true);
                document.save(tmp.toFile());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(tmp);
        }
    }

    private static void stamp(PDDocument document, PDPage page, PDType1Font font, String line) throws IOException {
        PDRectangle box = page.getCropBox();
        float size = Math.max(8, box.getWidth() / 45);
        try (PDPageContentStream content = new PDPageContentStream(document, page,
                PDPageContentStream.AppendMode.APPEND, true, true)) {
            PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
            faint.setNonStrokingAlphaConstant(0.22f);
            content.saveGraphicsState();
            content.setGraphicsStateParameters(faint);
            content.setNonStrokingColor(new Color(200, 30, 30));
            content.setFont(font, size);
            float step = size * 6;
            for (float y = box.getLowerLeftY() - box.getWidth(); y < box.getUpperRightY(); y += step) {
                content.beginText();
                content.setTextMatrix(Matrix.getRotateInstance(Math.PI / 6, box.getLowerLeftX(), y));
                content.showText(line + "    " + line + "    " + line);
                content.endText();
            }
            content.restoreGraphicsState();
            content.beginText();
            content.setFont(font, size * 0.8f);
            content.setNonStrokingColor(Color.BLACK);
            content.newLineAtOffset(box.getLowerLeftX() + size / 2, box.getLowerLeftY() + size / 2);
            content.showText(line);
            content.endText();
        }
    }

    /** Standard 14 fonts speak WinAnsi: anything else becomes '?'. */
    static String winAnsi(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
