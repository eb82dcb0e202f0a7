package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * FD-15: the IT server's embedded database has no fixed, published role passwords. The server generated them at
 * its first start (or, on a data directory made by an earlier version, replaced the old fixed ones at start) and keeps
 * them under its COFFER_HOME readable by its user only.
 */
class DatabaseSecretsIT {

    static final Path DB = Path.of(System.getProperty("it.coffer.home"), "db");
    static final int PORT = Integer.getInteger("it.db.port", 54339);

    static PGSimpleDataSource as(String role, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + PORT + "/coffer");
        ds.setUser(role);
        ds.setPassword(password);
        ds.setConnectTimeout(5);
        return ds;
    }

    @Test
    void fd15_theFixedPublishedPasswordsNoLongerConnect() {
        for (String[] old : new String[][] {{"coffer_owner", ItDatabase.OLD_FIXED_OWNER_PASSWORD},
                {"coffer_app", "coffer-embedded-app"}}) {
            SQLException refused = assertThrows(SQLException.class, () -> as(old[0], old[1]).getConnection().close(),
                    old[0] + " must not accept its old published password");
            assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
        }
    }

    @Test
    void fd15_theGeneratedPasswordsAreKeptOwnerOnlyAndAreTheRolesPasswords() throws Exception {
        for (Path file : List.of(DB.resolve("coffer_owner.secret"), DB.resolve("coffer_app.secret"),
                DB.resolve("pgpass"), DB.resolve("superuser.secret"))) {
            assertTrue(Files.exists(file), file + " exists");
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file), file + " is readable by Coffer's user only");
        }
        String app = Files.readString(DB.resolve("coffer_app.secret")).strip();
        String owner = Files.readString(DB.resolve("coffer_owner.secret")).strip();
        assertTrue(app.length() >= 43 && owner.length() >= 43 && !app.equals(owner), "256 random bits each");
        try (Connection c = as("coffer_app", app).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_user")) {
            r.next();
            assertEquals("coffer_app", r.getString(1));
        }
        try (Connection c = as("coffer_owner", owner).getConnection()) {
            assertTrue(c.isValid(2));
        }
        // and the server itself works with them: it serves a database-backed request
        assertEquals(200, Http.get("/health/ready").statusCode());
    }
}
