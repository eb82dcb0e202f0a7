package io.coffer.events;

import io.coffer.shared.CofferEvent;

/**
 * The events automation publishes, read by {@link EventFacts} like every module's. They live here, below automation,
 * so that {@code events} never depends on a module above it (ArchUnit).
 */
public sealed interface AutomationEvent extends CofferEvent permits AutomationEvents.Note {
}
