package io.coffer.api.content;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110): {@code a-b}, {@code a-} or {@code -n}. Several
 * ranges, other units or a malformed header are ignored (the whole body is served), as the RFC allows; a range
 * that starts past the end is unsatisfiable (416).
 */
record ByteRange(long start, long end) {

    long length() {
        return end - start + 1;
    }

    /** Empty: serve everything. {@link Unsatisfiable}: answer 416. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    throw new Unsatisfiable();
                }
                if (size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start >= size) {
                throw new Unsatisfiable();
            }
            if (end < start) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The range cannot be served: 416 with {@code Content-Range: bytes *}{@code /size}. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }
}
