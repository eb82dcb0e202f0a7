package io.coffer.shared.error;

/**
 * A single sign-on callback that was refused (401 {@code sso-failed}, SSO-12): the message says which step failed in
 * words a person can act on, never the provider's tokens or the client secret.
 */
public class SsoFailedException extends CofferException {
    public SsoFailedException(String message) {
        super(message);
    }
}
