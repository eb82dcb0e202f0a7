package io.coffer.api.error;

/**
 * The id of the request the current thread serves (OPS-9), which every problem answer names as its {@code instance}
 * (OPS-10). Set and cleared by {@code io.coffer.web.RequestIdFilter} around the request; here, in the package that
 * writes problems, so that the web package (which also writes problems) and this one do not depend on each other.
 */
public final class RequestIds {

    /** The URN prefix of a problem's {@code instance}: {@code urn:coffer:request:<id>}. */
    public static final String INSTANCE_PREFIX = "urn:coffer:request:";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** The id of the request this thread serves, or null outside one (a job, an executor's thread). */
    public static String current() {
        return CURRENT.get();
    }

    /** Makes {@code id} this thread's request id (null clears it). */
    public static void set(String id) {
        if (id == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(id);
        }
    }

    /** The {@code instance} of a problem answered to the request {@code id}. */
    public static String instance(String id) {
        return INSTANCE_PREFIX + id;
    }
}
