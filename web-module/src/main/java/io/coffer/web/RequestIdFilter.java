package io.coffer.web;

import io.coffer.api.error.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * OPS-9: every request of the application has an id. A client's (or proxy's) {@code X-Request-Id} is taken when it
 * is a sane token (1-64 characters of {@code [A-Za-z0-9._-]}); anything else is replaced by a new random id. The id
 * is echoed in the response header {@code X-Request-Id} and, while the request runs, added to every log record of
 * its thread through Liberty's {@code LogRecordContext} (a JSON log line carries it as {@code ext_requestId}), and
 * held in {@link RequestIds} for the problem answers' {@code instance} (OPS-10).
 */
@WebFilter(filterName = "requestId", urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    /** The request attribute holding the id, for whoever answers the request. */
    public static final String ATTRIBUTE = "io.coffer.requestId";
    static final String LOG_FIELD = "requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Liberty's {@code com.ibm.websphere.logging.hpel.LogRecordContext} (an ibm-api type, visible to applications by
     * default), looked up at run time: its API jar is not on Maven Central. Absent (another server, a unit test):
     * the id is still echoed, the log lines just do not carry it.
     */
    private static final MethodHandle ADD_EXTENSION;
    private static final MethodHandle REMOVE_EXTENSION;

    static {
        MethodHandle add = null;
        MethodHandle remove = null;
        try {
            Class<?> context = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            // void addExtension(String, String); boolean removeExtension(String) (the hpel API 2.x). A wrong
            // signature here once made the lookup fail and every log line lack the id: PostgresHangIT checks it.
            add = lookup.findStatic(context, "addExtension",
                    MethodType.methodType(void.class, String.class, String.class));
            remove = lookup.findStatic(context, "removeExtension", MethodType.methodType(boolean.class, String.class));
        } catch (ClassNotFoundException e) {
            add = null; // not on Liberty (a unit test): nothing to log into
            remove = null;
        } catch (ReflectiveOperationException | LinkageError e) {
            // on Liberty but not as expected: said once, so that log lines without the id are not a silent mystery
            java.util.logging.Logger.getLogger(RequestIdFilter.class.getName()).warning(
                    "OPS-9: Liberty's LogRecordContext is not as expected, log lines will not carry the request id: " + e);
            add = null;
            remove = null;
        }
        ADD_EXTENSION = add;
        REMOVE_EXTENSION = remove;
    }

    /** The id of the request this thread serves, or null outside a request. */
    public static String current() {
        return RequestIds.current();
    }

    /** The id of {@code request} (also on its error dispatch, after the filter has left the thread), or null. */
    public static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : RequestIds.current();
    }

    /** The id to use for an incoming header value: the value when it is a sane token, else a new one. */
    static String idFor(String incoming) {
        if (incoming != null && SANE.matcher(incoming).matches()) {
            return incoming;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The id of {@code request}, made, recorded and echoed now if no filter has done it yet: the container orders the
     * annotated filters as it likes, and another filter that answers on its own (SecurityHeadersFilter) calls this.
     */
    public static String ensure(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = idFor(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        return id;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = ensure(request, response);
        String outer = RequestIds.current();
        RequestIds.set(id);
        logContext(ADD_EXTENSION, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                RequestIds.set(null);
                logContext(REMOVE_EXTENSION, null);
            } else { // an include or forward on the same thread keeps the outer request's id
                RequestIds.set(outer);
                logContext(ADD_EXTENSION, outer);
            }
        }
    }

    private static void logContext(MethodHandle handle, String id) {
        if (handle == null) {
            return;
        }
        try {
            if (id == null) {
                boolean ignored = (boolean) handle.invokeExact(LOG_FIELD);
            } else {
                handle.invokeExact(LOG_FIELD, id);
            }
        } catch (Throwable e) {
            // logging context is best effort: a request is never refused for it
        }
    }
}
