package io.coffer.webhooks.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.CofferEvent;
import io.coffer.webhooks.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * The subscription path (WH-16): every event of a type some webhook of its tenant subscribed to becomes deliveries.
 * Actions {@code BEFORE_COMPLETION}, in the action's transaction (the deliveries commit with it and never go out for an
 * action that rolled back); denials ({@link EventFacts#isDenial}) {@code AFTER_COMPLETION} in a transaction of their
 * own, whatever became of the refused one — the pattern of audit.internal.AuditObservers. The work itself is outbox
 * work: a slow or failing receiver never slows or undoes the action.
 */
@ApplicationScoped
public class WebhookObservers {

    @Inject
    WebhookDispatch dispatch;

    void action(@Observes(during = TransactionPhase.BEFORE_COMPLETION) CofferEvent event) {
        if (!EventFacts.isDenial(event) && event.tenant() != null && Webhooks.EVENT_TYPES.contains(event.type())) {
            dispatch.toSubscribers(event.tenant(), EventFacts.of(event));
        }
    }

    void denial(@Observes(during = TransactionPhase.AFTER_COMPLETION) CofferEvent event) {
        if (EventFacts.isDenial(event) && event.tenant() != null && Webhooks.EVENT_TYPES.contains(event.type())) {
            dispatch.toSubscribers(event.tenant(), EventFacts.of(event));
        }
    }
}
