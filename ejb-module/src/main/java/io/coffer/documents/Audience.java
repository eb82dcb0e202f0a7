package io.coffer.documents;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Whom watermarked renditions are made for (a share link's visitor session): documents caches them per audience and
 * knows nothing else of it. An audience's renditions go when its owner says it ended
 * ({@link DelegatedAccess#forget}), and are swept once none was written or read for {@link #RENDITIONS_KEPT}: an audience
 * must not live longer than that without asking again (a visitor session lives 30 minutes).
 */
public record Audience(UUID value) {

    /** How long an audience's renditions are kept after the last one was made. */
    public static final Duration RENDITIONS_KEPT = Duration.ofMinutes(35);

    public Audience {
        Objects.requireNonNull(value, "audience");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
