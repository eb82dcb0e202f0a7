package io.coffer.api.error;

import io.coffer.shared.error.ValidationException.FieldError;
import io.coffer.shared.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Builds RFC 9457 problem answers. Each names the request it answers as its {@code instance}
 * ({@code urn:coffer:request:<X-Request-Id>}, OPS-10), the only member that varies between two requests refused
 * alike; a problem built outside a request (no id on the thread) has no {@code instance}.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** The JSON body of a problem of the current thread's request; {@code detail} must never hold internals. */
    public static String json(ProblemType type, String detail, List<FieldError> errors) {
        return json(type, detail, errors, RequestIds.current());
    }

    /** The JSON body of a problem answered to the request {@code requestId} (null: no {@code instance}). */
    public static String json(ProblemType type, String detail, List<FieldError> errors, String requestId) {
        JsonObjectBuilder body = start(type, detail == null ? type.defaultDetail() : detail, requestId);
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder list = JsonP.createArrayBuilder();
            errors.forEach(e -> list.add(JsonP.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build().toString();
    }

    private static JsonObjectBuilder start(ProblemType type, String detail, String requestId) {
        JsonObjectBuilder body = JsonP.createObjectBuilder()
                .add("type", type.type())
                .add("title", type.title())
                .add("status", type.status())
                .add("detail", detail);
        if (requestId != null) {
            body.add("instance", RequestIds.instance(requestId));
        }
        return body;
    }

    public static Response.ResponseBuilder of(ProblemType type, String detail, List<FieldError> errors) {
        return Response.status(type.status())
                .type(MEDIA_TYPE + "; charset=utf-8")
                .entity(json(type, detail, errors));
    }

    public static Response.ResponseBuilder of(ProblemType type) {
        return of(type, null, null);
    }

    /** 401 {@code credentials-required} of a share link, with {@code requires}: what is still missing or wrong. */
    public static Response.ResponseBuilder credentialsRequired(String detail, List<String> requires) {
        return Response.status(ProblemType.CREDENTIALS_REQUIRED.status()).type(MEDIA_TYPE + "; charset=utf-8")
                .entity(credentialsRequiredJson(detail, requires, RequestIds.current()));
    }

    /** The body of {@link #credentialsRequired} answered to the request {@code requestId} (null: no instance). */
    static String credentialsRequiredJson(String detail, List<String> requires, String requestId) {
        JsonArrayBuilder list = JsonP.createArrayBuilder();
        requires.forEach(list::add);
        return start(ProblemType.CREDENTIALS_REQUIRED, detail, requestId).add("requires", list).build().toString();
    }

    /**
     * 401 {@code mfa-required} of a login whose password was right (MFA-5): the single-use {@code mfaToken} for
     * {@code POST /auth/mfa} and the {@code methods} the user has.
     */
    public static Response.ResponseBuilder mfaRequired(String mfaToken, List<String> methods) {
        return Response.status(ProblemType.MFA_REQUIRED.status()).type(MEDIA_TYPE + "; charset=utf-8")
                .header("Cache-Control", "no-store")
                .entity(mfaRequiredJson(mfaToken, methods, RequestIds.current()));
    }

    static String mfaRequiredJson(String mfaToken, List<String> methods, String requestId) {
        JsonArrayBuilder list = JsonP.createArrayBuilder();
        methods.forEach(list::add);
        return start(ProblemType.MFA_REQUIRED, ProblemType.MFA_REQUIRED.defaultDetail(), requestId).add("mfaToken", mfaToken).add("methods", list).build().toString();
    }

    public static Response.ResponseBuilder unauthenticated() {
        return of(ProblemType.UNAUTHENTICATED);
    }
}
