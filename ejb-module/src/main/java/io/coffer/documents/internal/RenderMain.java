package io.coffer.documents.internal;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The entry point of the render process: a JVM of its own with a small heap, started per job by {@link PdfPages},
 * which kills it when its time is up. A hostile PDF can exhaust only this process.
 *
 * <p>{@code count <pdf> <out>} writes the page count to {@code out}; {@code render <pdf> <page> <width> <maxPixels>
 * <out>} writes the page's PNG to {@code out}; {@code ahead <pdf> <width> <maxPixels> <first> <count> <dir> <suffix>}
 * writes the pages {@code first} to {@code first + count - 1} not in {@code dir} yet as {@code <dir>/<page><suffix>}
 * (each atomically; a page with too many pixels is left out); {@code text <pdf> <out> <maxChars>} writes the text of
 * every page to {@code out} in UTF-8, the pages separated by form feeds, at most {@code maxChars} characters in all
 * (search, SR-6). Exit codes: 0 done, 2 no such page, 3 too many pixels,
 * 1 anything else.
 */
public final class RenderMain {
    private RenderMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Throwable e) { // NOPMD - the parent only reads the exit code
            code = 1;
        }
        Runtime.getRuntime().halt(code);
    }

    /**
     * The pages the document really has, counted by walking its page tree (PDFBox's walk skips a page tree that loops
     * back on itself): the root's {@code /Count} is what the file claims, and a file that claims 2,147,483,647 pages
     * had them announced to every viewer (AB-12).
     */
    static int pages(PDDocument document) {
        int pages = 0;
        for (var ignored : document.getPages()) {
            pages++;
        }
        return pages;
    }

    static int run(String[] args) throws IOException {
        Path pdf = Path.of(args[1]);
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            if (args[0].equals("count")) {
                Files.writeString(Path.of(args[2]), String.valueOf(pages(document)), StandardCharsets.UTF_8);
                return 0;
            }
            if (args[0].equals("text")) {
                Files.writeString(Path.of(args[2]), text(document, Integer.parseInt(args[3])), StandardCharsets.UTF_8);
                return 0;
            }
            if (args[0].equals("ahead")) {
                ahead(document, Integer.parseInt(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]), Path.of(args[6]), args[7]);
                return 0;
            }
            int page = Integer.parseInt(args[2]);
            int width = Integer.parseInt(args[3]);
            long maxPixels = Long.parseLong(args[4]);
            if (page < 1 || page > document.getNumberOfPages()) {
                return 2;
            }
            PDRectangle box = document.getPage(page - 1).getCropBox();
            float scale = width / Math.max(1f, box.getWidth());
            long height = (long) Math.ceil(box.getHeight() * scale);
            if (height <= 0 || (long) width * height > maxPixels) {
                return 3;
            }
            BufferedImage image = new PDFRenderer(document).renderImage(page - 1, scale, ImageType.RGB);
            Png.write(image, new File(args[5]));
            return 0;
        }
    }

    /**
     * The text of every page, in reading order ({@link PDFTextStripper} sorted by position), the pages separated by form
     * feeds (a form feed inside a page's text becomes a space); once {@code maxChars} characters are written the rest
     * of the document is left out, the pages already written kept whole up to the limit.
     */
    static String text(PDDocument document, int maxChars) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        StringBuilder out = new StringBuilder();
        int pages = document.getNumberOfPages();
        for (int page = 1; page <= pages && out.length() < maxChars; page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            String text = stripper.getText(document).replace('\f', ' ');
            if (page > 1) {
                out.append('\f');
            }
            out.append(text, 0, Math.min(text.length(), Math.max(0, maxChars - out.length())));
        }
        return out.toString();
    }

    /** The pages {@code first} to {@code first + count - 1} of {@code document} not in {@code dir} yet. */
    static void ahead(PDDocument document, int width, long maxPixels, int first, int count, Path dir, String suffix)
            throws IOException {
        int last = Math.min(document.getNumberOfPages(), first + count - 1);
        PDFRenderer renderer = new PDFRenderer(document);
        Files.createDirectories(dir);
        for (int page = Math.max(1, first); page <= last; page++) {
            Path target = dir.resolve(page + suffix);
            if (Files.exists(target)) {
                continue;
            }
            PDRectangle box = document.getPage(page - 1).getCropBox();
            float scale = width / Math.max(1f, box.getWidth());
            long height = (long) Math.ceil(box.getHeight() * scale);
            if (height <= 0 || (long) width * height > maxPixels) {
                continue; // refused when asked for, as by "render"
            }
            Path tmp = Files.createTempFile(dir, "ahead", ".tmp");
            try {
                Png.write(renderer.renderImage(page - 1, scale, ImageType.RGB), tmp.toFile());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
