package io.coffer.api.error;

import io.coffer.shared.error.CofferException;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.InvalidTokenException;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.UnauthenticatedException;
import io.coffer.shared.error.ValidationException;
import io.coffer.shared.error.ValidationException.FieldError;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps every exception that can leave a resource to a problem answer. */
public final class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    private ExceptionMappers() {
    }

    /** A module's own error: the message was written for the client. */
    static Response fromModule(CofferException e) {
        if (e instanceof NotFoundException) {
            // One body for "missing" and "not yours": never echo the module's message or the id.
            return Problem.of(ProblemType.NOT_FOUND).build();
        }
        if (e instanceof io.coffer.shared.error.MfaRequiredException mfa) {
            return Problem.mfaRequired(mfa.mfaToken(), mfa.methods()).build();
        }
        if (e instanceof ValidationException v) {
            return Problem.of(ProblemType.VALIDATION, v.getMessage(), v.errors()).build();
        }
        if (e instanceof UnauthenticatedException) {
            return Problem.unauthenticated().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"coffer\"").build();
        }
        if (e instanceof io.coffer.shared.error.SsoFailedException) {
            return Problem.of(ProblemType.SSO_FAILED, e.getMessage(), null).build();
        }
        if (e instanceof io.coffer.shared.error.LoginMethodNotAllowedException) {
            return Problem.of(ProblemType.LOGIN_METHOD_NOT_ALLOWED, e.getMessage(), null).build();
        }
        if (e instanceof io.coffer.shared.error.MfaEnrolmentRequiredException) {
            return Problem.of(ProblemType.MFA_ENROLMENT_REQUIRED, e.getMessage(), null).build(); // MFA-18
        }
        if (e instanceof ForbiddenException) {
            return Problem.of(ProblemType.FORBIDDEN, e.getMessage(), null).build();
        }
        if (e instanceof ConflictException) {
            return Problem.of(ProblemType.CONFLICT, e.getMessage(), null).build();
        }
        if (e instanceof io.coffer.shared.error.PayloadTooLargeException) {
            return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), null).header("Connection", "close").build();
        }
        if (e instanceof io.coffer.shared.error.UnsupportedTypeException) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), null).build();
        }
        if (e instanceof InvalidTokenException) {
            return Problem.of(ProblemType.INVALID_TOKEN).build(); // one body for wrong, expired, used, foreign
        }
        if (e instanceof io.coffer.shared.error.UnavailableException) {
            return Problem.of(ProblemType.UNAVAILABLE, e.getMessage(), null).header(HttpHeaders.RETRY_AFTER, "5")
                    .build();
        }
        if (e instanceof io.coffer.shared.error.GoneException) {
            return Problem.of(ProblemType.GONE, e.getMessage(), null).build();
        }
        if (e instanceof io.coffer.shared.error.CredentialsRequiredException missing) {
            return Problem.credentialsRequired(missing.getMessage(), missing.requires()).build();
        }
        if (e instanceof RateLimitedException limited) {
            return Problem.of(ProblemType.RATE_LIMITED)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds())).build();
        }
        return unexpected(e);
    }

    private static volatile long lastUnavailableWarning = System.nanoTime() - 20_000_000_000L;

    static Response unexpected(Throwable e) {
        if (DatabaseUnavailable.is(e)) {
            // REL-1: the database does not answer now (timeout, lost connection, pool empty): retry later, not a bug
            long now = System.nanoTime();
            if (now - lastUnavailableWarning > 10_000_000_000L) { // one line per 10 s, not one per request
                lastUnavailableWarning = now;
                LOG.log(Level.WARNING, "Database unavailable, answered 503 (logged once per 10 s): {0}",
                        rootMessage(e));
            }
            LOG.log(Level.FINE, "Database unavailable", e);
            return unavailable();
        }
        LOG.log(Level.SEVERE, "Unexpected error answered with 500", e);
        return Problem.of(ProblemType.INTERNAL).build();
    }

    /** 503 {@code unavailable} with {@code Retry-After}: the database does not answer now. */
    public static Response unavailable() {
        return Problem.of(ProblemType.UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Provider
    public static class Module implements ExceptionMapper<CofferException> {
        @Override
        public Response toResponse(CofferException e) {
            return fromModule(e);
        }
    }

    /** JAX-RS's own errors: unknown path (404), wrong method (405), unsupported media type (415)... */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            if (status == 400 && e.getCause() != null) {
                return malformed();
            }
            if (e.getResponse().getMediaType() != null && Problem.MEDIA_TYPE.equals(
                    e.getResponse().getMediaType().getType() + "/" + e.getResponse().getMediaType().getSubtype())) {
                return e.getResponse(); // a problem the resource wrote itself (tus' 412 with Tus-Version)
            }
            Response.ResponseBuilder answer = Problem.of(ProblemType.forStatus(status));
            if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
                answer.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
            }
            return answer.build();
        }
    }

    static Response malformed() {
        return Problem.of(ProblemType.VALIDATION,
                "The request body is not valid JSON of the expected shape (unknown fields are refused).", null).build();
    }

    /** A body that is not JSON, or JSON with unknown or mistyped fields. */
    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed();
        }
    }

    @Provider
    public static class JsonP implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return malformed();
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed();
        }
    }

    /** Bean Validation on resource parameters. */
    @Provider
    public static class Constraints implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> {
                        String path = v.getPropertyPath().toString();
                        return new FieldError(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
                    })
                    .toList();
            return Problem.of(ProblemType.VALIDATION, null, errors).build();
        }
    }

    /** {@code @RolesAllowed} on an EJB refused the caller. */
    @Provider
    public static class Access implements ExceptionMapper<EJBAccessException> {
        @Override
        public Response toResponse(EJBAccessException e) {
            return Problem.of(ProblemType.FORBIDDEN).build();
        }
    }

    /** An EJB wraps what it did not declare; unwrap a module error, hide everything else. */
    @Provider
    public static class Ejb implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause();
            while (cause instanceof EJBException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof CofferException module) {
                return fromModule(module);
            }
            if (cause instanceof EJBAccessException) {
                return Problem.of(ProblemType.FORBIDDEN).build();
            }
            return unexpected(e);
        }
    }

    /** Anything else: logged in full, answered without internals. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return unexpected(e);
        }
    }
}
