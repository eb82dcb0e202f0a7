package io.coffer.shared.error;

/** A request body is larger than allowed, or than the tenant's storage quota leaves (413); nothing of it was kept. */
public class PayloadTooLargeException extends CofferException {
    public PayloadTooLargeException(long limit) {
        super("The body is larger than the limit of " + limit + " bytes.");
    }

    private PayloadTooLargeException(String detail) {
        super(detail);
    }

    /** The upload would take the tenant's stored bytes over its quota. */
    public static PayloadTooLargeException quota(long quota, long used) {
        return new PayloadTooLargeException("The organisation's storage quota of " + quota + " bytes would be exceeded ("
                + used + " bytes are in use, trash included). Empty the trash or ask the operator for more.");
    }
}
