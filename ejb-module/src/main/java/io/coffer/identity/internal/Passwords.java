package io.coffer.identity.internal;

import io.coffer.shared.error.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;

/**
 * Password policy and hashing (ID-15): 12 to 256 characters, the full length counts, no composition rules, a few
 * notorious passwords refused; hashed by {@link io.coffer.platform.PasswordHashing} (PBKDF2-HMAC-SHA512,
 * 210,000 iterations, 32-byte salt). Unknown users are checked against a dummy hash so that a wrong email costs the
 * same time as a wrong password (ID-1).
 */
@ApplicationScoped
public class Passwords {

    static final int MIN = 12;
    static final int MAX = 256;
    private static final Set<String> NOTORIOUS = Set.of("123456789012", "1234567890123", "12345678901234",
            "password1234", "passwordpassword", "qwertyuiopas", "qwertyuiop12", "111111111111", "000000000000",
            "aaaaaaaaaaaa", "iloveyou1234", "letmeinletmein", "administrator", "welcome12345", "changeme1234");

    @Inject
    io.coffer.platform.PasswordHashing hashing;

    /** Refuses a password outside the policy with 400 {@code validation} on {@code field}. */
    public static void checkPolicy(String password, String field) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN || length > MAX) {
            throw ValidationException.of(field, "must be " + MIN + " to " + MAX + " characters");
        }
        if (NOTORIOUS.contains(password.toLowerCase(Locale.ROOT)) || password.codePoints().distinct().count() < 3) {
            throw ValidationException.of(field, "is too common; choose a longer phrase");
        }
    }

    public String hash(String password) {
        return hashing.hash(password);
    }

    /** Verifies against {@code stored}, or against the dummy hash when there is no user (same cost either way). */
    public boolean matches(String password, String stored) {
        return hashing.matches(password, stored);
    }

    /** As long as {@link #matches} takes, without a hash (see {@code PasswordHashing.waitLikeAVerification}). */
    public void waitLikeAVerification() {
        hashing.waitLikeAVerification();
    }
}
