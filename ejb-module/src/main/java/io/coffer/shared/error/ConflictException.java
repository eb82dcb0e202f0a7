package io.coffer.shared.error;

/** The request conflicts with the current state (a duplicate name, a cycle, the last owner...). */
public class ConflictException extends CofferException {
    public ConflictException(String message) {
        super(message);
    }
}
