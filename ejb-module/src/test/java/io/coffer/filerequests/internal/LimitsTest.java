package io.coffer.filerequests.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.shared.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file request's type limit (FR-5 before the body, FR-6 after it). */
class LimitsTest {

    @Test
    void fr5_theNameAndDeclaredTypeAreCheckedBeforeTheBody() {
        Limits pdf = Limits.of(List.of("application/pdf"));
        assertTrue(pdf.admits("deck.pdf", null));
        assertTrue(pdf.admits("deck", "application/pdf"));
        assertFalse(pdf.admits("deck.docx", "application/octet-stream"));
        assertFalse(pdf.admits("run.exe", null));
        Limits images = Limits.of(List.of("image/*", ".docx"));
        assertTrue(images.admits("scan.PNG", null));
        assertTrue(images.admits("contract.docx", null));
        assertFalse(images.admits("contract.doc", null));
        assertTrue(Limits.of(List.of()).admits("anything.bin", null), "no list: every type");
    }

    @Test
    void fr6_theBytesDecideWhateverTheNameSays() {
        Limits pdf = Limits.of(List.of("application/pdf"));
        assertTrue(pdf.accepts("application/pdf", "deck.pdf"));
        assertFalse(pdf.accepts("application/x-msdownload", "deck.pdf"), "an executable named .pdf");
        assertFalse(pdf.accepts("application/octet-stream", "deck.pdf"), "bytes of no known kind stay unknown");
        Limits docx = Limits.of(List.of(".docx"));
        assertTrue(docx.accepts("application/zip", "contract.docx"), "a zip is what a .docx's bytes show");
        assertTrue(docx.accepts("application/x-tika-ooxml", "contract.docx"));
        assertFalse(docx.accepts("text/plain", "contract.docx"), "text named .docx");
        Limits text = Limits.of(List.of("text/*"));
        assertTrue(text.accepts("text/plain", "notes.txt"));
        assertFalse(text.accepts("application/pdf", "notes.txt"));
    }

    @Test
    void fr5_aMembersListIsCleanedOrRefused() {
        assertEquals(List.of("application/pdf", "image/*", ".docx"),
                Limits.clean(List.of(" Application/PDF", "image/*", ".DOCX", "application/pdf")));
        for (String bad : new String[] {"pdf", "*/*x", "application/", ".", "../x", ""}) {
            assertThrows(ValidationException.class, () -> Limits.clean(List.of(bad)), bad);
        }
    }
}
