package io.coffer.api.error;

import io.coffer.shared.error.ValidationException.FieldError;
import io.coffer.shared.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds RFC 9457 problem answers. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** The JSON body of a problem; {@code detail} must never hold internals. */
    public static String json(ProblemType type, String detail, List<FieldError> errors) {
        JsonObjectBuilder body = JsonP.createObjectBuilder()
                .add("type", type.type())
                .add("title", type.title())
                .add("status", type.status())
                .add("detail", detail == null ? type.defaultDetail() : detail);
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder list = JsonP.createArrayBuilder();
            errors.forEach(e -> list.add(JsonP.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build().toString();
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
        JsonArrayBuilder list = JsonP.createArrayBuilder();
        requires.forEach(list::add);
        String json = JsonP.createObjectBuilder()
                .add("type", ProblemType.CREDENTIALS_REQUIRED.type())
                .add("title", ProblemType.CREDENTIALS_REQUIRED.title())
                .add("status", ProblemType.CREDENTIALS_REQUIRED.status())
                .add("detail", detail)
                .add("requires", list).build().toString();
        return Response.status(ProblemType.CREDENTIALS_REQUIRED.status()).type(MEDIA_TYPE + "; charset=utf-8")
                .entity(json);
    }

    public static Response.ResponseBuilder unauthenticated() {
        return of(ProblemType.UNAUTHENTICATED);
    }
}
