package io.coffer.shared.error;

/** A body's type is not one accepted here (415 {@code unsupported-media-type}); nothing of it was kept. */
public class UnsupportedTypeException extends CofferException {
    public UnsupportedTypeException(String message) {
        super(message);
    }
}
