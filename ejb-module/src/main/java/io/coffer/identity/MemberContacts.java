package io.coffer.identity;

import io.coffer.identity.internal.Users;
import io.coffer.shared.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * How to reach a member of the transaction's tenant, for the modules above identity that mail people on the tenant's
 * behalf (automation's rules and digest; share links' access requests, which mail a link's creator). No authorization
 * of its own: the caller is a background job of the tenant (in a {@code TenantScope.call}) or a module that decided
 * whom to tell, never a request reading a contact for its caller; a removed user has no contact.
 */
@ApplicationScoped
public class MemberContacts {

    /** A current member: their email, the name they go by, and whether they proved the email. */
    public record Contact(UserId user, String email, String displayName, boolean verified) {
    }

    @Inject
    Users users;

    public Optional<Contact> of(UserId user) {
        return users.find(user).map(u -> new Contact(u.userId(), u.email(), u.displayName(), u.emailVerified()));
    }
}
