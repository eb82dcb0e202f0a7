package io.coffer.api.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AB-2: the {@code Range} header parser against a reference reading of RFC 9110 §14.1.2 written with arbitrary
 * precision numbers. For every header and size the parser answers exactly what the reference does: serve whole
 * (malformed, several ranges, another unit, last before first), 416 (first byte past the end, a zero suffix, an empty
 * representation) or the one range, clamped to the representation; and it throws nothing else.
 */
class RangeHeaderFuzzTest {

    /** {@code bytes=first-[last]} or {@code bytes=-suffix}; the unit case-insensitive, optional whitespace. */
    private static final Pattern SPEC = Pattern.compile("[ \\t]*(?:([0-9]+)-([0-9]*)|-([0-9]+))[ \\t]*");

    /** The reference: empty = serve whole; {@code null} = unsatisfiable; else {start, end}. */
    static Optional<long[]> reference(String header, long size) {
        if (header == null || header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("bytes=")) {
            return Optional.empty();
        }
        Matcher m = SPEC.matcher(header.substring(6));
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger big = BigInteger.valueOf(size);
        if (m.group(3) != null) {
            BigInteger suffix = new BigInteger(m.group(3));
            if (suffix.signum() == 0 || size == 0) {
                return null;
            }
            BigInteger start = big.subtract(suffix).max(BigInteger.ZERO);
            return Optional.of(new long[] {start.longValueExact(), size - 1});
        }
        BigInteger first = new BigInteger(m.group(1));
        if (!m.group(2).isEmpty() && new BigInteger(m.group(2)).compareTo(first) < 0) {
            return Optional.empty(); // invalid: ignored
        }
        if (first.compareTo(big) >= 0) {
            return null;
        }
        BigInteger last = m.group(2).isEmpty() ? big.subtract(BigInteger.ONE)
                : new BigInteger(m.group(2)).min(big.subtract(BigInteger.ONE));
        return Optional.of(new long[] {first.longValueExact(), last.longValueExact()});
    }

    static void check(String header, long size) {
        Optional<long[]> expected = reference(header, size);
        Optional<ByteRange> actual;
        try {
            actual = ByteRange.parse(header, size);
        } catch (ByteRange.Unsatisfiable e) {
            assertEquals(null, expected == null ? null : "satisfiable", "416 for " + header + " of " + size);
            return;
        }
        assertTrue(expected != null, "expected 416 for '" + header + "' of " + size + ", got " + actual);
        if (expected.isEmpty()) {
            assertTrue(actual.isEmpty(), "expected the whole body for '" + header + "' of " + size + ", got " + actual);
            return;
        }
        ByteRange r = actual.orElseThrow(() -> new AssertionError("expected a range for '" + header + "' of " + size));
        assertEquals(expected.get()[0], r.start(), "start of '" + header + "' of " + size);
        assertEquals(expected.get()[1], r.end(), "end of '" + header + "' of " + size);
        assertTrue(r.start() >= 0 && r.end() < size && r.length() >= 1, "inside the representation: '" + header
                + "' of " + size + " → " + r);
    }

    @FuzzTest(maxDuration = "4s")
    void ab2_theRangeParserAgreesWithRfc9110(FuzzedDataProvider data) {
        long size = switch (data.consumeInt(0, 3)) {
            case 0 -> 0;
            case 1 -> data.consumeLong(0, 100);
            case 2 -> data.consumeLong() & Long.MAX_VALUE; // consumeLong(0, MAX) can answer negatives
            default -> Long.MAX_VALUE;
        };
        String header = data.consumeBoolean() ? "bytes=" + data.consumeRemainingAsString()
                : data.consumeRemainingAsString();
        check(header, size);
    }
}
