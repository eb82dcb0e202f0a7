package io.coffer.shared.error;

/** The tenant's sign-in policy leaves this way of signing in out (403 {@code login-method-not-allowed}, SSO-11). */
public class LoginMethodNotAllowedException extends CofferException {
    public LoginMethodNotAllowedException(String message) {
        super(message);
    }
}
