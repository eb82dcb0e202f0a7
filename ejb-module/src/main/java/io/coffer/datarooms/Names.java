package io.coffer.datarooms;

import io.coffer.shared.error.ValidationException;
import java.text.Normalizer;

/**
 * Display names of rooms, folders and documents. Names are only ever shown (storage uses generated ids), but still:
 * no path separators or {@code ..}, no NUL, CR/LF or other control characters, no bidirectional overrides (which
 * disguise {@code gpj.exe} as {@code exe.jpg}), no unpaired surrogate (a JSON {@code "\\ud800"} is no character and
 * would be stored as {@code ?}: AB-3), at most 255 characters after NFC normalisation and trimming.
 */
public final class Names {
    private Names() {
    }

    public static String clean(String name, String field) {
        String n = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC).strip();
        if (n.isEmpty() || n.length() > 255) {
            throw ValidationException.of(field, "must be 1 to 255 characters");
        }
        if (n.equals(".") || n.equals("..") || n.contains("/") || n.contains("\\")) {
            throw ValidationException.of(field, "must not contain / or \\ or be . or ..");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n.length() && Character.isLowSurrogate(n.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw ValidationException.of(field, "must be valid Unicode text");
            }
            if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200E' || c == '\u200F' || c == '\u061C') {
                throw ValidationException.of(field, "must not contain control or bidirectional-override characters");
            }
        }
        return n;
    }
}
