/**
 * Events, read once: {@link io.coffer.events.EventFacts#of} is the one place that says what each module's event
 * record means (actor, room, document, link, visitor session and email, page, seconds, client address, outcome), for
 * every module above the domain that stores, matches or sends events (activity, automation, webhooks; audit names
 * its objects from the same facts). A new event record gets its row here, or it is read as a bare SYSTEM event.
 * Depends on the domain modules' event records only; observes nothing, stores nothing.
 */
package io.coffer.events;
