package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Does a refused request cost the server a password hash (PBKDF2, ~0.2 s on these cores)? Timed against references
 * measured in the same run, interleaved so that load on the machine falls on all three alike: the request under test
 * must cost about what a request refused before any work costs, far less than a request that costs one hash.
 */
final class HashCost {
    private static final int SAMPLES = 7;

    private HashCost() {
    }

    /**
     * Asserts that {@code refused} (answering {@code status}) costs less than half a hash more than {@code cheap} (a
     * request known to cost no hash), where a hash is what {@code oneHash} (a request known to cost one) costs more
     * than {@code cheap}.
     */
    static void assertNoHash(String what, int status, Supplier<HttpResponse<String>> refused,
                             Supplier<HttpResponse<String>> cheap, Supplier<HttpResponse<String>> oneHash) {
        long[] tested = new long[SAMPLES];
        long[] reference = new long[SAMPLES];
        long[] hashed = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            reference[i] = timed(cheap);
            tested[i] = timed(() -> {
                HttpResponse<String> r = refused.get();
                assertEquals(status, r.statusCode(), r.body());
                return r;
            });
            hashed[i] = timed(oneHash);
        }
        long base = median(reference);
        long hash = median(hashed) - base;
        long extra = median(tested) - base;
        assertTrue(hash > 20_000_000L, "the one-hash reference costs a hash: " + hash / 1_000_000 + " ms");
        assertTrue(extra < hash / 2, what + " costs " + extra / 1_000_000 + " ms more than a request refused before "
                + "any work, against " + hash / 1_000_000 + " ms for one password hash: it hashes");
    }

    private static long timed(Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        request.get();
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
