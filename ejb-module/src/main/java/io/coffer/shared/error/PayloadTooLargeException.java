package io.coffer.shared.error;

/** A request body is larger than allowed (413); nothing of it was kept. */
public class PayloadTooLargeException extends CofferException {
    public PayloadTooLargeException(long limit) {
        super("The body is larger than the limit of " + limit + " bytes.");
    }
}
