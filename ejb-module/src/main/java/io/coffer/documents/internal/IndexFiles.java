package io.coffer.documents.internal;

import io.coffer.documents.IndexFile;
import io.coffer.documents.RoomIndex;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The room index written as a file (IDX-3, IDX-4, IDX-6): CSV by Apache Commons CSV (RFC 4180, a header row, UTF-8,
 * every cell that a spreadsheet would run as a formula defused), PDF by PDFBox (a title, then the numbered rows over as
 * many A4 pages as they need, in Liberation Sans — the TrueType font PDFBox itself ships — embedded as a subset, so
 * that non-ASCII names show; a character the font lacks becomes {@code ?}, never an error).
 */
public final class IndexFiles {

    /** The CSV's header row, one name per column. */
    public static final List<String> HEADER = List.of("number", "kind", "path", "name", "size", "version",
            "lastChanged");

    /** PDFBox's own copy of Liberation Sans (SIL Open Font License), which its font fallback uses too. */
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private IndexFiles() {
    }

    /** The index of {@code room} as of {@code at}, in {@code format}. */
    public static IndexFile of(RoomIndex.Format format, String room, Instant at, List<IndexFile.Row> rows) {
        String fileName = room + "-index." + (format == RoomIndex.Format.PDF ? "pdf" : "csv");
        List<IndexFile.Row> copy = List.copyOf(rows);
        return new IndexFile() {
            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public String mediaType() {
                return format == RoomIndex.Format.PDF ? "application/pdf" : "text/csv; charset=utf-8";
            }

            @Override
            public List<IndexFile.Row> rows() {
                return copy;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                if (format == RoomIndex.Format.PDF) {
                    pdf(room, at, copy, out);
                } else {
                    csv(copy, out);
                }
            }
        };
    }

    // ---- CSV ---------------------------------------------------------------------------------------------------------

    /**
     * IDX-3: a cell starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so that a
     * spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").
     */
    public static String defused(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    static void csv(List<IndexFile.Row> rows, OutputStream out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                format);
        for (IndexFile.Row r : rows) {
            printer.printRecord(defused(r.number()), r.kind().label(), defused(r.path()), defused(r.name()),
                    r.size() == null ? "" : r.size().toString(), r.version() == null ? "" : r.version().toString(),
                    r.lastChanged() == null ? "" : r.lastChanged().toString());
        }
        printer.flush(); // not closed: the answer's stream belongs to the container
    }

    // ---- PDF ---------------------------------------------------------------------------------------------------------

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 40;
    static final float TITLE_SIZE = 15;
    static final float TEXT_SIZE = 9;
    static final float LINE = 13;
    /** Lines of rows on the first page (below the title and the header) and on the others (below the header). */
    static final int FIRST_PAGE_ROWS = (int) ((PAGE.getHeight() - 2 * MARGIN - 3 * LINE - 2 * LINE - LINE) / LINE);
    static final int PAGE_ROWS = (int) ((PAGE.getHeight() - 2 * MARGIN - LINE - LINE) / LINE);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** How many pages {@code rows} rows take. */
    static int pages(int rows) {
        return rows <= FIRST_PAGE_ROWS ? 1 : 1 + (rows - FIRST_PAGE_ROWS + PAGE_ROWS - 1) / PAGE_ROWS;
    }

