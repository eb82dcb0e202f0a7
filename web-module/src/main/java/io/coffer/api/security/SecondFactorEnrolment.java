package io.coffer.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the endpoints a session may use while the tenant requires a second factor it has not passed (MFA-14, the
 * contract's list): the caller's own account ({@code /me}), enrolling a second factor ({@code /me/mfa/*},
 * {@code /me/webauthn/*}) and signing out. {@link AuthenticationFilter} answers 403 {@code mfa-enrolment-required}
 * on every other authenticated endpoint.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SecondFactorEnrolment {
}
