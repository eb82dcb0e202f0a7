package io.coffer.identity.internal;

import io.coffer.identity.IdentityEvents;
import io.coffer.identity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * An invitation never outranks its inviter (ID-33): when an inviter is demoted or removed, the pending invitations
 * they may no longer send are revoked in the same transaction ({@code member.role-changed} and {@code member.removed}
 * are fired inside it). A demotion below ADMIN or a removal revokes all of them; a demotion from OWNER to ADMIN
 * revokes those to the OWNER role. {@code Invitations.accept} checks the inviter again, whatever changed them.
 */
@ApplicationScoped
public class InviterChanges {

    @Inject
    TokenStore tokens;

    void on(@Observes IdentityEvents.RoleChanged changed) {
        if (!changed.to().atLeast(Role.ADMIN)) {
            tokens.revokeInvitationsBy(changed.user().value(), false);
        } else if (changed.to() != Role.OWNER) {
            tokens.revokeInvitationsBy(changed.user().value(), true);
        }
    }

    void on(@Observes IdentityEvents.MemberRemoved removed) {
        tokens.revokeInvitationsBy(removed.user().value(), false);
    }
}
