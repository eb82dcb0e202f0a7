package io.coffer.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextIndexTest {

    @Test
    void sr1_aFileNameIsSearchedAsItsWords() {
        assertEquals("Q3 report final", TextIndex.words("Q3_report-final.docx"));
        assertEquals("zebra1a2b names", TextIndex.words("zebra1a2b-names.pdf"));
        assertEquals("Übersicht 2026", TextIndex.words("Übersicht 2026.pdf"));
        assertEquals("archive tar", TextIndex.words("archive.tar.gz"));
        assertEquals("no extension", TextIndex.words("no extension"));
    }

    @Test
    void sr4_onlyKnownLanguagesBecomeConfigurations() {
        assertEquals("coffer_german", TextIndex.config("German"));
        assertThrows(IllegalArgumentException.class, () -> TextIndex.config("english'; drop table x; --"));
        assertEquals("simple", TextIndex.known("SIMPLE").orElseThrow());
        assertEquals(java.util.Optional.empty(), TextIndex.known("klingon"));
    }

    @Test
    void sr6_textCannotCarryNul() {
        assertEquals("a b", TextIndex.clean("a\0b"));
    }
}
