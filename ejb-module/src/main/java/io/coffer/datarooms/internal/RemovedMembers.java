package io.coffer.datarooms.internal;

import io.coffer.identity.IdentityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A removed member leaves no trace in the permission data (PERM-9): identity fires {@code member.removed} inside the
 * removing transaction, and this drops the user's group memberships and own grants in the same commit. Rejoining
 * later (by invitation) starts from nothing.
 */
@ApplicationScoped
public class RemovedMembers {

    @Inject
    PermissionStore store;

    void on(@Observes IdentityEvents.MemberRemoved removed) {
        store.forgetUser(removed.user().value());
    }
}
