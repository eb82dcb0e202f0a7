package io.coffer.datarooms;

import io.coffer.datarooms.internal.GrantEntity;
import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.PermissionStore;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.RoomId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A room's grants, read and replaced as one list (contract: "a room's grants are read and replaced as one"). */
@Stateless
@PermitAll
public class Grants {

    @EJB
    CallerCheck callers;

    @EJB
    Permissions permissions;

    @Inject
    Items items;

    @Inject
    Rooms rooms;

    @Inject
    PermissionStore store;

    @Inject
    Clock clock;

    @Inject
    Event<DataRoomEvent> events;

    /** The room's grants (MANAGE on the room): on the room itself and on the live folders the caller sees. */
    public List<Grant> of(RoomId roomId) {
        permissions.require(roomId, Permission.MANAGE);
        // DR-10: no grant on a folder hidden from the caller (who may see it, and that it exists, is hidden too)
        Map<UUID, Permission> seen = permissions.levels(roomId);
        return store.grants(roomId.value()).stream().filter(g -> g.folderId() == null
                        || seen.getOrDefault(g.folderId(), Permission.NONE).atLeast(Permission.VIEW))
                .map(Grants::view).toList();
    }

    /**
     * Replaces the room's grants as one (MANAGE on all of the room, DR-10): any invalid entry is a 400 naming it, and
     * nothing changes. Users must be current users of the tenant, groups the tenant's, folders live folders of the
     * room; one grant per (folder, principal). Publishes {@link DataRoomEvents.GrantChanged}; the next request sees
     * the new grants.
     */
    public List<Grant> replace(RoomId roomId, List<Grant> grants) {
        permissions.require(roomId, Permission.MANAGE);
        items.requireWholeRoom(roomId);
        if (grants == null) {
            throw ValidationException.of("body", "must be an array of grants");
        }
        List<ValidationException.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<GrantEntity> entities = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            Grant g = grants.get(i);
            String at = "[" + i + "]";
            if (g == null || g.principalType() == null || g.principalId() == null || g.permission() == null) {
                errors.add(new ValidationException.FieldError(at, "needs principal.type, principal.id and permission"));
                continue;
            }
            boolean user = g.principalType() == Grant.PrincipalType.USER;
            boolean known = user ? callers.currentRole(new UserId(g.principalId())).isPresent()
                    : store.group(g.principalId()).isPresent();
            if (!known) {
                errors.add(new ValidationException.FieldError(at + ".principal.id",
                        "must be a " + (user ? "member" : "group") + " of this tenant"));
            }
            UUID folder = g.folderId() == null ? null : g.folderId().value();
            if (folder != null && rooms.item(folder).filter(f -> f.roomId().equals(roomId.value())
                    && ItemEntity.FOLDER.equals(f.kind())).isEmpty()) {
                errors.add(new ValidationException.FieldError(at + ".folderId", "must be a folder of this room"));
            }
            if (!seen.add(folder + "|" + g.principalType() + "|" + g.principalId())) {
                errors.add(new ValidationException.FieldError(at, "repeats a grant for the same folder and principal"));
            }
            entities.add(new GrantEntity(roomId.value(), folder, g.principalType().name(), g.principalId(),
                    g.permission().name(), clock.instant()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Some grants are not valid; nothing was changed.", errors);
        }
        store.replaceGrants(roomId.value(), entities);
        CurrentCaller caller = callers.current();
        events.fire(new DataRoomEvents.GrantChanged(caller.tenant(), roomId, entities.size(), caller.user(),
                clock.instant()));
        return store.grants(roomId.value()).stream().map(Grants::view).toList();
    }

    private static Grant view(GrantEntity g) {
        return new Grant(Grant.PrincipalType.valueOf(g.principalType()), g.principalId(), Items.folderId(g.folderId()),
                Permission.valueOf(g.permission()));
    }
}
