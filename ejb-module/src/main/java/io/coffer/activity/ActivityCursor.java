package io.coffer.activity;

import io.coffer.shared.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The keyset position of {@code GET /activity} (the time and id of the last item of a page), opaque to clients:
 * base64url of the position (microseconds since the epoch, the id) and a check value over it, 40 characters, so that
 * an edited cursor is refused (400 {@code validation}, ACT-8) instead of silently starting elsewhere. A forged valid
 * cursor reaches nothing more: the query stays in the caller's tenant and filter.
 */
public record ActivityCursor(Instant at, UUID id) {

    private static final int POSITION = 8 + 16;
    private static final int CHECK = 6;

    public ActivityCursor {
        at = at.truncatedTo(ChronoUnit.MICROS); // what the database keeps
    }

    public String encode() {
        ByteBuffer b = ByteBuffer.allocate(POSITION + CHECK);
        b.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, at));
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        b.put(check(Arrays.copyOf(b.array(), POSITION)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The position a cursor names; null for none; {@link ValidationException} for anything Coffer did not write. */
    public static ActivityCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            if (raw.length == POSITION + CHECK && cursor.equals(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(raw)) && MessageDigest.isEqual(check(Arrays.copyOf(raw, POSITION)),
                    Arrays.copyOfRange(raw, POSITION, POSITION + CHECK))) {
                ByteBuffer b = ByteBuffer.wrap(raw);
                Instant at = Instant.EPOCH.plus(b.getLong(), ChronoUnit.MICROS);
                return new ActivityCursor(at, new UUID(b.getLong(), b.getLong()));
            }
        } catch (RuntimeException malformed) {
            // refused below, one answer for every reason
        }
        throw ValidationException.of("cursor", "is not a cursor of this list");
    }

    private static byte[] check(byte[] position) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("coffer-activity-cursor".getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha.digest(position), CHECK);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
