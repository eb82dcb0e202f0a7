package io.coffer.datarooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.shared.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path syntax of {@code POST /datarooms/{id}/paths} (DR-12), without a server. */
class FolderPathsTest {

    private static List<String> segments(String path) {
        return FolderPaths.parse(List.of(path)).get(0).segments();
    }

    private static ValidationException refused(String... paths) {
        return assertThrows(ValidationException.class, () -> FolderPaths.parse(Arrays.asList(paths)));
    }

    @Test
    void dr12_slashSeparatedSegmentsEachCleanedLikeAFolderName() {
        assertEquals(List.of("Finance", "2026", "Q1"), segments("Finance/2026/Q1"));
        assertEquals(List.of("Finance"), segments("Finance"));
        assertEquals(List.of("Finance", "2026"), segments("  Finance / 2026 "), "each segment trimmed as names are");
        assertEquals(List.of("Résumé"), segments("Re\u0301sume\u0301"), "NFC, as folder names");
        assertEquals(List.of("a b", "ünï"), segments("a b/ünï"));
        FolderPaths.Requested r = FolderPaths.parse(List.of("/ x /")).get(0);
        assertEquals("/ x /", r.path(), "the path as written is kept for the answer");
        assertEquals(List.of("x"), r.segments());
    }

    @Test
    void dr12_oneLeadingAndOneTrailingSlashMeanNothing() {
        assertEquals(List.of("Finance", "2026"), segments("/Finance/2026"));
        assertEquals(List.of("Finance", "2026"), segments("Finance/2026/"));
        assertEquals(List.of("Finance", "2026"), segments("/Finance/2026/"));
    }

    @Test
    void dr12_emptySegmentsDotsSeparatorsAndControlCharactersAreRefused() {
        for (String bad : List.of("", "/", "//", "a//b", "//a", "a//", " /a", "a/ ", "a/ /b", ".", "a/./b", "a/..", "../a",
                "a\\b", "a/b\u0000c", "a\nb", "a/b\rc", "x\u202Egpj.exe", "a\u2066b", "a/" + "n".repeat(256))) {
            ValidationException e = refused("Good", bad);
            assertEquals(1, e.errors().size(), bad);
            assertEquals("[1]", e.errors().get(0).field(), "the bad path is named by its index: " + bad);
            assertTrue(e.errors().get(0).message().startsWith("\""), e.errors().get(0).message());
        }
        assertEquals(List.of("n".repeat(255)), segments("n".repeat(255)), "255 characters are a name");
    }

    @Test
    void dr12_theErrorNamesThePathAndEveryBadOne() {
        ValidationException e = refused("ok/fine", "a//b", "fine", "..");
        assertEquals(List.of("[1]", "[3]"), e.errors().stream().map(ValidationException.FieldError::field).toList());
        assertTrue(e.errors().get(0).message().contains("\"a//b\""), e.errors().get(0).message());
        assertTrue(e.errors().get(1).message().contains("\"..\""), e.errors().get(1).message());
        ValidationException nul = refused("a\u0000b");
        assertTrue(nul.errors().get(0).message().startsWith("\"a\uFFFDb\""), "no control character is echoed");
        ValidationException bidi = refused("x\u202Eb");
        assertTrue(bidi.errors().get(0).message().startsWith("\"x\uFFFDb\""), "no override is echoed");
        ValidationException absent = refused("a", null);
        assertEquals("[1]", absent.errors().get(0).field());
    }

    @Test
    void dr12_limitsOnPathsDepthAndLength() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < FolderPaths.MAX_PATHS; i++) {
            many.add("p" + i);
        }
        assertEquals(FolderPaths.MAX_PATHS, FolderPaths.parse(many).size());
        many.add("one more");
        assertEquals("body", assertThrows(ValidationException.class, () -> FolderPaths.parse(many)).errors().get(0)
                .field());
        String deep = String.join("/", java.util.Collections.nCopies(FolderPaths.MAX_DEPTH, "d"));
        assertEquals(FolderPaths.MAX_DEPTH, segments(deep).size());
        assertEquals("[0]", refused(deep + "/d").errors().get(0).field());
        String longest = String.join("/", java.util.Collections.nCopies(16, "x".repeat(255)));
        assertTrue(longest.length() <= FolderPaths.MAX_LENGTH);
        assertEquals(16, segments(longest).size());
        assertEquals("[0]", refused("y".repeat(FolderPaths.MAX_LENGTH + 1)).errors().get(0).field());
        assertEquals(List.of(), FolderPaths.parse(List.of()), "an empty list is nothing to do");
        assertEquals("body", assertThrows(ValidationException.class, () -> FolderPaths.parse(null)).errors().get(0)
                .field());
    }
}
