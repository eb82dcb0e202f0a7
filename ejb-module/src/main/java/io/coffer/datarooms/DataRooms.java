package io.coffer.datarooms;

import io.coffer.datarooms.internal.DataRoomEntity;
import io.coffer.datarooms.internal.GrantEntity;
import io.coffer.datarooms.internal.PermissionRules;
import io.coffer.datarooms.internal.PermissionStore;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Data rooms themselves (contract: "Data rooms, folders, documents, permissions"): create, list, read, change,
 * archive. Folders are {@link Folders}, document entries and the trash {@link RoomDocuments}, grants {@link Grants},
 * and every "may" {@link Permissions}.
 */
@Stateless
@PermitAll
public class DataRooms {

    @EJB
    CallerCheck callers;

    @EJB
    Permissions permissions;

    @Inject
    Items items;

    @Inject
    Rooms rooms;

    @Inject
    PermissionStore grantStore;

    @Inject
    Clock clock;

    @Inject
    Event<DataRoomEvent> events;

    public DataRoom create(String name, String description) {
        CurrentCaller caller = callers.current();
        DataRoomEntity room = new DataRoomEntity(Names.clean(name, "name"), description(description),
                caller.user().value(), clock.instant());
        rooms.add(room);
        grantStore.addGrant(new GrantEntity(room.id(), null, GrantEntity.USER, caller.user().value(),
                PermissionRules.creatorsGrant().name(), clock.instant()));
        events.fire(new DataRoomEvents.DataRoomCreated(caller.tenant(), new RoomId(room.id()), caller.user(),
                clock.instant()));
        return view(room, Permission.MANAGE);
    }

    /** The rooms the caller can see. */
    public List<DataRoom> list() {
        List<DataRoomEntity> active = rooms.activeRooms();
        Map<RoomId, Permission> seen = permissions.visibleRooms(active.stream().map(r -> new RoomId(r.id())).toList());
        return active.stream().filter(r -> seen.containsKey(new RoomId(r.id())))
                .map(r -> view(r, seen.get(new RoomId(r.id())))).toList();
    }

    public DataRoom get(RoomId id) {
        Permission p = permissions.require(id, Permission.VIEW);
        return view(rooms.room(id.value()).orElseThrow(), p);
    }

    /** Renames and/or describes a room (null leaves a field as it is). */
    public DataRoom update(RoomId id, String name, String description) {
        Permission p = permissions.require(id, Permission.MANAGE);
        DataRoomEntity room = rooms.room(id.value()).orElseThrow();
        if (name != null) {
            room.rename(Names.clean(name, "name"));
        }
        if (description != null) {
            room.describe(description(description));
        }
        return view(room, p);
    }

    /** Archives a room: it and everything under it stop being served (MANAGE on all of it, DR-10). */
    public void archive(RoomId id) {
        permissions.require(id, Permission.MANAGE);
        items.requireWholeRoom(id);
        rooms.room(id.value()).orElseThrow().archive(clock.instant());
    }

    private static DataRoom view(DataRoomEntity room, Permission p) {
        return new DataRoom(new RoomId(room.id()), room.name(), room.description(), room.createdAt(), p);
    }

    private static String description(String description) {
        if (description == null) {
            return null;
        }
        String d = description.strip();
        if (d.length() > 2000) {
            throw ValidationException.of("description", "must be at most 2000 characters");
        }
        return d.isEmpty() ? null : d;
    }
}
