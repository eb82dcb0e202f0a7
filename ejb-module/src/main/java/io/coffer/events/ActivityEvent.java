package io.coffer.events;

import io.coffer.shared.CofferEvent;

/**
 * The events of the modules above the domain ({@link ActivityEvents}): publishers inject {@code Event<ActivityEvent>}.
 */
public sealed interface ActivityEvent extends CofferEvent permits ActivityEvents.PrivacyErased {
}
