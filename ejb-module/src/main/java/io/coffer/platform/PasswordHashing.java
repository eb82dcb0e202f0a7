package io.coffer.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Password hashing for every password Coffer keeps (accounts, share links): Jakarta Security's
 * {@link Pbkdf2PasswordHash}, PBKDF2-HMAC-SHA512, 210,000 iterations, 32-byte salt. Never reversible. Costly on
 * purpose (0.1-0.5 s on two cores): callers throttle before they ask ({@link Throttling}). Moved here from
 * identity.internal.Passwords so that share-link passwords use the same hash without reaching into identity; the
 * password policy (length, notorious passwords) stays identity's.
 */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    Pbkdf2PasswordHash hash;

    private String dummy;

    /** A running mean of how long one verification takes here (nanoseconds), for {@link #waitLikeAVerification}. */
    private volatile long typicalNanos = 200_000_000L;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummy = hash.generate("a dummy password that nobody has".toCharArray());
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    /** Verifies against {@code stored}, or against a dummy hash when there is none (same cost either way). */
    public boolean matches(String password, String stored) {
        char[] candidate = password == null ? new char[0] : password.toCharArray();
        long start = System.nanoTime();
        try {
            if (stored == null) {
                hash.verify(candidate, dummy);
                return false;
            }
            return hash.verify(candidate, stored);
        } finally {
            typicalNanos = (typicalNanos * 7 + (System.nanoTime() - start)) / 8;
        }
    }

    /**
     * Takes as long as a verification, without computing one: where no secret can be right (an unknown account asked
     * from an address over its limit, ID-30), the answer comes after the same time, at no CPU cost.
     */
    public void waitLikeAVerification() {
        try {
            long nanos = typicalNanos;
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
