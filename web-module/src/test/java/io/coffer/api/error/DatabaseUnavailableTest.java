package io.coffer.api.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** REL-1 on the mapping: what the database's "not now" looks like after EJB, JPA and the driver wrapped it. */
class DatabaseUnavailableTest {

    @Test
    void rel1_timeoutsLostConnectionsAndAnEmptyPoolAreUnavailable() {
        // the driver's socketTimeout: PSQLException 08006 caused by a SocketTimeoutException, inside JPA, inside EJB
        SQLException read = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out"));
        assertTrue(DatabaseUnavailable.is(new EJBException(new PersistenceException(new RuntimeException(read)))));
        assertTrue(DatabaseUnavailable.is(new SQLException("canceling statement due to statement timeout", "57014")));
        assertTrue(DatabaseUnavailable.is(new SQLException("the database system is shutting down", "57P03")));
        assertTrue(DatabaseUnavailable.is(new SQLException("Connection refused", "08001")));
        assertTrue(DatabaseUnavailable.is(new RuntimeException(new SQLTransientConnectionException("pool wait"))));
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("terminating connection", "57P01"));
        assertTrue(DatabaseUnavailable.is(batch));
    }

    @Test
    void rel1_bugsAndRefusalsStayWhatTheyAre() {
        assertFalse(DatabaseUnavailable.is(new NullPointerException()));
        assertFalse(DatabaseUnavailable.is(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.is(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseUnavailable.is(new SQLException("permission denied", "42501")));
        RuntimeException loop = new RuntimeException("self");
        assertFalse(DatabaseUnavailable.is(new EJBException(loop)));
    }
}
