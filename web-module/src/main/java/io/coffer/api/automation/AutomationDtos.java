package io.coffer.api.automation;

import io.coffer.automation.Rule;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of automation rules (contract: "Activity, automation, audit"). */
public final class AutomationDtos {
    private AutomationDtos() {
    }

    @Schema(name = "AutomationCount", description = "At least atLeast occurrences within withinMinutes, for the same"
            + " link and visitor (this one included)")
    public record Count(@Schema(required = true, minimum = "1", maximum = "10000") int atLeast,
                        @Schema(required = true, minimum = "1", maximum = "43200") int withinMinutes) {
    }

    @Schema(name = "AutomationConditions", description = "Every field named must match the event; absent fields match"
            + " anything")
    public record Conditions(@Schema(format = "uuid", nullable = true) String dataroomId,
                             @Schema(format = "uuid", nullable = true) String linkId,
                             @Schema(format = "uuid", nullable = true) String documentId,
                             @Schema(maxLength = 320, nullable = true, description = "The visitor's email")
                             String email,
                             @Schema(maxLength = 253, nullable = true, description = "The visitor's email domain")
                             String emailDomain,
                             @Schema(nullable = true) Count count) {
        static Conditions of(Rule.Conditions c) {
            return new Conditions(str(c.dataroomId()), str(c.linkId()), str(c.documentId()), c.email(),
                    c.emailDomain(), c.count() == null ? null : new Count(c.count().atLeast(),
                    c.count().withinMinutes()));
        }
    }

    /** One recipient of an EMAIL action: an email address or a member id. */
    @Schema(name = "AutomationRecipient", type = SchemaType.STRING, maxLength = 320,
            description = "An email address or a member's user id")
    public static final class Recipient {
        private Recipient() {
        }
    }

    @Schema(name = "AutomationAction")
    public record Action(@Schema(required = true, enumeration = {"EMAIL", "WEBHOOK", "REVOKE_LINK", "NOTE"})
                         String type,
                         @Schema(type = SchemaType.ARRAY, implementation = Recipient.class, maxItems = 20,
                                 description = "EMAIL: email addresses or member ids", nullable = true)
                         List<String> to,
                         @Schema(format = "uuid", nullable = true, description = "WEBHOOK: the webhook to call")
                         String webhookId,
                         @Schema(maxLength = 2000, nullable = true, description = "NOTE: the text noted") String text,
                         @Schema(minimum = "0", maximum = "10080", nullable = true,
                                 description = "EMAIL on document.viewed or link.opened: at most one mail per link"
                                         + " and visitor within this many minutes (default 60, 0 = every event)")
                         Integer debounceMinutes) {
        static Action of(Rule.Action a) {
            return new Action(a.type(), "EMAIL".equals(a.type()) ? a.to() : null, str(a.webhookId()), a.text(),
                    a.debounceMinutes());
        }
    }

    @Schema(name = "AutomationRuleRequest", description = "name, trigger and action are required to create")
    public record Request(@Schema(maxLength = 200) String name,
                          @Schema(maxLength = 100, description = "An event type of the contract") String trigger,
                          Conditions conditions, Action action, Boolean enabled) {
    }

    @Schema(name = "AutomationRule")
    @JsonbPropertyOrder({"id", "name", "trigger", "conditions", "action", "enabled", "builtIn", "createdAt",
            "updatedAt"})
    public record View(@Schema(required = true, format = "uuid") String id,
                       @Schema(required = true, maxLength = 200) String name,
                       @Schema(required = true, maxLength = 100) String trigger,
                       @Schema(required = true) Conditions conditions,
                       @Schema(required = true) Action action,
                       @Schema(required = true) boolean enabled,
                       @Schema(required = true, description = "A rule Coffer defines (the onboarding welcome mail):"
                               + " it can be disabled, not deleted") boolean builtIn,
                       @Schema(required = true) Instant createdAt,
                       @Schema(required = true) Instant updatedAt) {
        static View of(Rule r) {
            return new View(r.id().toString(), r.name(), r.trigger(), Conditions.of(r.conditions()),
                    Action.of(r.action()), r.enabled(), r.builtIn() != null, r.createdAt(), r.updatedAt());
        }
    }

    @Schema(name = "AutomationRulePage")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Page(@Schema(required = true, maxItems = 200) List<View> items,
                       @Schema(required = true, nullable = true, format = "uuid",
                               description = "Pass as ?cursor= for the next page.") String nextCursor) {
    }

    @Schema(name = "DigestSetting", description = "Whether the caller gets the daily digest of their links' activity")
    public record Digest(@Schema(required = true) Boolean enabled) {
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
