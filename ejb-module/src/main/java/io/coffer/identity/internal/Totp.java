package io.coffer.identity.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238 over RFC 4226's HOTP) with the JDK's {@code Mac}: HMAC-SHA-1, 6 digits, 30-second steps counted from
 * the Unix epoch (MFA-1). A code is accepted for the current step and one step either side, and only for a step after
 * the last one accepted (MFA-3, a replay is refused). Pure arithmetic: the secret, the time and the last step come
 * from the caller.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Steps accepted either side of the current one (clock drift, a code typed at a step's end). */
    public static final int WINDOW = 1;
    /** 160 bits: RFC 4226's recommended length for an HMAC-SHA-1 key. */
    public static final int SECRET_BYTES = 20;

    private static final int MODULUS = 1_000_000;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Totp() {
    }

    /** The time step of {@code at}: whole 30-second steps since the epoch (T0 = 0). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** RFC 4226's HOTP of {@code counter}: HMAC-SHA-1, dynamic truncation, the low six decimal digits. */
    public static String code(byte[] secret, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % MODULUS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * The step whose code {@code code} is, among the window around {@code now}'s step and after {@code lastStep}
     * (null: none accepted yet); empty when none matches (a wrong, stale or replayed code). The digits are compared in
     * constant time.
     */
    public static OptionalLong acceptedStep(byte[] secret, String code, Instant now, Long lastStep) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String typed = code.strip().replace(" ", "");
        if (typed.length() != DIGITS || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            boolean same = java.security.MessageDigest.isEqual(code(secret, s).getBytes(), typed.getBytes());
            if (same && (lastStep == null || s > lastStep) && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    /** RFC 4648 base32 without padding, as authenticator apps read the {@code secret} of an otpauth URL. */
    public static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }
}
