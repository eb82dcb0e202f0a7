package io.coffer.identity;

import io.coffer.identity.IdentityEvents.UserCreated;
import io.coffer.identity.IdentityEvents.UserInvited;
import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.Checks;
import io.coffer.identity.internal.InvitationEntity;
import io.coffer.identity.internal.Passwords;
import io.coffer.identity.internal.Profiles;
import io.coffer.identity.internal.TokenStore;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.InvalidTokenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Invitations (ID-18): an ADMIN or OWNER invites an email with a role (OWNER only by an OWNER); the mailed token is
 * single use and lasts {@link #LIFETIME}; accepting it creates a verified user in the inviting tenant only. ADMIN+
 * list the pending ones and revoke them (ID-32); an invitation is honoured only while its inviter may still send it
 * (ID-33).
 */
@Stateless
@PermitAll
public class Invitations {

    public static final Duration LIFETIME = Duration.ofDays(7);

    /** The list's order, also the cursor's: newest first, ties by id. */
    private static final Comparator<InvitationEntity> NEWEST_FIRST = Comparator.comparing(InvitationEntity::createdAt)
            .thenComparing(i -> i.id().toString()).reversed();

    /** What the inviter sees of an invitation (never its token). */
    public record Invitation(UUID id, String email, Role role, UUID invitedBy, Instant createdAt, Instant expiresAt) {
        static Invitation of(InvitationEntity i) {
            return new Invitation(i.id(), i.email(), i.role(), i.invitedBy(), i.createdAt(), i.expiresAt());
        }
    }

    /** One page of pending invitations; {@code nextCursor} is null on the last. */
    public record InvitationPage(List<Invitation> items, UUID nextCursor) {
    }

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    Users users;

    @Inject
    TokenStore tokens;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    Passwords passwords;

    @Inject
    Profiles profiles;

    @Inject
    Mailer mailer;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<IdentityEvent> events;

    @EJB
    TenantScope tenancy;

    @EJB
    TenantDirectory tenants;

    public Invitation invite(String email, Role role) {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        if (!actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Inviting needs the ADMIN or OWNER role.");
        }
        if (role == Role.OWNER && actor.role() != Role.OWNER) {
            throw new ForbiddenException("Only an owner can invite an owner.");
        }
        String address = Checks.email(email, "email");
        if (role == null) {
            throw ValidationException.of("role", "must be OWNER, ADMIN or MEMBER");
        }
        if (users.findByEmail(address).isPresent()) {
            throw new ConflictException("This person is already a member.");
        }
        TenantId tenant = caller.tenant();
        TokenStore.Issued<InvitationEntity> issued = tokens.issueInvitation(address, role, actor.user().userId(),
                LIFETIME);
        String tenantSlug = tenants.find(tenant).map(Tenant::slug).orElseThrow();
        mailer.sendAfterCommit(new Mail(address, "You are invited to " + tenantSlug + " on Coffer",
                actor.user().displayName() + " invites you to join '" + tenantSlug + "' on Coffer as " + role + ".\n\n"
                        + "Accept within 7 days by opening this link:\n\n" + settings.publicUrl()
                        + "/invitations/accept?token=" + issued.secret() + "\n"));
        InvitationEntity invitation = issued.entity();
        events.fire(new UserInvited(tenant, invitation.id(), role, actor.user().userId(), clock.instant()));
        return Invitation.of(invitation);
    }

    /**
     * The pending invitations (neither accepted, expired nor revoked), newest first, {@code limit} per page after the
     * invitation {@code after} (the previous page's cursor; an id that is not one of this tenant's is a 400).
     */
    public InvitationPage pending(int limit, UUID after) {
        requireAdmin();
        List<InvitationEntity> all = tokens.pendingInvitations().stream().sorted(NEWEST_FIRST).toList();
        int from = 0;
        if (after != null) {
            InvitationEntity cursor = tokens.invitation(after)
                    .orElseThrow(() -> ValidationException.of("cursor", "is not a cursor of this list"));
            from = (int) all.stream().filter(i -> NEWEST_FIRST.compare(i, cursor) <= 0).count();
        }
        List<Invitation> page = all.stream().skip(from).limit(limit).map(Invitation::of).toList();
        boolean more = from + page.size() < all.size();
        return new InvitationPage(page, more ? page.get(page.size() - 1).id() : null);
    }

    /** Revokes a pending invitation: its token is refused at accept from now on (ID-32). */
    public void revoke(UUID id) {
        requireAdmin();
        InvitationEntity invitation = tokens.invitation(id).filter(i -> i.usableAt(clock.instant()))
                .orElseThrow(() -> new NotFoundException("no such invitation"));
        invitation.revoke(clock.instant());
    }

    private Caller.Actor requireAdmin() {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        if (!actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Managing invitations needs the ADMIN or OWNER role.");
        }
        return actor;
    }

    /** Creates the invited user (verified: the mail proved the address) and answers their profile. */
    public UserProfile accept(String token, String password, String displayName) {
        Passwords.checkPolicy(password, "password");
        String name = Checks.displayName(displayName, "displayName");
        return secrets.redeem(token, SecretKind.INVITATION, InvalidTokenException::new, tenant -> {
            InvitationEntity invitation = tokens.accept(token);
            if (!stillSendable(invitation)) {
                throw new InvalidTokenException(); // ID-33: never above what the inviter may invite now
            }
            if (users.findByEmail(invitation.email()).isPresent()) {
                throw new ConflictException("This person is already a member.");
            }
            // ID-37: hashed only once the token is redeemed, so a spent or expired token costs no hash
            String hash = passwords.hash(password);
            UserEntity user = users.add(new UserEntity(UUID.randomUUID(), invitation.email(), name,
                    invitation.role(), hash, clock.instant()));
            events.fire(new UserCreated(tenant, user.userId(), null, clock.instant()));
            return profiles.of(user, tenant);
        });
    }

    /** Whether the inviter is still a member who may send this invitation now (ADMIN+, OWNER for an OWNER). */
    private boolean stillSendable(InvitationEntity invitation) {
        return users.find(new UserId(invitation.invitedBy()))
                .map(inviter -> inviter.role().atLeast(Role.ADMIN)
                        && (invitation.role() != Role.OWNER || inviter.role() == Role.OWNER))
                .orElse(false);
    }
}
