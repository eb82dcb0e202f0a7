package io.coffer.shared.error;

/** The object does not exist or is not visible to the caller. The message never echoes the id (a foreign id and a missing one look the same). */
public class NotFoundException extends CofferException {
    public NotFoundException(String message) {
        super(message);
    }
}
