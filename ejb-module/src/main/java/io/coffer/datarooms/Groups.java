package io.coffer.datarooms;

import io.coffer.datarooms.internal.GroupEntity;
import io.coffer.datarooms.internal.PermissionStore;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.shared.GroupId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Tenant-wide groups (contract: {@code /groups}). Every member of the tenant may list them (room managers grant to
 * them); OWNER and ADMIN create, delete and change members. Members must be current users of the tenant.
 */
@Stateless
@PermitAll
public class Groups {

    @EJB
    CallerCheck callers;

    @Inject
    PermissionStore store;

    @Inject
    Clock clock;

    @Inject
    Event<DataRoomEvent> events;

    public Group create(String name) {
        requireAdmin();
        String clean = Names.clean(name, "name");
        if (store.groupNamed(clean)) {
            throw new ConflictException("A group with this name exists.");
        }
        GroupEntity group = new GroupEntity(clean, clock.instant());
        try {
            store.addGroup(group);
        } catch (jakarta.persistence.PersistenceException raced) {
            throw new ConflictException("A group with this name exists.");
        }
        return view(group);
    }

    public List<Group> list() {
        callers.current();
        return store.groups().stream().map(this::view).toList();
    }

    public Group get(GroupId id) {
        callers.current();
        return view(entity(id));
    }

    /** Authorization before a body is read: the group exists for the caller and the caller may change it. */
    public void requireManage(GroupId id) {
        entity(id);
        requireAdmin();
    }

    public void delete(GroupId id) {
        GroupEntity group = entity(id);
        requireAdmin();
        store.deleteGroup(group);
        CurrentCaller caller = callers.current();
        events.fire(new DataRoomEvents.GroupMembersChanged(caller.tenant(), id, 0, caller.user(), clock.instant()));
    }

    /** Replaces the members; each id must be a current user of the tenant (400 otherwise, nothing changes). */
    public Group replaceMembers(GroupId id, List<UUID> users) {
        GroupEntity group = entity(id);
        CurrentCaller caller = requireAdmin();
        if (users == null) {
            throw ValidationException.of("body", "must be an array of user ids");
        }
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i) == null || callers.currentRole(new UserId(users.get(i))).isEmpty()) {
                errors.add(new ValidationException.FieldError("[" + i + "]", "must be a member of this tenant"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Some user ids are not members of this tenant.", errors);
        }
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(users));
        store.replaceMembers(group.id(), distinct);
        events.fire(new DataRoomEvents.GroupMembersChanged(caller.tenant(), id, distinct.size(), caller.user(), clock.instant()));
        return view(group);
    }

    private GroupEntity entity(GroupId id) {
        callers.current();
        return store.group(id.value()).orElseThrow(() -> new NotFoundException("no such group"));
    }

    private CurrentCaller requireAdmin() {
        CurrentCaller caller = callers.current();
        if (!caller.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Managing groups needs the ADMIN or OWNER role.");
        }
        return caller;
    }

    private Group view(GroupEntity g) {
        return new Group(new GroupId(g.id()), g.name(), g.createdAt(), store.members(g.id()));
    }
}
