package io.coffer.audit.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.CofferEvent;
import java.util.Optional;

/**
 * What each event of the modules becomes in the audit log, from its {@link EventFacts} (the one reading of every
 * event record): actor, action, object and outcome. Visitors are named by their session id (null before they have
 * one), never by the email some events carry (AUD-7). An event type not known to {@code EventFacts} is still recorded
 * (a SYSTEM entry with its type), so that no new action goes unaudited silently.
 */
final class Drafts {
    static final String USER = EventFacts.USER;
    static final String VISITOR = EventFacts.VISITOR;
    static final String SYSTEM = EventFacts.SYSTEM;
    /** The audit's action for the refusals of members and visitors (contract). */
    static final String ACCESS_DENIED = "access.denied";
    private static final String LOGIN_FAILED = "auth.login.failed";

    private Drafts() {
    }

    /** Refusals: written in a transaction of their own whatever becomes of the refused one (AUD-2). */
    static boolean isDenial(CofferEvent e) {
        return EventFacts.isDenial(e);
    }

    static Optional<Draft> of(CofferEvent e) {
        EventFacts f = EventFacts.of(e);
        if (f.seconds() != null && f.seconds() != 0) {
            return Optional.empty(); // a page-time beacon is analytics, not an access decision
        }
        if (f.denied()) {
            // a failed login keeps its own type; every other refusal is the contract's access.denied
            String action = LOGIN_FAILED.equals(f.type()) ? f.type() : ACCESS_DENIED;
            return Optional.of(Draft.denied(f.at(), f.actorType(), f.actorId(), action, f.objectType(), f.objectId(),
                    f.clientAddress()));
        }
        return Optional.of(Draft.allowed(f.at(), f.actorType(), f.actorId(), f.type(), f.objectType(), f.objectId(),
                f.clientAddress()));
    }
}
