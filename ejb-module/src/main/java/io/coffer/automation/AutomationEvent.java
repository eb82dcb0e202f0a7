package io.coffer.automation;

import io.coffer.shared.CofferEvent;

/** The events automation publishes (read by {@code io.coffer.events.EventFacts} like every module's). */
public sealed interface AutomationEvent extends CofferEvent permits AutomationEvents.Note {
}
