package io.coffer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OPS-9: which incoming X-Request-Id values are kept, and what replaces the others. */
class RequestIdFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "req-1", "A.b_C-9", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void ops9_aSaneTokenIsKept(String id) {
        assertEquals(id, RequestIdFilter.idFor(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "a/b", "<x>", "a\"b", "line\nbreak", "é",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
    void ops9_anythingElseIsReplacedByANewRandomId(String id) {
        String got = RequestIdFilter.idFor(id);
        assertNotEquals(id, got);
        assertTrue(got.matches("[0-9a-f]{32}"), got);
    }

    @Test
    void ops9_noIdGetsANewOneEachTime() {
        String a = RequestIdFilter.idFor(null);
        String b = RequestIdFilter.idFor(null);
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertNotEquals(a, b);
    }
}
