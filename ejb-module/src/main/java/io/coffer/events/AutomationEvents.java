package io.coffer.events;

import io.coffer.shared.TenantId;
import java.time.Instant;
import java.util.UUID;

/** Records of {@link AutomationEvent}. */
public final class AutomationEvents {
    private AutomationEvents() {
    }

    /**
     * {@code automation.note}: a NOTE action wrote {@code text} into the activity stream, about the event that fired
     * {@code rule} (its room, link and document, when it named them). Actor: the system.
     */
    public record Note(TenantId tenant, UUID rule, String ruleName, String text, String triggeredBy, UUID room,
                       UUID link, UUID document, Instant at) implements AutomationEvent {
        public static final String TYPE = "automation.note";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
