package io.coffer.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ID-24, the events' shape: every event identity publishes is an immutable record of ids, a role, a client address
 * and a time, never an entity, a password, a token or a hash (by type and by name). That they are fired is for the
 * module that observes them (activity).
 */
class IdentityEventsTest {
    static final Set<Class<?>> ALLOWED = Set.of(TenantId.class, UserId.class, UUID.class, Role.class, String.class,
            Instant.class);
    static final List<String> FORBIDDEN_NAMES = List.of("password", "token", "hash", "secret", "entity", "email");

    @Test
    void id24_everyIdentityEventIsARecordOfIdsNeverAnEntityPasswordTokenOrHash() {
        Class<?>[] events = IdentityEvents.class.getDeclaredClasses();
        assertTrue(events.length >= 6, "the six events of ID-24 at least: " + Arrays.toString(events));
        for (Class<?> event : events) {
            assertTrue(event.isRecord(), event.getSimpleName() + " is an immutable record");
            for (RecordComponent component : event.getRecordComponents()) {
                String where = event.getSimpleName() + "." + component.getName();
                assertTrue(ALLOWED.contains(component.getType()), where + " is a " + component.getType().getName()
                        + ", not an id, role, address or time");
                assertFalse(component.getType().isAnnotationPresent(jakarta.persistence.Entity.class), where);
                String name = component.getName().toLowerCase(Locale.ROOT);
                for (String forbidden : FORBIDDEN_NAMES) {
                    assertFalse(name.contains(forbidden), where + " carries a " + forbidden);
                }
            }
        }
    }
}
