package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Is the bearer of this request's token still a valid caller? Signature, issuer, audience and expiry are
 * MicroProfile JWT's; this adds what only the database knows: the user still exists in the token's tenant and the
 * token's version is the user's current one. The web layer checks before it reads a request body
 * ({@link RequestCallers}), so a revoked token gets 401 whatever else is wrong with the request; a module call of the
 * same request gets what that check found, any other call checks the full way (ID-38).
 */
@Stateless
@PermitAll
public class CallerCheck {

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    io.coffer.identity.internal.Users users;

    /**
     * The current role of a user of the transaction's tenant, for checks made on someone's behalf (a download ticket,
     * a share link acts with its creator's rights, never more) and for "is this a member?"; empty when the user is
     * gone. Never for the caller: an API-key token acts below its user's role, and only {@link #current()} knows.
     */
    public java.util.Optional<Role> currentRole(io.coffer.shared.UserId user) {
        return users.find(user).map(io.coffer.identity.internal.UserEntity::role);
    }

    /**
     * Every current member of the transaction's tenant with their current role (by email), for decisions about each
     * of them made on the caller's request (who holds what in a room: PERM-22). Never for the caller's own access.
     */
    public java.util.Map<io.coffer.shared.UserId, Role> currentMembers() {
        java.util.Map<io.coffer.shared.UserId, Role> members = new java.util.LinkedHashMap<>();
        users.members().forEach(u -> members.put(u.userId(), u.role()));
        return members;
    }

    /**
     * The current caller (user, tenant, the role they act with: from the database, capped for an API-key token, and
     * whether they may only read); 401 unless they are a current user.
     */
    public CurrentCaller current() {
        return caller.requireCurrent(context.getCallerPrincipal()); // this request's check when there was one (ID-38)
    }
}
