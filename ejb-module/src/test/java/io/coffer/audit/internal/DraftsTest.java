package io.coffer.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.datarooms.DataRoomEvent;
import io.coffer.documents.DocumentEvent;
import io.coffer.documents.DocumentEvents;
import io.coffer.identity.IdentityEvent;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.DocumentId;
import io.coffer.shared.GroupId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.ShareLinkEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every event record of the modules becomes its own entry (AUD-12), and no email reaches one (AUD-7). */
class DraftsTest {
    static final String EMAIL = "visitor@elsewhere.test";
    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

    static List<Class<?>> records() {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> sealed : List.of(IdentityEvent.class, DataRoomEvent.class, DocumentEvent.class,
                ShareLinkEvent.class)) {
            assertTrue(sealed.isSealed(), sealed + " is sealed");
            all.addAll(List.of(sealed.getPermittedSubclasses()));
        }
        return all;
    }

    static Object sample(String name, Class<?> type) throws Exception {
        if (type == String.class) {
            return name.toLowerCase().contains("email") ? EMAIL
                    : name.equals("clientAddress") ? "192.0.2.7" : "x-" + name;
        }
        return sample(type);
    }

    static Object sample(Class<?> type) throws Exception {
        if (type == TenantId.class) {
            return new TenantId(ID);
        } else if (type == UserId.class) {
            return new UserId(ID);
        } else if (type == RoomId.class) {
            return new RoomId(ID);
        } else if (type == DocumentId.class) {
            return new DocumentId(ID);
        } else if (type == GroupId.class) {
            return new GroupId(ID);
        } else if (type == io.coffer.shared.FolderId.class) {
            return new io.coffer.shared.FolderId(ID);
        } else if (type == UUID.class) {
            return ID;
        } else if (type == Instant.class) {
            return Instant.parse("2026-12-01T10:00:00Z");
        } else if (type == String.class) {
            return EMAIL;
        } else if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == boolean.class) {
            return false;
        } else if (type == List.class) {
            return List.of();
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type == DocumentEvents.Reader.class) {
            return DocumentEvents.Reader.visitor(new io.coffer.shared.LinkId(ID), ID, EMAIL);
        }
        throw new AssertionError("no sample for " + type);
    }

    static CofferEvent instance(Class<?> record) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sample(components[i].getName(), types[i]);
        }
        Constructor<?> c = record.getDeclaredConstructor(types);
        return (CofferEvent) c.newInstance(values);
    }

    @Test
    void aud12_everyEventRecordOfTheModulesBecomesItsOwnEntry() throws Exception {
        List<Class<?>> records = records();
        assertTrue(records.size() >= 20, records.toString());
        for (Class<?> record : records) {
            CofferEvent e = instance(record);
            Draft d = Drafts.of(e).orElseThrow(() -> new AssertionError(record + " leaves no entry"));
            String name = record.getName();
            assertEquals(Drafts.isDenial(e) && !e.type().equals("auth.login.failed") ? "access.denied" : e.type(),
                    d.action(), name);
            assertEquals(Drafts.isDenial(e) ? "DENIED" : "ALLOWED", d.outcome(), name);
            assertNotNull(d.objectType(), name + " names its object");
            assertEquals(ID, d.objectId(), name);
            assertEquals(e.at(), d.at(), name);
            boolean hasActor = java.util.Arrays.stream(record.getRecordComponents())
                    .anyMatch(c -> c.getType() == UserId.class || c.getType() == DocumentEvents.Reader.class
                            || c.getName().equals("session"));
            if (hasActor) {
                assertNotEquals(Drafts.SYSTEM, d.actorType(), name + " names its actor");
                assertEquals(ID, d.actorId(), name);
            }
            assertFalse(d.toString().contains(EMAIL), name + " keeps no email: " + d);
        }
    }

    @Test
    void aud7_visitorsAreTheirSessionNeverTheirEmail() throws Exception {
        for (Class<?> record : records()) {
            CofferEvent e = instance(record);
            Draft d = Drafts.of(e).orElseThrow();
            if (Drafts.VISITOR.equals(d.actorType())) {
                assertFalse(String.valueOf(d.actorId()).contains("@"), record.getName());
                assertFalse(String.valueOf(d.objectType()).contains(EMAIL), record.getName());
                assertFalse(d.action().contains(EMAIL), record.getName());
            }
        }
    }
}
