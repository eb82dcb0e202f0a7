package io.coffer.shared.error;

/** The resource existed and is no longer available (410 {@code gone}): an expired share link, a reached view limit. */
public class GoneException extends CofferException {
    public GoneException(String message) {
        super(message);
    }
}
