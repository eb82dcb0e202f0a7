package io.coffer.shared.error;

/** The caller's credentials are missing, invalid, expired or revoked. */
public class UnauthenticatedException extends CofferException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
