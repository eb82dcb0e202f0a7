package io.coffer.activity.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.identity.IdentityEvents;
import io.coffer.shared.TenantId;
import io.coffer.sharelinks.ShareLinkEvents;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityObserverTest {
    final TenantId tenant = new TenantId(UUID.randomUUID());
    final Instant at = Instant.parse("2026-12-02T00:00:00Z");

    ShareLinkEvents.DocumentViewed viewed(int seconds) {
        return new ShareLinkEvents.DocumentViewed(tenant, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "v@v.test", UUID.randomUUID(), 1, seconds, "192.0.2.1", at);
    }

    @Test
    void act17_aPageViewIsStoredHereAndAPageTimeBeaconGoesToTheBeaconQueue() {
        assertTrue(ActivityObserver.stored(viewed(0)), "the page view (seconds 0) is an event of the store");
        assertFalse(ActivityObserver.stored(viewed(12)), "a page-time beacon is the beacon queue's");
    }

    @Test
    void act18_anEventWithoutATenantIsNotStored() {
        assertFalse(ActivityObserver.stored(new IdentityEvents.LoginFailed(null, null, "192.0.2.1", at)));
        assertTrue(ActivityObserver.stored(new IdentityEvents.LoginFailed(tenant, null, "192.0.2.1", at)));
    }
}
