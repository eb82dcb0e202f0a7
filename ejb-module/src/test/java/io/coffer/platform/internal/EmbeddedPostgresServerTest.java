package io.coffer.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.platform.StartupFailure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FD-9 (embedded data survives restarts, kill -9 of Coffer and of PostgreSQL), FD-12 (misconfiguration stops
 * start-up with one clear message) and FD-15 (no fixed role passwords), against a real PostgreSQL.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path home;

    @Test
    void fd9_committedRowsSurviveCofferKilledWithMinus9WhileItsPostmasterLivesOn() throws Exception {
        int port = DatabaseFixture.freePort();
        Process coffer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashVictim.class.getName(),
                home.toString(), Integer.toString(port), "25")
                .redirectErrorStream(true).start();
        List<Integer> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(coffer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                if (line.startsWith("COMMITTED ")) {
                    acknowledged.add(Integer.parseInt(line.substring(10).trim()));
                }
            }
            coffer.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster is orphaned
            coffer.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(25, acknowledged.size(), "the child acknowledged every commit before it was killed");
        long orphan = postmasterPid();
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                "the postmaster outlives a Coffer killed with -9");

        try (EmbeddedPostgresServer again = DatabaseFixture.startPrepared(home, port)) {
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                    "the orphaned postmaster was stopped");
            assertEquals(25, countProbeRows(port));
        }
    }

    /**
     * The test only kills; the watchdog's own round ({@code reviveIfGone}, which {@code DatabaseStartup} runs every 5
     * seconds; the test has no other way to restart the database) sees the postmaster gone and starts a new one, and
     * leaves a live one alone. OperationsIT.fd11_* proves the same through the running server's timer.
     */
    @Test
    void fd9_fd11_postgresKilledWithMinus9IsRestartedByTheWatchdogWithEveryCommittedRow() throws Exception {
        int port = DatabaseFixture.freePort();
        try (EmbeddedPostgresServer server = DatabaseFixture.startPrepared(home, port)) {
            try (Connection c = DatabaseFixture.owner(port).getConnection()) {
                DatabaseFixture.execute(c, "create table crash_probe (n integer primary key)",
                        "insert into crash_probe select generate_series(1, 100)");
            }
            long pid = postmasterPid();
            assertFalse(server.reviveIfGone(), "the watchdog leaves a live postmaster alone");
            assertEquals(pid, postmasterPid());
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            assertTrue(Files.exists(server.dataDirectory().resolve("postmaster.pid")), "kill -9 leaves the pid file");

            assertTrue(server.reviveIfGone(), "the watchdog saw the postmaster gone and restarted it");

            long revived = postmasterPid();
            assertTrue(revived != pid && ProcessHandle.of(revived).map(ProcessHandle::isAlive).orElse(false),
                    "a new postmaster (" + revived + ", was " + pid + ") serves the data directory");
            assertTrue(server.alive());
            assertEquals(100, countProbeRows(port));
        }
    }

    @Test
    void fd9_dataSurvivesAnOrdinaryRestartAndIsNeverWiped() throws Exception {
        int port = DatabaseFixture.freePort();
        try (EmbeddedPostgresServer first = DatabaseFixture.startPrepared(home, port);
             Connection c = DatabaseFixture.owner(port).getConnection()) {
            DatabaseFixture.execute(c, "create table crash_probe (n integer primary key)",
                    "insert into crash_probe values (1), (2), (3)");
        }
        try (EmbeddedPostgresServer again = DatabaseFixture.startPrepared(home, port)) {
            assertEquals(3, countProbeRows(port));
        }
    }

    /**
     * FD-15: a data directory made with the old fixed, published passwords takes random ones at the next start;
     * they are kept under COFFER_HOME/db readable by Coffer's user only, and the same secret comes back next time.
     */
    @Test
    void fd15_theOldFixedPasswordsAreReplacedByRandomSecretsKeptOwnerOnly() throws Exception {
        int port = DatabaseFixture.freePort();
        try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(home, port)) {
            server.start();
            server.ensureRolesAndDatabase(DatabaseFixture.DB, DatabaseFixture.OWNER, "coffer-embedded-owner",
                    DatabaseFixture.APP, "coffer-embedded-app"); // as earlier versions left it
        }
        try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(home, port)) {
            server.start();
            String owner = server.roleSecret(DatabaseFixture.OWNER);
            String app = server.roleSecret(DatabaseFixture.APP);
            assertTrue(owner.length() >= 43 && app.length() >= 43 && !owner.equals(app), "256 random bits each");
            server.ensureRolesAndDatabase(DatabaseFixture.DB, DatabaseFixture.OWNER, owner, DatabaseFixture.APP, app);
            for (String[] old : new String[][] {{DatabaseFixture.OWNER, "coffer-embedded-owner"},
                    {DatabaseFixture.APP, "coffer-embedded-app"}}) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> DatabaseFixture.dataSource(port, old[0], old[1]).getConnection().close());
                assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
            }
            DatabaseFixture.dataSource(port, DatabaseFixture.OWNER, owner).getConnection().close();
            DatabaseFixture.dataSource(port, DatabaseFixture.APP, app).getConnection().close();
            Path pgpass = EmbeddedPostgresServer.writePgpass(home.resolve("db"), DatabaseFixture.APP, app);
            for (Path file : List.of(home.resolve("db/coffer_owner.secret"), home.resolve("db/coffer_app.secret"),
                    pgpass)) {
                assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                        Files.getPosixFilePermissions(file), file.toString());
            }
            assertEquals(owner, server.roleSecret(DatabaseFixture.OWNER), "kept, not regenerated");
            // the JDBC driver finds the query role's password in the pgpass file when it is given none
            String before = System.getProperty(DatabaseStartup.PGPASS_PROPERTY);
            System.setProperty(DatabaseStartup.PGPASS_PROPERTY, pgpass.toString());
            try {
                DatabaseFixture.dataSource(port, DatabaseFixture.APP, null).getConnection().close();
            } finally {
                if (before == null) {
                    System.clearProperty(DatabaseStartup.PGPASS_PROPERTY);
                } else {
                    System.setProperty(DatabaseStartup.PGPASS_PROPERTY, before);
                }
            }
        }
    }

    @Test
    void passwordsAreRequiredAndTheRolesCannotBypassRowLevelSecurity() throws Exception {
        int port = DatabaseFixture.freePort();
        try (EmbeddedPostgresServer server = DatabaseFixture.startPrepared(home, port)) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> DatabaseFixture.dataSource(port, DatabaseFixture.APP, "wrong").getConnection().close());
            assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
            try (Connection c = DatabaseFixture.owner(port).getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select rolname, rolsuper, rolbypassrls from pg_roles"
                         + " where rolname in ('coffer_owner', 'coffer_app') order by rolname")) {
                int roles = 0;
                while (r.next()) {
                    roles++;
                    assertFalse(r.getBoolean(2), r.getString(1) + " is no superuser");
                    assertFalse(r.getBoolean(3), r.getString(1) + " cannot bypass RLS");
                }
                assertEquals(2, roles);
            }
            Set<PosixFilePermission> secret = Files.getPosixFilePermissions(home.resolve("db/superuser.secret"));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), secret);
        }
    }

    @Test
    void fd12_aTakenPortStopsStartUpNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(home, taken.getLocalPort());
            StartupFailure failure = assertThrows(StartupFailure.class, server::start);
            assertTrue(failure.getMessage().contains("COFFER_EMBEDDED_DB_PORT"), failure.getMessage());
        }
    }

    @Test
    void fd12_anUnwritableHomeStopsStartUpNamingTheVariable() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("plain-file"), "x");
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(notADirectory, DatabaseFixture.freePort());
        StartupFailure failure = assertThrows(StartupFailure.class, server::start);
        assertTrue(failure.getMessage().contains("COFFER_HOME"), failure.getMessage());
    }

    /**
     * FD-37, the CI failure of 2026-12-07 (ReleaseIT): a postmaster of another COFFER_HOME that is still shutting
     * down held {@code /tmp/.s.PGSQL.<port>.lock} after it closed its TCP port, and the next start on that port died
     * with "lock file already exists". Here another live process owns that lock file: the start must not care,
     * because the embedded database has no Unix socket at all.
     */
    @Test
    void fd37_aSocketLockInTmpOfALiveProcessDoesNotStopTheStart() throws Exception {
        int port = DatabaseFixture.freePort();
        Path lock = Path.of("/tmp", ".s.PGSQL." + port + ".lock");
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(lock, other.pid() + "\n" + home.resolve("elsewhere") + "\n");
            try (EmbeddedPostgresServer server = DatabaseFixture.startPrepared(home, port);
                 Connection c = server.superuser("postgres").getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("show unix_socket_directories")) {
                assertTrue(server.alive());
                assertTrue(r.next());
                assertEquals("", r.getString(1), "no Unix socket directory");
                assertFalse(Files.exists(Path.of("/tmp", ".s.PGSQL." + port)), "no socket in /tmp");
            }
        } finally {
            other.destroyForcibly();
            Files.deleteIfExists(lock);
        }
    }

    /**
     * FD-37 with FD-12: when the postmaster itself refuses to start, the one start-up failure line quotes its FATAL
     * line and names the log it wrote under COFFER_HOME, instead of only "Connection refused" after a minute.
     */
    @Test
    void fd37_fd12_aPostmasterThatCannotStartIsQuotedInTheFailure() throws Exception {
        int port = DatabaseFixture.freePort();
        try (EmbeddedPostgresServer first = DatabaseFixture.startPrepared(home, port)) {
            assertTrue(first.alive());
        }
        Files.writeString(home.resolve("db/pgdata/postgresql.auto.conf"), "shared_buffers = 'plenty'\n");
        EmbeddedPostgresServer broken = new EmbeddedPostgresServer(home, port);
        broken.startupWait = java.time.Duration.ofSeconds(5);
        try {
            StartupFailure failure = assertThrows(StartupFailure.class, broken::start);
            String message = failure.getMessage();
            assertTrue(message.contains("PostgreSQL said:") && message.contains("FATAL:"), message);
            assertTrue(message.contains("postgresql.auto.conf"), "its own words name the file: " + message);
            assertTrue(message.contains(home.resolve("db/postgres.log").toString()), message);
        } finally {
            broken.close();
        }
    }

    private long postmasterPid() throws Exception {
        Path pidFile = home.resolve("db/pgdata/postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    private static int countProbeRows(int port) throws SQLException {
        try (Connection c = DatabaseFixture.owner(port).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from crash_probe")) {
            r.next();
            return r.getInt(1);
        }
    }
}
