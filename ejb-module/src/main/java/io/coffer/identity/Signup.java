package io.coffer.identity;

import io.coffer.identity.IdentityEvents.UserCreated;
import io.coffer.identity.internal.Checks;
import io.coffer.identity.internal.Passwords;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.identity.internal.TokenStore;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.InvalidTokenException;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Signup and email verification (ID-21). A signup creates the tenant and its OWNER (unverified) in one transaction
 * bound to the new tenant, and mails a verification link; only the POST of its token verifies (a mail scanner's GET of
 * the link's page does not).
 */
// Not an EJB: it has no transaction of its own (each step runs in TenantScope's), and a refusal (an application
// exception with rollback) thrown out of an EJB method without a transaction marks Liberty's local transaction,
// which logs an ERROR (WLTC0017E) for every wrong password or unknown token (FD-22).
@ApplicationScoped
public class Signup {

    static final Duration VERIFICATION_LIFETIME = Duration.ofHours(24);
    static final int BAD_TOKENS_PER_ADDRESS = 20;

    @EJB
    TenantDirectory tenants;

    @EJB
    TenantScope tenancy;

    @EJB
    ThrottlingGate throttle;

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    TokenStore tokens;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    Mailer mailer;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<IdentityEvent> events;

    public void signup(String tenantName, String tenantSlug, String email, String password, String displayName) {
        String address = Checks.email(email, "email");
        String name = Checks.displayName(displayName, "displayName");
        Passwords.checkPolicy(password, "password");
        String hash = passwords.hash(password);
        TenantId tenant = new TenantId(UUID.randomUUID());
        tenancy.call(tenant, () -> {
            tenants.create(tenant, tenantSlug, tenantName);
            UserEntity owner = users.add(new UserEntity(UUID.randomUUID(), address, name, Role.OWNER, hash, null));
            String token = tokens.issueOneTime(owner.userId(), SecretKind.VERIFY_EMAIL, VERIFICATION_LIFETIME);
            mailer.sendAfterCommit(new Mail(address, "Confirm your email address for Coffer",
                    "Welcome to Coffer.\n\nConfirm your email address by opening this link within 24 hours:\n\n"
                            + settings.publicUrl() + "/verify-email?token=" + token
                            + "\n\nIf you did not sign up, ignore this mail.\n"));
            events.fire(new UserCreated(tenant, owner.userId(), null, clock.instant()));
            return null;
        });
    }

    /** Verifies the email of the token's user; a bad, used or expired token is {@link InvalidTokenException}. */
    public void verifyEmail(String token, String clientAddress) {
        String addressKey = Throttling.addressKey("verify", clientAddress);
        // Decided after the token was looked up (ID-34): a genuine mailed token is no guess, whoever sends it.
        Optional<RateLimitedException> addressOver = throttle.refusal(addressKey, BAD_TOKENS_PER_ADDRESS);
        try {
            secrets.redeem(token, SecretKind.VERIFY_EMAIL, InvalidTokenException::new, tenant -> {
                users.find(tokens.userOf(token)).orElseThrow(InvalidTokenException::new).verifyEmail(clock.instant());
                return null;
            });
        } catch (InvalidTokenException invalid) {
            throttle.fail(addressKey);
            throw addressOver.isPresent() ? addressOver.get() : invalid;
        }
    }
}
