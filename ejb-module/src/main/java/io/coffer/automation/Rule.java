package io.coffer.automation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An automation rule (docs/features/automation.md): when an event of type {@code trigger} happens and its fields
 * match {@code conditions}, do {@code action}. {@code builtIn} names a rule Coffer defines ({@code onboarding}):
 * it can be disabled, never deleted or rewritten.
 */
public record Rule(RuleId id, String name, String trigger, Conditions conditions, Action action, boolean enabled,
                   String builtIn, UUID createdBy, Instant createdAt, Instant updatedAt) {

    /**
     * What the event must carry; null fields match anything. {@code emailDomain} is the visitor's email domain
     * (without {@code @}); {@code count} asks for at least {@code atLeast} occurrences within {@code withinMinutes}
     * for the same link and visitor, this one included.
     */
    public record Conditions(UUID dataroomId, UUID linkId, UUID documentId, String email, String emailDomain,
                             Count count) {
        public static final Conditions NONE = new Conditions(null, null, null, null, null, null);
    }

    public record Count(int atLeast, int withinMinutes) {
    }

    /**
     * {@code EMAIL} (to: addresses or member ids; {@code debounceMinutes} for view notifications), {@code WEBHOOK}
     * (webhookId), {@code REVOKE_LINK} (the event's link), {@code NOTE} (text into the activity stream). The built-in
     * onboarding rule's action is {@code EMAIL} to the new member ({@code to} empty: the welcome mail).
     */
    public record Action(String type, List<String> to, UUID webhookId, String text, Integer debounceMinutes) {
        public Action {
            to = to == null ? List.of() : List.copyOf(to);
        }
    }

    /** What a create or PATCH body says; for a PATCH, {@code present} names the fields it carried. */
    public record Input(String name, String trigger, Conditions conditions, Action action, Boolean enabled) {
    }

    /** One page of rules and the cursor of the next. */
    public record Page(List<Rule> items, RuleId next) {
    }
}
