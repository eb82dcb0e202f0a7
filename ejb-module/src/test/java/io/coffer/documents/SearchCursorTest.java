package io.coffer.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coffer.shared.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SearchCursorTest {

    @Test
    void sr7_aCursorIsAnOffsetOfThisSearchAndAnythingElseIsRefused() {
        assertEquals(0, Search.offset(null));
        assertEquals(50, Search.offset(Search.cursor(50)));
        for (String bad : new String[] {"bogus", "%%%", enc("s1:-1"), enc("s1:0"), enc("s1:1000"), enc("s2:10"),
                enc("s1:ten")}) {
            assertThrows(ValidationException.class, () -> Search.offset(bad), bad);
        }
    }

    @Test
    void sr7_aQueryIsOneTo200CharactersWithoutControlCharacters() {
        assertEquals("deal terms", Search.query("  deal terms "));
        for (String bad : new String[] {null, "", "   ", "x".repeat(201), "a\tb", "a\u0000b"}) {
            assertThrows(ValidationException.class, () -> Search.query(bad));
        }
        assertEquals(50, Search.limit(null));
        assertEquals(200, Search.limit(10_000));
        assertEquals(1, Search.limit(-3));
    }

    private static String enc(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
