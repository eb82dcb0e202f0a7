package io.coffer.api.error;

import java.util.Arrays;
import java.util.Optional;

/** The problem types of the contract ({@code /problems/<slug>}), each with its status, title and default detail. */
public enum ProblemType {
    VALIDATION("validation", 400, "Invalid request", "The request is not valid."),
    INVALID_TOKEN("invalid-token", 400, "Invalid token", "The token is invalid, expired or already used."),
    UNAUTHENTICATED("unauthenticated", 401, "Unauthenticated", "A valid bearer token is required."),
    CREDENTIALS_REQUIRED("credentials-required", 401, "Credentials required", "More credentials are required."),
    MFA_REQUIRED("mfa-required", 401, "Second factor required",
            "The password is right; complete the login with a second factor."),
    SSO_FAILED("sso-failed", 401, "Single sign-on failed",
            "The sign-in through your identity provider did not complete: start it again."),
    FORBIDDEN("forbidden", 403, "Forbidden", "You may not do this."),
    MFA_ENROLMENT_REQUIRED("mfa-enrolment-required", 403, "Second factor enrolment required",
            "This tenant requires a second factor: set one up under /me/mfa, then go on."),
    LOGIN_METHOD_NOT_ALLOWED("login-method-not-allowed", 403, "Sign-in method not allowed",
            "This tenant does not allow this way of signing in: use single sign-on."),
    NOT_FOUND("not-found", 404, "Not found", "The requested resource does not exist."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", "This method is not allowed here."),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", "No representation matches the Accept header."),
    CONFLICT("conflict", 409, "Conflict", "The request conflicts with the current state."),
    GONE("gone", 410, "Gone", "This resource is no longer available."),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed",
            "A precondition of this request does not hold (tus: another Tus-Resumable version)."),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type",
            "The request body's media type is not supported here."),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable",
            "The requested range lies outside the content."),
    RATE_LIMITED("rate-limited", 429, "Too many requests", "Too many requests; retry later."),
    INTERNAL("internal", 500, "Internal error", "Something went wrong on our side; it has been logged."),
    UNAVAILABLE("unavailable", 503, "Service unavailable", "The service is not available right now.");

    private final String slug;
    private final int status;
    private final String title;
    private final String defaultDetail;

    ProblemType(String slug, int status, String title, String defaultDetail) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.defaultDetail = defaultDetail;
    }

    public String type() {
        return "/problems/" + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String defaultDetail() {
        return defaultDetail;
    }

    /** The type for an HTTP error status without a more specific cause (the first one listed for that status). */
    public static ProblemType forStatus(int status) {
        Optional<ProblemType> exact = Arrays.stream(values())
                .filter(t -> t.status == status && t != INVALID_TOKEN && t != CREDENTIALS_REQUIRED && t != MFA_REQUIRED
                        && t != MFA_ENROLMENT_REQUIRED && t != SSO_FAILED && t != LOGIN_METHOD_NOT_ALLOWED)
                .findFirst();
        return exact.orElse(status >= 500 ? INTERNAL : VALIDATION);
    }
}
