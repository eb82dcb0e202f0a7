package io.coffer.shared.error;

/**
 * The tenant requires a second factor and the caller's session has not passed one (403
 * {@code mfa-enrolment-required}, MFA-14, MFA-15, MFA-18). The message tells which remedy applies: enrol one, or —
 * when the account has one but this session was signed in without it — sign in again through the second step.
 */
public class MfaEnrolmentRequiredException extends CofferException {
    public MfaEnrolmentRequiredException(String message) {
        super(message);
    }
}
