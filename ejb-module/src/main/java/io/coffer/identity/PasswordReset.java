package io.coffer.identity;

import io.coffer.identity.IdentityEvents.PasswordResetCompleted;
import io.coffer.identity.IdentityEvents.PasswordResetRequested;
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
import io.coffer.shared.UserId;
import io.coffer.shared.error.InvalidTokenException;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Password reset (ID-8 … ID-14). The request answers the same whether or not the account exists and sends at most
 * {@value #MAILS_PER_WINDOW} mails per account per 15 minutes; the token (256 bits, only its hash stored) lasts 30
 * minutes, works once — also when two confirms race — and only for its user and tenant; a reset ends every earlier
 * access and refresh token and sends a notice.
 */
// Not an EJB: it has no transaction of its own (each step runs in TenantScope's), and a refusal (an application
// exception with rollback) thrown out of an EJB method without a transaction marks Liberty's local transaction,
// which logs an ERROR (WLTC0017E) for every wrong password or unknown token (FD-22).
@ApplicationScoped
public class PasswordReset {

    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAILS_PER_WINDOW = 3;
    static final int REQUESTS_PER_ADDRESS = 30;
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

    /** Always returns normally (the caller answers 202 {}); mails a link only to an existing account. */
    public void request(String tenantSlug, String email, String clientAddress) {
        String addressKey = Throttling.addressKey("reset-request", clientAddress);
        throttle.check(addressKey, REQUESTS_PER_ADDRESS);
        throttle.fail(addressKey); // every request counts against the address, found or not
        Optional<Tenant> tenant = tenants.findBySlug(tenantSlug);
        if (tenant.isEmpty() || email == null || email.isBlank()) {
            return;
        }
        TenantId tenantId = tenant.get().id();
        tenancy.call(tenantId, () -> {
            users.findByEmail(email).ifPresent(user -> {
                if (tokens.issuedSince(user.userId(), SecretKind.PASSWORD_RESET,
                        clock.instant().minus(Throttling.WINDOW)) >= MAILS_PER_WINDOW) {
                    return; // still 202, no mail
                }
                String token = tokens.issueOneTime(user.userId(), SecretKind.PASSWORD_RESET, LIFETIME);
                mailer.sendAfterCommit(new Mail(user.email(), "Reset your Coffer password",
                        "Someone asked to reset the password of your Coffer account in '" + tenant.get().slug()
                                + "'.\n\nTo choose a new password, open this link within 30 minutes:\n\n"
                                + settings.publicUrl() + "/reset-password?token=" + token
                                + "\n\nIf it was not you, ignore this mail: your password stays as it is.\n"));
                events.fire(new PasswordResetRequested(tenantId, user.userId(), clientAddress, clock.instant()));
            });
            return null;
        });
    }

    /** Sets a new password; every failure of the token is one {@link InvalidTokenException}. */
    public void confirm(String token, String newPassword, String clientAddress) {
        Passwords.checkPolicy(newPassword, "newPassword");
        String addressKey = Throttling.addressKey("reset-confirm", clientAddress);
        // Decided after the token was looked up (ID-34): a genuine mailed token is no guess, whoever sends it.
        Optional<RateLimitedException> addressOver = throttle.refusal(addressKey, BAD_TOKENS_PER_ADDRESS);
        try {
            secrets.redeem(token, SecretKind.PASSWORD_RESET, InvalidTokenException::new, tenant -> {
                UserId userId = tokens.userOf(token);
                UserEntity user = users.find(userId).orElseThrow(InvalidTokenException::new);
                // ID-37: hashed only once the token is redeemed, so a spent or expired token costs no hash
                user.changePassword(passwords.hash(newPassword));
                user.verifyEmail(clock.instant()); // the mailed link proved the address too
                tokens.spendAll(userId, SecretKind.PASSWORD_RESET);
                tokens.spendAll(userId, SecretKind.MFA); // MFA-17: a second step begun with the old password ends
                tokens.revokeAllRefresh(userId.value());
                mailer.sendAfterCommit(new Mail(user.email(), "Your Coffer password was changed",
                        "The password of your Coffer account was just changed, and every session was signed out."
                                + "\n\nIf it was not you, reset your password at once and tell your administrator.\n"));
                events.fire(new PasswordResetCompleted(tenant, user.userId(), clock.instant()));
                return null;
            });
        } catch (InvalidTokenException invalid) {
            throttle.fail(addressKey);
            throw addressOver.isPresent() ? addressOver.get() : invalid;
        }
    }
}
