package io.coffer.sharelinks.internal;

/**
 * Why a policy refuses: {@code NOT_FOUND} (404, one body for unknown, revoked and dead links), {@code GONE} (410),
 * {@code CREDENTIALS} (401 with the missing {@code requirement}), {@code FORBIDDEN} (403), {@code RATE_LIMITED}.
 */
public record Refusal(Kind kind, String policy, String requirement, String detail) {
    public enum Kind { NOT_FOUND, GONE, CREDENTIALS, FORBIDDEN }

    public static Refusal notFound(String policy) {
        return new Refusal(Kind.NOT_FOUND, policy, null, "no such link");
    }

    public static Refusal gone(String policy, String detail) {
        return new Refusal(Kind.GONE, policy, null, detail);
    }

    public static Refusal credentials(String policy, String requirement) {
        return new Refusal(Kind.CREDENTIALS, policy, requirement, null);
    }

    public static Refusal forbidden(String policy, String detail) {
        return new Refusal(Kind.FORBIDDEN, policy, null, detail);
    }
}
