package io.coffer.identity.internal;

import io.coffer.shared.error.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input rules shared by identity's flows. */
public final class Checks {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{1,63}");

    private Checks() {
    }

    public static String email(String email, String field) {
        String trimmed = email == null ? "" : email.trim();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            throw ValidationException.of(field, "must be an email address");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    public static String displayName(String name, String field) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 100 || stripped.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of(field, "must be 1 to 100 characters without control characters");
        }
        return stripped;
    }
}
