package io.coffer.api.error;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether an exception that left a resource means "the database does not answer now" (REL-1): a connection that could
 * not be had or was lost, a socket or statement timeout, a pool that gave none within its wait, PostgreSQL shutting down
 * or refusing connections. The client gets 503 {@code unavailable} with {@code Retry-After} instead of a 500: the same
 * request may well succeed later. Looks through the whole cause chain (EJB, JPA, EclipseLink, Liberty's pool wrap the
 * driver's exception) and the JDBC next-exception chain.
 */
public final class DatabaseUnavailable {

    /** PostgreSQL error codes that say "not now": query_canceled (statement_timeout), shutdown, too many connections. */
    private static final Set<String> STATES = Set.of("57014", "57P01", "57P02", "57P03", "53300", "53400");

    /** What the client is told to wait, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 32 && seen.put(t, Boolean.TRUE) == null) {
            if (matches(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && matches(sql.getNextException())) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static boolean matches(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException || t instanceof SocketTimeoutException
                || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
            return true;
        }
        // Liberty's connection manager: no connection within the pool's connectionTimeout (J2CA0045E), or none could
        // be made; named, as these classes are not on the application's class path
        String name = t.getClass().getName();
        return name.endsWith("ConnectionWaitTimeoutException") || name.endsWith("ResourceAllocationException");
    }
}
