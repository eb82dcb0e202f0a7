package io.coffer.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.datarooms.DataRoomEvent;
import io.coffer.documents.DocumentEvent;
import io.coffer.documents.DocumentEvents;
import io.coffer.identity.IdentityEvent;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.DocumentId;
import io.coffer.shared.GroupId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.ShareLinkEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every record of every sealed event interface has its row in {@link EventFacts#of} (ACT-1): a new record without one
 * would be stored as a bare SYSTEM event and never be found by room, link or document. Each record is built by
 * reflection with distinct ids, and its facts must name its actor or objects and every room, document and link id it
 * carries in the matching field.
 */
class EventFactsTest {

    /** The sealed interfaces whose records are the contract's events (one per publishing module). */
    static final List<Class<?>> SEALED = List.of(IdentityEvent.class, DataRoomEvent.class, DocumentEvent.class,
            ShareLinkEvent.class, ActivityEvent.class);

    static List<Class<?>> records() {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> sealed : SEALED) {
            assertTrue(sealed.isSealed(), sealed + " is sealed");
            for (Class<?> c : sealed.getPermittedSubclasses()) {
                assertTrue(c.isRecord(), c + " is a record");
                all.add(c);
            }
        }
        return all;
    }

    @Test
    void act1_everyEventRecordHasItsRowInEventFactsWithItsRoomDocumentAndLink() throws Exception {
        List<Class<?>> records = records();
        assertTrue(records.size() >= 25, "the modules' records: " + records);
        for (Class<?> type : records) {
            Map<Class<?>, List<UUID>> ids = new java.util.HashMap<>();
            CofferEvent event = build(type, ids);
            EventFacts f = EventFacts.of(event);
            String name = type.getSimpleName();
            assertEquals(event.type(), f.type(), name);
            assertEquals(event.tenant(), f.tenant(), name);
            assertEquals(event.at(), f.at(), name);
            boolean bare = EventFacts.SYSTEM.equals(f.actorType()) && f.roomId() == null && f.documentId() == null
                    && f.linkId() == null && f.objectId() == null && f.data().isEmpty();
            assertFalse(bare, name + " has no row in EventFacts.of: it would be stored as a bare SYSTEM event");
            for (UUID room : ids.getOrDefault(RoomId.class, List.of())) {
                assertEquals(room, f.roomId(), name + ": its room");
            }
            for (UUID document : ids.getOrDefault(DocumentId.class, List.of())) {
                assertEquals(document, f.documentId(), name + ": its document");
            }
            for (UUID link : ids.getOrDefault(LinkId.class, List.of())) {
                assertEquals(link, f.linkId(), name + ": its link");
            }
        }
    }

    @Test
    void act4_documentEventsOfALiveDocumentNameTheirRoom() {
        for (Class<?> type : DocumentEvent.class.getPermittedSubclasses()) {
            if (type == DocumentEvents.Purged.class) {
                continue; // gone for good: its room is gone with it
            }
            assertTrue(java.util.Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getType() == RoomId.class),
                    type.getSimpleName() + " carries its room, so that GET /activity?dataroomId= finds it");
        }
    }

    /** A record of {@code type} with a distinct value in each component; ids by kind in {@code ids}. */
    static CofferEvent build(Class<?> type, Map<Class<?>, List<UUID>> ids) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sample(types[i], ids);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        Object built = canonical.newInstance(values);
        assertNotNull(built);
        return (CofferEvent) built;
    }

    static Object sample(Class<?> t, Map<Class<?>, List<UUID>> ids) {
        UUID id = UUID.randomUUID();
        if (t == TenantId.class) {
            return new TenantId(id);
        } else if (t == UserId.class) {
            return new UserId(id);
        } else if (t == io.coffer.shared.FolderId.class) {
            return new io.coffer.shared.FolderId(id);
        } else if (t == RoomId.class || t == DocumentId.class || t == LinkId.class || t == GroupId.class) {
            ids.computeIfAbsent(t, k -> new ArrayList<>()).add(id);
            try {
                return t.getDeclaredConstructor(UUID.class).newInstance(id);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        } else if (t == UUID.class) {
            return id;
        } else if (t == String.class) {
            return "s-" + id.toString().substring(0, 8);
        } else if (t == int.class || t == Integer.class) {
            return 3;
        } else if (t == long.class || t == Long.class) {
            return 7L;
        } else if (t == boolean.class || t == Boolean.class) {
            return true;
        } else if (t == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        } else if (t == List.class || t == java.util.Collection.class) {
            return List.of("name");
        } else if (t == java.util.Set.class) {
            return java.util.Set.of("name");
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        } else if (t == DocumentEvents.Reader.class) {
            return DocumentEvents.Reader.member(new UserId(id));
        }
        throw new IllegalStateException("EventFactsTest cannot build a " + t + ": add it to sample()");
    }
}