    static void pdf(String room, Instant at, List<IndexFile.Row> rows, OutputStream out) throws IOException {
        TrueTypeFont ttf;
        try (InputStream in = PDDocument.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IOException("PDFBox's Liberation Sans is missing: " + FONT);
            }
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
        }
        try (ttf; PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDType0Font font = PDType0Font.load(document, ttf, true);
            Glyphs glyphs = new Glyphs(ttf, font);
            float numberWidth = TEXT_SIZE * 3;
            for (IndexFile.Row r : rows) {
                numberWidth = Math.max(numberWidth, glyphs.width(r.number(), TEXT_SIZE));
            }
            numberWidth = Math.min(numberWidth, 120) + 8;
            Columns columns = new Columns(MARGIN, MARGIN + numberWidth, PAGE.getWidth() - MARGIN - 190,
                    PAGE.getWidth() - MARGIN - 140, PAGE.getWidth() - MARGIN - 80, PAGE.getWidth() - MARGIN);
            int total = pages(rows.size());
            int next = 0;
            for (int page = 1; page <= total; page++) {
                PDPage p = new PDPage(PAGE);
                document.addPage(p);
                try (PDPageContentStream content = new PDPageContentStream(document, p)) {
                    float y = PAGE.getHeight() - MARGIN;
                    if (page == 1) {
                        y -= TITLE_SIZE;
                        glyphs.show(content, columns.number(), y, TITLE_SIZE,
                                glyphs.fit("Index of " + room, TITLE_SIZE, columns.end() - columns.number()));
                        y -= LINE * 1.5f;
                        glyphs.show(content, columns.number(), y, TEXT_SIZE, "As of " + DATE.format(at) + " UTC, "
                                + rows.size() + (rows.size() == 1 ? " item" : " items")
                                + " (what you may see in this room)");
                        y -= LINE * 2;
                    }
                    y -= LINE;
                    header(content, glyphs, columns, y);
                    int capacity = page == 1 ? FIRST_PAGE_ROWS : PAGE_ROWS;
                    for (int i = 0; i < capacity && next < rows.size(); i++, next++) {
                        y -= LINE;
                        row(content, glyphs, columns, y, rows.get(next));
                    }
                    glyphs.show(content, columns.end() - glyphs.width(page + " / " + total, TEXT_SIZE),
                            MARGIN / 2, TEXT_SIZE, page + " / " + total);
                }
            }
            document.save(out);
        }
    }

    /** Where each column starts: number, name, then size (right-aligned to version's start), version, date, end. */
    private record Columns(float number, float name, float sizeStart, float version, float date, float end) {
    }

    private static void header(PDPageContentStream content, Glyphs glyphs, Columns c, float y) throws IOException {
        glyphs.show(content, c.number(), y, TEXT_SIZE, "No.");
        glyphs.show(content, c.name(), y, TEXT_SIZE, "Name");
        glyphs.show(content, c.version() - 8 - glyphs.width("Size", TEXT_SIZE), y, TEXT_SIZE, "Size");
        glyphs.show(content, c.version(), y, TEXT_SIZE, "Version");
        glyphs.show(content, c.date(), y, TEXT_SIZE, "Last changed");
        content.setLineWidth(0.5f);
        content.moveTo(c.number(), y - 3);
        content.lineTo(c.end(), y - 3);
        content.stroke();
    }

    private static void row(PDPageContentStream content, Glyphs glyphs, Columns c, float y, IndexFile.Row r)
            throws IOException {
        glyphs.show(content, c.number(), y, TEXT_SIZE, glyphs.fit(r.number(), TEXT_SIZE, c.name() - c.number() - 4));
        float indent = Math.min(r.depth(), 10) * 8;
        String name = r.kind() == IndexFile.Kind.FOLDER ? r.name() + "/" : r.name();
        glyphs.show(content, c.name() + indent, y, TEXT_SIZE,
                glyphs.fit(name, TEXT_SIZE, c.sizeStart() - c.name() - indent));
        if (r.size() != null) {
            String size = size(r.size());
            glyphs.show(content, c.version() - 8 - glyphs.width(size, TEXT_SIZE), y, TEXT_SIZE, size);
        }
        if (r.version() != null) {
            glyphs.show(content, c.version(), y, TEXT_SIZE, "v" + r.version());
        }
        if (r.lastChanged() != null) {
            glyphs.show(content, c.date(), y, TEXT_SIZE, DATE.format(r.lastChanged()));
        }
    }

    /** A size for people: bytes, KB, MB or GB (powers of 1,024, one decimal). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Text in the embedded font: what it cannot draw becomes {@code ?} (IDX-6); widths; fitting with an ellipsis. */
    static final class Glyphs {
        private final TrueTypeFont ttf;
        private final PDType0Font font;

        Glyphs(TrueTypeFont ttf, PDType0Font font) {
            this.ttf = ttf;
            this.font = font;
        }

        /** {@code text} with every character the font has no glyph for (and every control character) as {@code ?}. */
        String drawable(String text) throws IOException {
            StringBuilder out = new StringBuilder(text.length());
            var cmap = ttf.getUnicodeCmapLookup();
            text.codePoints().forEach(cp -> {
                boolean has = cp >= 0x20 && !Character.isISOControl(cp) && cmap != null && cmap.getGlyphId(cp) > 0;
                out.appendCodePoint(has ? cp : '?');
            });
            return out.toString();
        }

        float width(String text, float size) throws IOException {
            return font.getStringWidth(drawable(text)) / 1000 * size;
        }

        /** {@code text}, cut with an ellipsis so that it fits {@code width}. */
        String fit(String text, float size, float width) throws IOException {
            String shown = drawable(text);
            if (font.getStringWidth(shown) / 1000 * size <= width) {
                return shown;
            }
            int[] cps = shown.codePoints().toArray();
            int fits = 0; // the longest prefix known to fit with the ellipsis (binary search: names are short)
            int low = 1;
            int high = cps.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (font.getStringWidth(new String(cps, 0, mid) + "\u2026") / 1000 * size <= width) {
                    fits = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return new String(cps, 0, fits) + "\u2026";
        }

        void show(PDPageContentStream content, float x, float y, float size, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(drawable(text));
            content.endText();
        }
    }
}
