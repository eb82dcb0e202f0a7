package io.coffer.identity.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coffer.shared.error.ValidationException;
import org.junit.jupiter.api.Test;

/** ID-15: 12 to 256 characters, the full length counts, no composition rules, notorious passwords refused. */
class PasswordPolicyTest {

    @Test
    void id15_twelveToTwoHundredFiftySixCharactersWithoutCompositionRules() {
        assertDoesNotThrow(() -> Passwords.checkPolicy("correct horse", "password"));
        assertDoesNotThrow(() -> Passwords.checkPolicy("abcdefghijkl", "password"));
        assertDoesNotThrow(() -> Passwords.checkPolicy("x".repeat(128) + "y".repeat(127) + "z", "password"));
        ValidationException tooShort = assertThrows(ValidationException.class,
                () -> Passwords.checkPolicy("abcdefghijk", "newPassword"));
        assertEquals("newPassword", tooShort.errors().get(0).field());
        assertThrows(ValidationException.class, () -> Passwords.checkPolicy("ab".repeat(128) + "c", "password"));
        assertThrows(ValidationException.class, () -> Passwords.checkPolicy(null, "password"));
    }

    @Test
    void id15_charactersAreCountedNotUtf16Units() {
        String twelveEmoji = "🔒🔑🗝️🔐".repeat(3); // 12 code points plus variation selectors
        assertDoesNotThrow(() -> Passwords.checkPolicy(twelveEmoji, "password"));
        assertThrows(ValidationException.class, () -> Passwords.checkPolicy("🔒🔑🔐".repeat(3), "password"));
    }

    @Test
    void id15_notoriousPasswordsAreRefused() {
        assertThrows(ValidationException.class, () -> Passwords.checkPolicy("Password1234", "password"));
        assertThrows(ValidationException.class, () -> Passwords.checkPolicy("aaaaaaaaaaaaaaaa", "password"));
        assertThrows(ValidationException.class, () -> Passwords.checkPolicy("abababababababab", "password"));
    }
}
