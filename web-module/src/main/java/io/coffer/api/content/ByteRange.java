package io.coffer.api.content;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 §14.1.2): {@code a-b}, {@code a-} or {@code -n}, the
 * unit case-insensitive, optional spaces or tabs around the range. Several ranges, other units, anything but digits,
 * or a last byte before the first are ignored (the whole body is served), as the RFC allows; a range that starts past
 * the end, a zero suffix or any range of an empty representation is unsatisfiable (416). Numbers too large for a
 * {@code long} are read as what they are, larger than any representation (AB-2).
 */
record ByteRange(long start, long end) {

    long length() {
        return end - start + 1;
    }

    /** Empty: serve everything. {@link Unsatisfiable}: answer 416. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !unitIsBytes(header)) {
            return Optional.empty();
        }
        int from = 6;
        int to = header.length();
        while (from < to && isOws(header.charAt(from))) {
            from++;
        }
        while (to > from && isOws(header.charAt(to - 1))) {
            to--;
        }
        int dash = header.indexOf('-', from);
        if (dash < 0 || dash >= to) {
            return Optional.empty();
        }
        if (!digits(header, from, dash) || !digits(header, dash + 1, to) || (from == dash && dash + 1 == to)) {
            return Optional.empty();
        }
        if (from == dash) { // -suffix
            long suffix = number(header, dash + 1, to);
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(suffix >= size ? 0 : size - suffix, size - 1));
        }
        long first = number(header, from, dash);
        long last = dash + 1 == to ? Long.MAX_VALUE : number(header, dash + 1, to);
        if (dash + 1 < to && compare(header, dash + 1, to, from, dash) < 0) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** {@code bytes=}, compared in ASCII only ({@code ſ} upper-cases to {@code S} but is no letter of the unit). */
    private static boolean unitIsBytes(String h) {
        if (h.length() < 6 || h.charAt(5) != '=') {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            char c = h.charAt(i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != "bytes".charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Compares two runs of digits by value, however long. */
    private static int compare(String s, int aFrom, int aTo, int bFrom, int bTo) {
        while (aFrom < aTo - 1 && s.charAt(aFrom) == '0') {
            aFrom++;
        }
        while (bFrom < bTo - 1 && s.charAt(bFrom) == '0') {
            bFrom++;
        }
        if (aTo - aFrom != bTo - bFrom) {
            return Integer.compare(aTo - aFrom, bTo - bFrom);
        }
        return s.substring(aFrom, aTo).compareTo(s.substring(bFrom, bTo));
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The digits' value, or {@link Long#MAX_VALUE} when it is larger (no representation is that large). */
    private static long number(String s, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** The range cannot be served: 416 with {@code Content-Range: bytes *}{@code /size}. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }
}
