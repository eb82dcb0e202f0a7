package io.coffer.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SL-14: the watermark documents burns in is in the pixels, deterministic, and stamped on every page of a PDF. */
class WatermarkingTest {

    @TempDir
    Path dir;

    @Test
    void sl14_drawingChangesPixelsDeterministicallyAndDependsOnTheText() {
        BufferedImage page = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
        var g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 800);
        g.dispose();
        BufferedImage a = Watermarking.draw(page, "alice@example.com | 2026-11-24 10:05 UTC");
        BufferedImage again = Watermarking.draw(page, "alice@example.com | 2026-11-24 10:05 UTC");
        BufferedImage b = Watermarking.draw(page, "bob@example.com | 2026-11-24 10:05 UTC");
        int changed = 0;
        int differsFromB = 0;
        for (int y = 0; y < 800; y++) {
            for (int x = 0; x < 600; x++) {
                assertEquals(a.getRGB(x, y), again.getRGB(x, y));
                changed += a.getRGB(x, y) != page.getRGB(x, y) ? 1 : 0;
                differsFromB += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(changed > 5000, "pixels changed: " + changed);
        assertNotEquals(0, differsFromB);
    }

    @Test
    void sl14_everyPageOfAPdfIsStamped() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.LETTER));
            doc.addPage(new PDPage(PDRectangle.A4));
            doc.save(pdf);
        }
        Path out = dir.resolve("out.pdf");
        Watermarking.stampPdf(new ByteArrayInputStream(pdf.toByteArray()), out, "reader-1@w.test | 10:05");
        try (PDDocument stamped = Loader.loadPDF(Files.readAllBytes(out))) {
            for (int p = 1; p <= 2; p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(stamped);
                assertTrue(text.replaceAll("\\s", "").contains("reader-1@w.test"), "page " + p + ": " + text);
            }
        }
    }
}
