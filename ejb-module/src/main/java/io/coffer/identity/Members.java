package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.Profiles;
import io.coffer.identity.internal.TokenStore;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * The members of the caller's tenant (ID-17): ADMIN and OWNER list them and change or remove them; only an OWNER
 * grants, changes or removes the OWNER role; the last OWNER can be neither demoted nor removed. A change takes effect
 * on the target's next request (their role is read from the database; a removal also revokes their tokens).
 */
@Stateless
@PermitAll
public class Members {

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    Users users;

    @Inject
    TokenStore tokens;

    @Inject
    Profiles profiles;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<IdentityEvent> events;

    public List<UserProfile> list() {
        requireAdmin();
        return users.members().stream().map(u -> profiles.of(u, caller.tenant())).toList();
    }

    /**
     * How the ADMIN's views (the audit log) name these users of the tenant: {@code Display Name <email>}, also for
     * removed members; ids of no user of the tenant are absent.
     */
    public java.util.Map<UserId, String> labels(java.util.Collection<UserId> ids) {
        requireAdmin();
        java.util.Map<UserId, String> labels = new java.util.HashMap<>();
        for (UserEntity u : users.byIds(ids.stream().map(UserId::value).distinct().toList())) {
            labels.put(u.userId(), u.displayName() == null || u.displayName().isBlank() ? u.email()
                    : u.displayName() + " <" + u.email() + ">");
        }
        return labels;
    }

    public UserProfile changeRole(UserId member, Role role) {
        Caller.Actor actor = requireAdmin();
        if (role == null) {
            throw ValidationException.of("role", "must be OWNER, ADMIN or MEMBER");
        }
        UserEntity target = users.find(member).orElseThrow(() -> new NotFoundException("no such member"));
        if ((role == Role.OWNER || target.role() == Role.OWNER) && actor.role() != Role.OWNER) {
            throw new ForbiddenException("Only an owner can grant or change the owner role.");
        }
        if (target.role() == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(target);
        }
        Role before = target.role();
        target.changeRole(role);
        if (before != role) {
            events.fire(new IdentityEvents.RoleChanged(caller.tenant(), target.userId(), before, role,
                    actor.user().userId(), clock.instant()));
        }
        return profiles.of(target, caller.tenant());
    }

    public void remove(UserId member) {
        Caller.Actor actor = requireAdmin();
        UserEntity target = users.find(member).orElseThrow(() -> new NotFoundException("no such member"));
        if (target.role() == Role.OWNER) {
            if (actor.role() != Role.OWNER) {
                throw new ForbiddenException("Only an owner can remove an owner.");
            }
            requireAnotherOwner(target);
        }
        target.remove(clock.instant());
        tokens.revokeAllRefresh(target.userId().value());
        events.fire(new IdentityEvents.MemberRemoved(caller.tenant(), target.userId(), actor.user().userId(),
                clock.instant()));
    }

    /**
     * ID-42: ends every session of a member of the tenant (their refresh families, older ones included, and their
     * access tokens at the next request); only an OWNER ends an OWNER's. Answers how many live sessions ended.
     */
    public int endSessions(UserId member) {
        Caller.Actor actor = requireAdmin();
        UserEntity target = users.find(member).orElseThrow(() -> new NotFoundException("no such member"));
        if (target.role() == Role.OWNER && actor.role() != Role.OWNER) {
            throw new ForbiddenException("Only an owner can end an owner's sessions.");
        }
        int ended = tokens.revokeAllRefresh(target.userId().value());
        events.fire(new IdentityEvents.SessionsRevoked(caller.tenant(), target.userId(), actor.user().userId(),
                null, clock.instant()));
        return ended;
    }

    private void requireAnotherOwner(UserEntity target) {
        List<UserEntity> owners = users.ownersForUpdate();
        if (owners.stream().noneMatch(o -> !o.userId().equals(target.userId()))) {
            throw new ConflictException("The last owner of a tenant can be neither demoted nor removed.");
        }
    }

    private Caller.Actor requireAdmin() {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        if (!actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Managing members needs the ADMIN or OWNER role.");
        }
        return actor;
    }
}
