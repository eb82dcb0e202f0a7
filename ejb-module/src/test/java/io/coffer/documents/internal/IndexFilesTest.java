package io.coffer.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.documents.IndexFile;
import io.coffer.documents.RoomIndex;
import io.coffer.shared.error.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The index written as CSV and PDF (docs/features/datarooms.md, IDX-3, IDX-4, IDX-5, IDX-6). */
class IndexFilesTest {

    static final Instant AT = Instant.parse("2026-12-07T14:00:00Z");

    static IndexFile.Row doc(String number, String name, int depth) {
        return new IndexFile.Row(number, IndexFile.Kind.DOCUMENT, "/" + name, name, depth, 1234L, 2,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    static byte[] write(IndexFile file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void idx3_noCellOfTheCsvStartsAFormula() throws Exception {
        List<IndexFile.Row> rows = new ArrayList<>();
        List<String> names = List.of("=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\ry", "plain", "a=b");
        int n = 0;
        for (String name : names) {
            rows.add(doc(Integer.toString(++n), name, 0));
        }
        String csv = new String(write(IndexFiles.of(RoomIndex.Format.CSV, "R", AT, rows)), StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(names.size(), records.size());
        for (int i = 0; i < names.size(); i++) {
            String cell = records.get(i).get("name");
            String name = names.get(i);
            assertEquals("=+-@\t\r".indexOf(name.charAt(0)) >= 0 ? "'" + name : name, cell);
            for (String value : records.get(i).values()) {
                assertTrue(value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0, value);
            }
        }
        assertEquals("'=cmd|' /C calc'!A0", records.get(0).get("name"));
        assertEquals("1234", records.get(0).get("size"));
        assertEquals("2", records.get(0).get("version"));
        assertEquals("2026-12-01T10:00:00Z", records.get(0).get("lastChanged"));
    }

    @Test
    void idx4_theCsvHasAHeaderRowAndIsUtf8() throws Exception {
        String name = "Übersicht – 2026 ✓";
        IndexFile file = IndexFiles.of(RoomIndex.Format.CSV, "Räume", AT, List.of(
                new IndexFile.Row("1", IndexFile.Kind.FOLDER, "/A", "A", 0, null, null, null), doc("1.1", name, 1)));
        assertEquals("text/csv; charset=utf-8", file.mediaType());
        assertEquals("Räume-index.csv", file.fileName());
        String csv = new String(write(file), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith(String.join(",", IndexFiles.HEADER) + "\r\n"), csv);
        assertTrue(csv.contains("1,folder,/A,A,,,\r\n"), csv);
        assertTrue(csv.contains(name), csv);
    }

    @Test
    void idx5_aMissingFormatIsCsvAndAnUnknownOneIsRefused() {
        assertEquals(RoomIndex.Format.CSV, RoomIndex.Format.of(null));
        assertEquals(RoomIndex.Format.CSV, RoomIndex.Format.of(""));
        assertEquals(RoomIndex.Format.CSV, RoomIndex.Format.of("csv"));
        assertEquals(RoomIndex.Format.PDF, RoomIndex.Format.of("pdf"));
        for (String bad : List.of("xlsx", "CSV ", "pdf2")) {
            ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                    () -> RoomIndex.Format.of(bad));
            assertEquals("format", e.errors().get(0).field());
        }
    }

    @Test
    void idx6_thePdfShowsNonAsciiNamesAndReplacesWhatTheFontLacksOverManyPages() throws Exception {
        List<IndexFile.Row> rows = new ArrayList<>();
        rows.add(new IndexFile.Row("1", IndexFile.Kind.FOLDER, "/Übersicht – 2026 ✓", "Übersicht – 2026 ✓", 0,
                null, null, null));
        for (int i = 1; i <= 300; i++) {
            rows.add(doc("1." + i, "Dokument " + i + " – Straße 😀 " + "x".repeat(i % 7 == 0 ? 240 : 1), 1));
        }
        IndexFile file = IndexFiles.of(RoomIndex.Format.PDF, "Raum ✓", AT, rows);
        assertEquals("application/pdf", file.mediaType());
        byte[] pdf = write(file);
        try (PDDocument parsed = Loader.loadPDF(pdf)) {
            assertEquals(IndexFiles.pages(rows.size()), parsed.getNumberOfPages());
            assertTrue(parsed.getNumberOfPages() >= 6, "paginated: " + parsed.getNumberOfPages());
            String text = new PDFTextStripper().getText(parsed);
            assertTrue(text.contains("Übersicht – 2026 ?"), "the font has no check mark: replaced");
            assertTrue(text.contains("Dokument 300 – Straße ?"), "the last row is on the last page");
            assertTrue(text.contains("Index of Raum ?"), text.substring(0, 200));
            assertTrue(text.contains("1.2 KB") && text.contains("v2") && text.contains("2026-12-01 10:00"));
            assertTrue(text.contains("\u2026"), "a name too long for its column is cut with an ellipsis");
            assertFalse(text.contains("✓"));
        }
    }

    @Test
    void idx6_anEmptyRoomIsOnePage() throws Exception {
        try (PDDocument parsed = Loader.loadPDF(write(IndexFiles.of(RoomIndex.Format.PDF, "Empty", AT,
                List.of())))) {
            assertEquals(1, parsed.getNumberOfPages());
            assertTrue(new PDFTextStripper().getText(parsed).contains("0 items"));
        }
    }
}
