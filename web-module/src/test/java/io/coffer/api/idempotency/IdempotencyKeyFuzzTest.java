package io.coffer.api.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * AB-6: the {@code Idempotency-Key} filter's own parsing. A key is accepted exactly when it is 1 to 255 visible ASCII
 * characters. The fingerprint of a request is a function of what identifies it and tells apart any two requests that
 * differ in it (method, raw path, raw query, media type, and the body when it is hashed, else the declared length and
 * digest), so a replay can only ever answer the same request; and the body handed on after fingerprinting is the
 * body sent, byte for byte, however long (FD-20).
 */
class IdempotencyKeyFuzzTest {

    record Req(String method, String path, String query, String type, boolean upload, long length, String digest,
               byte[] body) {

        /** What identifies the request for idempotency; the filter's hash must be injective over it. */
        List<Object> identity() {
            boolean hashed = body != null && !upload && length <= IdempotencyFilter.HASHED_BODY_LIMIT;
            boolean large = hashed && body.length > IdempotencyFilter.HASHED_BODY_LIMIT;
            return Arrays.asList(method, path, query, type,
                    hashed ? "body" : "declared",
                    hashed ? List.of(Arrays.hashCode(body), body.length, new String(body,
                            java.nio.charset.StandardCharsets.ISO_8859_1)) : null,
                    !hashed || large ? length : null, !hashed || large ? digest : null);
        }

        IdempotencyFilter.Fingerprint fingerprint() throws IOException {
            return IdempotencyFilter.fingerprint(method, path, query, type, upload, length, digest,
                    body == null ? null : new ByteArrayInputStream(body));
        }
    }

    static Req request(FuzzedDataProvider d) {
        String[] methods = {"POST", "PUT", "PATCH", "DELETE"};
        byte[] body = null;
        if (d.consumeBoolean()) {
            body = d.consumeBytes(d.consumeInt(0, 64));
            if (d.consumeInt(0, 15) == 0) { // now and then larger than the hashed part
                byte[] big = Arrays.copyOf(body, IdempotencyFilter.HASHED_BODY_LIMIT + d.consumeInt(-2, 3));
                body = big;
            }
        }
        // raw path and query are percent-encoded ASCII; header values are ASCII here
        return new Req(methods[d.consumeInt(0, 3)], d.consumeAsciiString(24),
                d.consumeBoolean() ? null : d.consumeAsciiString(16), d.consumeAsciiString(16), d.consumeBoolean(),
                d.consumeBoolean() ? -1 : d.consumeLong(-1, 1L << 40),
                d.consumeBoolean() ? null : d.consumeAsciiString(12), body);
    }

    static void checkBodyHandedOnWhole(Req r, IdempotencyFilter.Fingerprint f) throws IOException {
        if (f.body() == null) {
            return; // not read: the original stream goes on untouched
        }
        try (InputStream in = f.body()) {
            assertArrayEquals(r.body(), in.readAllBytes(), "the body handed on is the body sent");
        }
    }

    /** Found while writing the target: these pairs hashed alike before fields were length-prefixed and null marked. */
    @org.junit.jupiter.api.Test
    void ab6_regression_noQueryAndQueryNullAndBodiesThatSpellTheFieldsAreApart() throws IOException {
        Req plain = new Req("POST", "/api/v1/rooms", null, "application/json", false, 2, null, "{}".getBytes());
        Req queryNull = new Req("POST", "/api/v1/rooms", "null", "application/json", false, 2, null, "{}".getBytes());
        Req noBody = new Req("POST", "/x", null, "text/plain", false, -1, null, null);
        Req bodySpellingNoBody = new Req("POST", "/x", null, "text/plain", false, -1, null,
                "length:-1;digest:null\0".getBytes());
        Req digestNull = new Req("POST", "/x", null, "application/pdf", true, 5, "null", null);
        Req noDigest = new Req("POST", "/x", null, "application/pdf", true, 5, null, null);
        Req pathSplit = new Req("POST", "/a\0b", "c", "t", false, -1, null, null);
        Req querySplit = new Req("POST", "/a", "b\0c", "t", false, -1, null, null);
        for (Req[] pair : new Req[][] {{plain, queryNull}, {noBody, bodySpellingNoBody}, {digestNull, noDigest},
                {pathSplit, querySplit}}) {
            assertEquals(false, pair[0].fingerprint().hash().equals(pair[1].fingerprint().hash()),
                    pair[0] + " / " + pair[1]);
        }
    }

    @FuzzTest(maxDuration = "4s")
    void ab6_keysAreCheckedAndFingerprintsTellRequestsApartAndKeepTheBody(FuzzedDataProvider d) throws IOException {
        String key = d.consumeString(300);
        boolean visibleAscii = !key.isEmpty() && key.length() <= 255
                && key.codePoints().allMatch(c -> c > ' ' && c < 0x7f);
        assertEquals(visibleAscii, IdempotencyFilter.validKey(key), "key '" + key + "'");

        Req a = request(d);
        Req b = d.consumeBoolean() ? a : request(d);
        IdempotencyFilter.Fingerprint fa = a.fingerprint();
        IdempotencyFilter.Fingerprint fb = b.fingerprint();
        checkBodyHandedOnWhole(a, fa);
        checkBodyHandedOnWhole(b, fb);
        assertEquals(a.fingerprint().hash(), fa.hash(), "deterministic");
        assertEquals(Objects.equals(a.identity(), b.identity()), fa.hash().equals(fb.hash()),
                "same fingerprint exactly for the same request: " + a + " / " + b);
    }
}
