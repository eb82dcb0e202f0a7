package io.coffer.activity;

import io.coffer.shared.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The keyset position of {@code GET /activity} (the time and id of the last item of a page), opaque to clients:
 * base64url of the position and a check value over it, so that an edited cursor is refused (400 {@code validation},
 * ACT-8) instead of silently starting elsewhere. A forged valid cursor reaches nothing more: the query stays in the
 * caller's tenant and filter.
 */
public record ActivityCursor(Instant at, UUID id) {

    private static final String VERSION = "a1";

    public String encode() {
        String body = VERSION + "|" + at + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString((body + "|" + check(body))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; null for none; {@link ValidationException} for anything Coffer did not write. */
    public static ActivityCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|");
            if (parts.length == 4 && VERSION.equals(parts[0])) {
                String body = parts[0] + "|" + parts[1] + "|" + parts[2];
                if (MessageDigest.isEqual(check(body).getBytes(StandardCharsets.UTF_8),
                        parts[3].getBytes(StandardCharsets.UTF_8))) {
                    return new ActivityCursor(Instant.parse(parts[1]), UUID.fromString(parts[2]));
                }
            }
        } catch (RuntimeException malformed) {
            // refused below, one answer for every reason
        }
        throw ValidationException.of("cursor", "is not a cursor of this list");
    }

    private static String check(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("coffer-activity-cursor|" + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
