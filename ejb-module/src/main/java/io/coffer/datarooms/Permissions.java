package io.coffer.datarooms;

import io.coffer.datarooms.internal.DataRoomEntity;
import io.coffer.datarooms.internal.ItemEntity;
import io.coffer.datarooms.internal.Rooms;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * The one permission service (called inside the caller's transaction). First policy, to be deepened by grants and
 * groups without any caller changing: OWNER and ADMIN manage everything of their tenant; the creator of a room manages
 * it; nobody else sees it. An archived room, or an item in one, is not found.
 */
@ApplicationScoped
public class Permissions {

    @EJB
    CallerCheck callers;

    @Inject
    Rooms rooms;

    /** The caller's permission on a room; {@link NotFoundException} below VIEW, {@link ForbiddenException} below {@code needed}. */
    public Permission requireRoom(UUID roomId, Permission needed) {
        DataRoomEntity room = rooms.room(roomId).filter(r -> !r.archived())
                .orElseThrow(() -> new NotFoundException("no such room"));
        return check(permissionOn(callers.current(), room), needed);
    }

    /** The caller's permission on an item (its room's, for now); same refusals as {@link #requireRoom}. */
    public Permission requireItem(UUID itemId, Permission needed) {
        ItemEntity item = rooms.item(itemId).orElseThrow(() -> new NotFoundException("no such item"));
        return requireRoom(item.roomId(), needed);
    }

    /**
     * What {@code user} (not the caller) may do with an item, for access on someone's behalf: a download ticket or a
     * share link acts with its creator's rights at the moment of use, never more. NONE when the user is gone, the item
     * is deleted or its room archived.
     */
    public Permission onBehalfOf(io.coffer.shared.UserId user, UUID itemId) {
        Optional<ItemEntity> item = rooms.item(itemId);
        Optional<DataRoomEntity> room = item.flatMap(i -> rooms.room(i.roomId())).filter(r -> !r.archived());
        Optional<Role> role = callers.currentRole(user);
        if (room.isEmpty() || role.isEmpty()) {
            return Permission.NONE;
        }
        return permissionOn(new CurrentCaller(user, null, role.get()), room.get());
    }

    /** The caller's permission on a room without refusing (for listings). */
    public Permission on(DataRoomEntity room) {
        return room.archived() ? Permission.NONE : permissionOn(callers.current(), room);
    }

    private static Permission permissionOn(CurrentCaller caller, DataRoomEntity room) {
        if (caller.role().atLeast(Role.ADMIN) || room.createdBy().equals(caller.user().value())) {
            return Permission.MANAGE;
        }
        return Permission.NONE;
    }

    private static Permission check(Permission held, Permission needed) {
        if (!held.atLeast(Permission.VIEW)) {
            throw new NotFoundException("no such room");
        }
        if (!held.atLeast(needed)) {
            throw new ForbiddenException("This needs the " + needed + " permission.");
        }
        return held;
    }
}
