package io.coffer.shared.error;

/** The caller can see the object but may not do this to it. */
public class ForbiddenException extends CofferException {
    public ForbiddenException(String message) {
        super(message);
    }
}
