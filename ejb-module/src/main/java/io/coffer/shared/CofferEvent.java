package io.coffer.shared;

import java.time.Instant;

/**
 * What every module's events have in common (docs/strategy/architecture.md, "Events"): the tenant, the time and the
 * contract's event type ({@code document.viewed}...). Each module publishes a sealed interface of its own records
 * that extends this one, through {@code Event<ThatInterface>}; the modules above (activity, audit) observe this one.
 */
public interface CofferEvent {

    TenantId tenant();

    Instant at();

    /** The contract's event type (also the automation trigger and webhook event name). */
    String type();
}
