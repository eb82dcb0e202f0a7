package io.coffer.datarooms;

import io.coffer.identity.CallerCheck;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * The refusals of {@link Permissions}: each one is published as {@link DataRoomEvents.AccessDenied} before it is
 * thrown. The refusal rolls the caller's transaction back, so an observer that keeps denials (audit) observes them
 * {@code during = AFTER_COMPLETION} (once, after a rollback or a commit) and writes in a transaction of its own
 * (docs/strategy/architecture.md, "Events").
 */
@ApplicationScoped
class Denials {

    @EJB
    CallerCheck callers;

    @Inject
    Event<DataRoomEvent> events;

    @Inject
    Clock clock;

    NotFoundException notFound(UserId actor, UUID object, Permission needed, String message) {
        publish(actor, object, needed, DataRoomEvents.AccessDenied.Refusal.NOT_FOUND);
        return new NotFoundException(message);
    }

    ForbiddenException forbidden(UserId actor, UUID object, Permission needed) {
        return forbidden(actor, object, needed, "This needs the " + needed + " permission.");
    }

    ForbiddenException forbidden(UserId actor, UUID object, Permission needed, String message) {
        publish(actor, object, needed, DataRoomEvents.AccessDenied.Refusal.FORBIDDEN);
        return new ForbiddenException(message);
    }

    private void publish(UserId actor, UUID object, Permission needed, DataRoomEvents.AccessDenied.Refusal refusal) {
        events.fire(new DataRoomEvents.AccessDenied(callers.current().tenant(), actor, object, needed, refusal,
                clock.instant()));
    }
}
