package io.coffer.shared.error;

/** A mailed or one-time token is wrong, expired, used or foreign: one answer for all (400 {@code invalid-token}). */
public class InvalidTokenException extends CofferException {
    public InvalidTokenException() {
        super("The token is invalid, expired or already used.");
    }
}
