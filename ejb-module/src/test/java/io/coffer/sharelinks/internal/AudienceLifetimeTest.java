package io.coffer.sharelinks.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.documents.Audience;
import org.junit.jupiter.api.Test;

/** SL-23: documents keeps a visitor session's renditions at least as long as the session lives, plus 5 minutes. */
class AudienceLifetimeTest {

    @Test
    void sl23_aSessionsRenditionsAreKeptAsLongAsItsVisitorTokenLivesPlusAMargin() {
        assertTrue(Audience.RENDITIONS_KEPT.compareTo(VisitorTokens.LIFETIME.plusMinutes(5)) >= 0,
                "renditions kept " + Audience.RENDITIONS_KEPT + ", a session lives " + VisitorTokens.LIFETIME);
    }
}
