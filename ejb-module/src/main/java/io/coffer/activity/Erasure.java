package io.coffer.activity;

import io.coffer.activity.internal.PersonalData;
import io.coffer.events.ActivityEvent;
import io.coffer.events.ActivityEvents;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * {@code POST /privacy/erasure}: erases one visitor's personal data (email, client address, user agent) across the
 * caller's tenant, OWNER and ADMIN only (ACT-12..ACT-15). Every holder of such data implements
 * {@link PersonalData} and is called here, in the request's transaction: when the answer (202) is sent, it is done.
 * The rows and counts stay. The erasure itself is an event ({@code privacy.erased}) naming who asked, never the email,
 * so the audit log records it (AUD) without the data.
 */
@Stateless
@PermitAll
public class Erasure {

    /** The longest email (the API's limit for every email field). */
    static final int EMAIL_MAX = 254;

    @EJB
    CallerCheck callers;

    @Inject
    @Any
    Instance<PersonalData> holders;

    @Inject
    Event<ActivityEvent> events;

    @Inject
    BeaconQueue beacons;

    @Inject
    Clock clock;

    /** Authorization only: the web layer asks before it reads the body. */
    public void requireAllowed() {
        requireAdmin();
    }

    public void erase(String email) {
        CurrentCaller caller = requireAdmin();
        String e = email == null ? "" : email.strip();
        if (e.isEmpty() || e.length() > EMAIL_MAX || e.indexOf('@') < 1 || e.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of("email", "is not an email address");
        }
        // page times still queued (at most a second's worth) are written first, so none lands after the erasure
        beacons.flush();
        for (PersonalData holder : holders) {
            holder.erase(caller.tenant(), e);
        }
        events.fire(new ActivityEvents.PrivacyErased(caller.tenant(), caller.user(), clock.instant()));
    }

    private CurrentCaller requireAdmin() {
        CurrentCaller caller = callers.current();
        if (!caller.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Erasing personal data is for the OWNER and ADMIN roles.");
        }
        return caller;
    }
}
