package io.coffer.web;

import io.coffer.api.error.DatabaseUnavailable;
import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the web module (web.xml): errors raised outside JAX-RS — an unknown static path, a method the
 * default servlet does not take, an exception in a filter — answer problem+json too, never an HTML page or a trace.
 * The request's id comes from its attribute: the error dispatch may run after {@link RequestIdFilter} has left.
 */
@WebServlet(name = "errorPage", urlPatterns = "/error-page")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        ProblemType type = ProblemType.forStatus(status);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.is(failure)) {
            type = ProblemType.UNAVAILABLE; // REL-1: a filter's database call that timed out, retry later
            response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
        // A refusal by the container before any filter ran (MP-JWT refusing a token in its interceptor) reaches this
        // page with no id yet: one is made and echoed here, so that answer names its request too (OPS-9, OPS-10).
        String requestId = RequestIdFilter.of(request);
        if (requestId == null) {
            requestId = RequestIdFilter.ensure(request, response);
        }
        response.resetBuffer();
        response.setStatus(type.status());
        response.setContentType(Problem.MEDIA_TYPE + "; charset=utf-8");
        response.getOutputStream().write(Problem.json(type, null, null, requestId).getBytes(StandardCharsets.UTF_8));
    }
}
