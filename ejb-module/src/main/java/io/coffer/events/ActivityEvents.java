package io.coffer.events;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;

/** The events the activity module publishes ({@link ActivityEvent}); ids only, past tense. */
public final class ActivityEvents {
    private ActivityEvents() {
    }

    /**
     * {@code privacy.erased}: an OWNER or ADMIN had a visitor's personal data erased across the tenant. Carries who
     * asked and when, never the email (the audit log records the erasure, not the data: ACT-15).
     */
    public record PrivacyErased(TenantId tenant, UserId actor, Instant at) implements ActivityEvent {
        @Override
        public String type() {
            return "privacy.erased";
        }

        @Override
        public String toString() {
            return "PrivacyErased[" + tenant + ", " + actor + ", " + at + "]";
        }
    }
}
