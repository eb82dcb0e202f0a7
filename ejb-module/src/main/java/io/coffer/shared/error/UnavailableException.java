package io.coffer.shared.error;

/** The server cannot do this now (503 {@code unavailable}), e.g. too much rendering queued; the client may retry. */
public class UnavailableException extends CofferException {
    public UnavailableException(String message) {
        super(message);
    }
}
