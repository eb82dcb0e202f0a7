package io.coffer.identity;

import io.coffer.identity.IdentityEvents.MfaDisabled;
import io.coffer.identity.IdentityEvents.MfaEnabled;
import io.coffer.identity.IdentityEvents.MfaRecoveryCodesRegenerated;
import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.SecondFactors;
import io.coffer.identity.internal.Totp;
import io.coffer.identity.internal.UserEntity;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The caller's own second factor (docs/features/mfa.md): TOTP enrolment, its confirmation with the recovery codes,
 * and turning it off. Only from a session: an API-key token is refused (MFA-11).
 */
@Stateless
@PermitAll
public class SecondFactor {

    static final String ISSUER = "Coffer";

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    SecondFactors factors;

    @Inject
    io.coffer.identity.internal.TokenStore tokens;

    @EJB
    ThrottlingGate throttle;

    @Inject
    Event<IdentityEvent> events;

    @Inject
    Clock clock;

    /** A pending TOTP enrolment: the secret in base32 and the {@code otpauth://} URL an authenticator app reads. */
    public record TotpEnrolment(String secret, String otpauthUrl) {
        @Override
        public String toString() {
            return "TotpEnrolment[…]";
        }
    }

    /** MFA-2: a new pending secret (replacing an unconfirmed one); 409 when TOTP is active. */
    public TotpEnrolment enrolTotp() {
        UserEntity user = requireSession();
        String secret = Totp.base32(factors.enrol(user.userId()));
        String label = URLEncoder.encode(ISSUER + ":" + user.email(), StandardCharsets.UTF_8).replace("+", "%20");
        String url = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new TotpEnrolment(secret, url);
    }

    /** MFA-2, MFA-4: confirms the pending enrolment with a code; answers the ten recovery codes, once. */
    public List<String> confirmTotp(String code) {
        UserEntity user = requireSession(); // 403 before 400
        if (code == null || !code.strip().replace(" ", "").matches("[0-9]{" + Totp.DIGITS + "}")) {
            throw ValidationException.of("code", "must be the " + Totp.DIGITS + " digits the authenticator app shows");
        }
        List<String> codes = factors.confirm(user.userId(), code)
                .orElseThrow(() -> ValidationException.of("code", "is not the current code of the authenticator app"));
        // MFA-14: confirming with a code proves the factor, so this session has passed one
        Caller.sessionOf(context.getCallerPrincipal())
                .ifPresent(sid -> tokens.sessionPassedSecondFactor(sid, user.userId().value()));
        events.fire(new MfaEnabled(caller.tenant(), user.userId(), SecondFactors.TOTP, clock.instant()));
        return codes;
    }

    /**
     * MFA-9: turns TOTP off with a current code or an unused recovery code (exactly one of them); a wrong one is 400
     * and counts to the throttle of the second step (MFA-7). With nothing active, a no-op.
     */
    public void disableTotp(String code, String recoveryCode, String clientAddress) {
        UserEntity user = requireSession();
        if (!factors.active(user.userId())) {
            factors.disable(user.userId()); // drops a pending enrolment
            return;
        }
        String field = Authentication.oneCodeField(code, recoveryCode);
        String accountKey = Authentication.mfaAccountKey(caller.tenant(), user.userId());
        String addressKey = Throttling.addressKey(Authentication.MFA_THROTTLE, clientAddress);
        throttle.check(accountKey, Authentication.FAILURES_PER_ACCOUNT);
        throttle.check(addressKey, Authentication.FAILURES_PER_ADDRESS);
        boolean right = factors.accept(user.userId(), code, recoveryCode);
        if (!right) {
            throttle.fail(accountKey, addressKey);
            throw ValidationException.of(field, "is wrong or was used before");
        }
        factors.disable(user.userId());
        events.fire(new MfaDisabled(caller.tenant(), user.userId(), SecondFactors.TOTP, clock.instant()));
    }

    /**
     * The caller's second factors as {@code GET /me} tells them (MFA-20): TOTP active, recovery codes unused, and how
     * many passkeys (PK-8).
     */
    public record Status(boolean totp, int recoveryCodesLeft, long passkeys) {
    }



    /**
     * MFA-19: ten new recovery codes for a current TOTP {@code code} (checked once and throttled as at the second
     * step, MFA-3, MFA-7); the earlier codes stop working. 400 for a wrong or replayed code, 409 while TOTP is off.
     */
    public List<String> regenerateRecoveryCodes(String code, String clientAddress) {
        UserEntity user = requireSession(); // 403 before 400
        if (code == null || !code.strip().replace(" ", "").matches("[0-9]{" + Totp.DIGITS + "}")) {
            throw ValidationException.of("code", "must be the " + Totp.DIGITS + " digits the authenticator app shows");
        }
        if (!factors.active(user.userId())) {
            throw new io.coffer.shared.error.ConflictException("Two-factor sign-in with an authenticator app is off:"
                    + " there are no recovery codes to replace.");
        }
        String accountKey = Authentication.mfaAccountKey(caller.tenant(), user.userId());
        String addressKey = Throttling.addressKey(Authentication.MFA_THROTTLE, clientAddress);
        throttle.check(accountKey, Authentication.FAILURES_PER_ACCOUNT);
        throttle.check(addressKey, Authentication.FAILURES_PER_ADDRESS);
        if (!factors.acceptTotp(user.userId(), code.strip().replace(" ", ""))) {
            throttle.fail(accountKey, addressKey);
            throw ValidationException.of("code", "is wrong or was used before");
        }
        List<String> codes = factors.replaceRecoveryCodes(user.userId());
        events.fire(new MfaRecoveryCodesRegenerated(caller.tenant(), user.userId(), clock.instant()));
        return codes;
    }

    /**
     * MFA-14, MFA-18: 403 {@code mfa-enrolment-required} ({@link io.coffer.shared.error.MfaEnrolmentRequiredException})
     * when the tenant requires a second factor the caller's session has not passed, with the remedy that applies
     * (enrol one, or sign in again through the second step when the account has one); a no-op otherwise.
     */
    public void requirePassed() {
        caller.requireSecondFactorPassed(context.getCallerPrincipal());
    }

    /** The caller's user, when the caller is a session (MFA-11: not an API-key token). */
    private UserEntity requireSession() {
        return caller.requireSession(context.getCallerPrincipal(),
                "The second factor is managed from a signed-in session, not with an API key.").user();
    }
}
