package io.coffer.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** MFA-1, MFA-3: the TOTP arithmetic against RFC 6238's published vectors, its window and its replay rule. */
class TotpTest {

    /** RFC 6238 appendix B: the SHA-1 seed is the ASCII of "12345678901234567890". */
    static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void mfa1_rfc6238Sha1VectorsGiveTheirCodes() {
        // time (s) -> the RFC's 8-digit TOTP; ours is its low six digits (the same truncation, modulo 10^6)
        long[][] vectors = {
            {59L, 94287082L}, {1111111109L, 7081804L}, {1111111111L, 14050471L}, {1234567890L, 89005924L},
            {2000000000L, 69279037L}, {20000000000L, 65353130L}};
        for (long[] v : vectors) {
            Instant at = Instant.ofEpochSecond(v[0]);
            String expected = String.format("%06d", v[1] % 1_000_000);
            assertEquals(expected, Totp.code(RFC_SEED, Totp.step(at)), "RFC 6238 vector at T=" + v[0]);
            assertEquals(OptionalLong.of(Totp.step(at)), Totp.acceptedStep(RFC_SEED, expected, at, null));
        }
        assertEquals(1L, Totp.step(Instant.ofEpochSecond(59)));
        assertEquals(0x23523EC, Totp.step(Instant.ofEpochSecond(1111111109)));
    }

    @Test
    void mfa1_aCodeIsAcceptedOneStepEitherSideAndNoFurther() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long current = Totp.step(now);
        for (long delta = -1; delta <= 1; delta++) {
            assertEquals(OptionalLong.of(current + delta),
                    Totp.acceptedStep(RFC_SEED, Totp.code(RFC_SEED, current + delta), now, null), "step " + delta);
        }
        for (long delta : new long[] {-3, -2, 2, 3}) {
            assertTrue(Totp.acceptedStep(RFC_SEED, Totp.code(RFC_SEED, current + delta), now, null).isEmpty(),
                    "step " + delta + " is outside the window");
        }
        assertTrue(Totp.acceptedStep(RFC_SEED, "12345", now, null).isEmpty(), "five digits");
        assertTrue(Totp.acceptedStep(RFC_SEED, "abcdef", now, null).isEmpty(), "not digits");
        assertTrue(Totp.acceptedStep(RFC_SEED, null, now, null).isEmpty());
        String spaced = Totp.code(RFC_SEED, current).substring(0, 3) + " " + Totp.code(RFC_SEED, current).substring(3);
        assertEquals(OptionalLong.of(current), Totp.acceptedStep(RFC_SEED, spaced, now, null), "as apps show it");
    }

    @Test
    void mfa3_aStepAtOrBeforeTheLastAcceptedIsRefused() {
        Instant now = Instant.ofEpochSecond(2000000000);
        long current = Totp.step(now);
        String code = Totp.code(RFC_SEED, current);
        assertEquals(OptionalLong.of(current), Totp.acceptedStep(RFC_SEED, code, now, current - 1));
        assertTrue(Totp.acceptedStep(RFC_SEED, code, now, current).isEmpty(), "the same code again: a replay");
        assertTrue(Totp.acceptedStep(RFC_SEED, Totp.code(RFC_SEED, current - 1), now, current).isEmpty(),
                "an earlier step's code after a later one was used");
        assertEquals(OptionalLong.of(current + 1),
                Totp.acceptedStep(RFC_SEED, Totp.code(RFC_SEED, current + 1), now, current), "the next step's code");
    }

    @Test
    void theSecretIsRfc4648Base32WithoutPadding() {
        // RFC 4648 section 10 vectors, padding removed
        assertEquals("MY", Totp.base32("f".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6", Totp.base32("foo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YQ", Totp.base32("foob".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTBOI", Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(RFC_SEED));
    }
}
