package io.coffer.platform.internal;

import io.coffer.platform.StartupFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 15 (zonky's binaries) whose data lives under {@code COFFER_HOME/db}, hardened for keeping data:
 * fsync and synchronous commit on, password authentication (scram) instead of trust, listening on loopback only.
 * Plain Java so that tests can start and "crash" it without a container.
 *
 * <p>Start is idempotent over crashes: a postmaster left running by a Coffer killed with -9 is stopped first, a stale
 * pid file is removed, and a port taken by another program stops start-up with a clear message.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class.getName());
    static final String SUPERUSER = "postgres";

    private final Path dbDir;
    private final int port;
    private EmbeddedPostgres postgres;
    private String superuserPassword;
    private final boolean statementStatistics;
    /** How long a started postmaster may take to answer; tests shorten it to see a failed start quickly. */
    Duration startupWait = Duration.ofSeconds(60);

    public EmbeddedPostgresServer(Path home, int port) {
        this(home, port, false);
    }

    /**
     * @param statementStatistics test-only: preload {@code pg_stat_statements} and create it (schema
     *     {@code coffer_test_stats}, readable by the owner role) so that tests can count statements
     */
    public EmbeddedPostgresServer(Path home, int port, boolean statementStatistics) {
        this.dbDir = home.resolve("db");
        this.port = port;
        this.statementStatistics = statementStatistics;
    }

    public Path dataDirectory() {
        return dbDir.resolve("pgdata");
    }

    public int port() {
        return port;
    }

    /** The postmaster's own output (start-up, crashes, FATAL lines), appended across starts (FD-37). */
    public Path logFile() {
        return dbDir.resolve("postgres.log");
    }

    /** Starts the server (initialising the data directory on first use). */
    public synchronized void start() {
        prepareDirectories();
        stopStalePostmaster();
        if (portAnswers()) {
            throw new StartupFailure("port " + port + " of the embedded database is taken by another program:"
                    + " stop it or set COFFER_EMBEDDED_DB_PORT to a free port");
        }
        superuserPassword = superuserPassword();
        rotateLog();
        Path pwfile = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dbDir.resolve("runtime").toFile())
                    .setPgBinaryResolver(new ClassPathBinaries())
                    .setPGStartupWait(startupWait)
                    // FD-37: the postmaster's words go to COFFER_HOME/db/postgres.log, not to a logger nobody binds
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .setRegisterShutdownHook(true)
                    // zonky is tuned for throw-away test databases; Coffer keeps data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    // FD-37: TCP on loopback only, no Unix socket: its lock file in /tmp outlives a postmaster that
                    // is still shutting down and refused the next start on the same port (another COFFER_HOME)
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", "100")
                    .setConnectConfig("password", superuserPassword)
                    .setConnectConfig("connectTimeout", "5");
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (!Files.exists(dataDirectory().resolve("postgresql.conf"))) {
                pwfile = Files.createTempFile(dbDir, "pw", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, superuserPassword, StandardCharsets.UTF_8);
                builder.setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("pwfile", pwfile.toString());
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            if (e instanceof StartupFailure failure) {
                throw failure;
            }
            throw new StartupFailure("the embedded database did not start (" + rootMessage(e) + ")"
                    + lastWords() + "; see " + logFile() + " and " + dataDirectory()
                    + ", or set COFFER_DB_URL to use an external PostgreSQL");
        } finally {
            deleteQuietly(pwfile);
        }
        LOG.info(() -> "Embedded PostgreSQL is serving " + dataDirectory() + " on 127.0.0.1:" + port);
    }

    /**
     * The postmaster's FATAL, PANIC and ERROR lines of this start (the last three), for the one start-up failure
     * line (FD-12, FD-37); empty when it wrote none.
     */
    private String lastWords() {
        try {
            if (!Files.exists(logFile())) {
                return "";
            }
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            int from = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(START_MARK)) {
                    from = i + 1;
                    break;
                }
            }
            List<String> words = lines.subList(from, lines.size()).stream()
                    .filter(l -> l.contains("FATAL:") || l.contains("PANIC:") || l.contains("ERROR:"))
                    .map(String::strip).toList();
            if (words.isEmpty()) {
                return "";
            }
            return "; PostgreSQL said: " + String.join(" | ", words.subList(Math.max(0, words.size() - 3),
                    words.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Marks where this start's output begins; keeps the log below 10 MiB by moving a larger one to .1. */
    private void rotateLog() {
        try {
            Path log = logFile();
            if (Files.exists(log) && Files.size(log) > 10L * 1024 * 1024) {
                Files.move(log, dbDir.resolve("postgres.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(log, START_MARK + " " + Instant.now() + " port " + port + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warning(() -> "Cannot write " + logFile() + ": " + rootMessage(e));
        }
    }

    private static final String START_MARK = "=== Coffer starts the embedded PostgreSQL";

    /** Whether the postmaster still answers (used by the watchdog). */
    public boolean alive() {
        if (postgres == null) {
            return false;
        }
        DataSource source = superuser("postgres");
        if (source instanceof org.postgresql.ds.PGSimpleDataSource bounded) {
            // a postmaster that stops answering without closing connections (SIGSTOP, hung) must not hold the
            // watchdog's round for ever: the whole connection and the query end within seconds (REL-2)
            bounded.setConnectTimeout(2);
            bounded.setLoginTimeout(2);
            bounded.setSocketTimeout(2);
        }
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the postmaster named by postmaster.pid is a live postgres process (answering or not). */
    boolean postmasterRuns() {
        return readPid(dataDirectory().resolve("postmaster.pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .filter(EmbeddedPostgresServer::isPostgres).filter(pid -> !zombie(pid)).isPresent();
    }

    /** A killed process that nobody reaped yet (state Z in /proc/pid/stat) is dead. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The watchdog's round ({@link DatabaseStartup} runs it every 5 seconds): when the postmaster no longer answers
     * (crash, OOM killer, kill -9), it is started again on the same data directory. Answers whether it was.
     */
    public synchronized boolean reviveIfGone() {
        if (alive()) {
            return false;
        }
        if (postmasterRuns()) {
            // hung or stopped (SIGSTOP, a stuck disk), not dead: a second postmaster on the same data directory is
            // never started; requests get 503 until it answers again (REL-1, REL-4)
            LOG.warning("The embedded PostgreSQL is not answering but its postmaster runs: waiting for it");
            return false;
        }
        LOG.warning("The embedded PostgreSQL is not answering: restarting it");
        restart();
        LOG.info("The embedded PostgreSQL is back");
        return true;
    }

    /** Starts the postmaster again after it died (crash, OOM killer, kill -9): only the watchdog's round does. */
    private synchronized void restart() {
        closeQuietly();
        postgres = null;
        start();
    }

    /** A connection source as the superuser, for creating roles and the database only. */
    public DataSource superuser(String database) {
        return postgres.getDatabase(SUPERUSER, database);
    }

    /**
     * Creates (or updates) the owner and query roles and the Coffer database: the owner owns the schema, the query
     * role may only use it. Neither is a superuser nor may bypass row-level security.
     */
    public void ensureRolesAndDatabase(String database, String owner, String ownerPassword, String app,
                                       String appPassword) {
        try (Connection c = superuser("postgres").getConnection(); Statement s = c.createStatement()) {
            ensureRole(c, owner, ownerPassword, "");
            if (!app.equals(owner)) {
                ensureRole(c, app, appPassword, " NOINHERIT");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                s.execute("CREATE DATABASE " + database + " OWNER " + owner + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new StartupFailure("could not prepare the embedded database's roles (" + rootMessage(e) + ")");
        }
        try (Connection c = superuser(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA public OWNER TO " + owner);
            s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + database + " TO " + app);
            s.execute("GRANT USAGE ON SCHEMA public TO " + app);
            if (statementStatistics) {
                s.execute("CREATE SCHEMA IF NOT EXISTS coffer_test_stats");
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA coffer_test_stats");
                s.execute("GRANT USAGE ON SCHEMA coffer_test_stats TO " + owner);
                s.execute("GRANT pg_read_all_stats TO " + owner);
            }
        } catch (SQLException e) {
            throw new StartupFailure("could not prepare the embedded database's schema (" + rootMessage(e) + ")");
        }
    }

    private static void ensureRole(Connection c, String role, String password, String extra) throws SQLException {
        try (Statement s = c.createStatement()) {
            String attributes = " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION" + extra
                    + " PASSWORD '" + password.replace("'", "''") + "'";
            if (exists(c, "select 1 from pg_roles where rolname = ?", role)) {
                s.execute("ALTER ROLE " + role + attributes);
            } else {
                s.execute("CREATE ROLE " + role + attributes);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, value);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
        postgres = null;
    }

    private void closeQuietly() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "Embedded PostgreSQL did not stop cleanly: " + rootMessage(e));
            }
        }
    }

    private void prepareDirectories() {
        try {
            Files.createDirectories(dbDir);
            Path probe = Files.createTempFile(dbDir, "write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupFailure("COFFER_HOME is not writable: cannot write " + dbDir
                    + " (" + rootMessage(e) + "); set COFFER_HOME to a directory Coffer may write");
        }
    }

    /**
     * The superuser's password: generated at the first start (256 random bits) and kept in a file only the owner
     * of the process may read. Only this class uses it; queries run as the non-superuser roles.
     */
    private String superuserPassword() {
        Path file = dbDir.resolve("superuser.secret");
        if (!Files.exists(file) && Files.exists(dataDirectory().resolve("postgresql.conf"))) {
            throw new StartupFailure(file + " is missing but the embedded database exists: restore the file"
                    + " from a backup of COFFER_HOME");
        }
        return secret(file);
    }

    /**
     * The password of one of Coffer's own roles when the operator set none (FD-15): generated at the first start
     * (256 random bits) and kept in {@code COFFER_HOME/db/<role>.secret}, readable by Coffer's user only (0600).
     * {@link #ensureRolesAndDatabase} applies it with {@code ALTER ROLE} at every start, so a database made with an
     * older password (such as the fixed ones of earlier versions) takes the new one at once; a lost file is replaced
     * by a new secret at the next start.
     */
    public String roleSecret(String role) {
        return secret(dbDir.resolve(role + ".secret"));
    }

    /**
     * A password file in PostgreSQL's pgpass format giving {@code role} its password on any host, port and database
     * ({@code *:*:*:role:password}), written atomically with 0600 into {@code dir}: the JDBC driver reads it for a
     * data source configured without a password, which server.xml's query-role data source is (FD-15).
     */
    public static Path writePgpass(Path dir, String role, String password) {
        Path file = dir.resolve("pgpass");
        String line = "*:*:*:" + role + ":" + password.replace("\\", "\\\\").replace(":", "\\:") + "\n";
        try {
            Files.createDirectories(dir);
            writeOwnerOnly(file, line);
            return file;
        } catch (IOException e) {
            throw new StartupFailure("cannot keep the database password file under " + dir + " ("
                    + rootMessage(e) + "); set COFFER_HOME to a directory Coffer may write");
        }
    }

    /** Writes {@code content} to {@code file} readable by Coffer's user only (0600), whole or not at all. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private String secret(Path file) {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            writeOwnerOnly(file, secret);
            return secret;
        } catch (IOException e) {
            throw new StartupFailure("cannot keep the embedded database's secret under " + dbDir + " ("
                    + rootMessage(e) + "); set COFFER_HOME to a directory Coffer may write");
        }
    }

    /**
     * After Coffer was killed with -9 its postmaster lives on (re-parented) and holds the data directory and port.
     * If postmaster.pid names a live postgres, stop it (fast shutdown) and wait; if it names another program or
     * nothing, the pid file is stale and is removed.
     */
    private void stopStalePostmaster() {
        Path pidFile = dataDirectory().resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgres(pid.get())) {
            LOG.warning(() -> "A PostgreSQL left running by an earlier Coffer (pid " + pid.get()
                    + ") holds the embedded database: stopping it");
            signal(pid.get(), "-INT");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (process.get().isAlive() && System.nanoTime() < deadline) {
                sleep(100);
            }
            if (process.get().isAlive()) {
                signal(pid.get(), "-QUIT");
                sleep(2000);
            }
        } else {
            LOG.warning(() -> "Removing the stale pid file of the embedded database (pid " + pid.get()
                    + " is not a running PostgreSQL)");
        }
        deleteQuietly(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.of(-1L);
        }
    }

    private static boolean isPostgres(long pid) {
        try {
            String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8);
            return comm.trim().startsWith("postgres");
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(p -> p.info().command())
                    .map(c -> c.endsWith("postgres")).orElse(false);
        }
    }

    private static void signal(long pid, String signal) {
        try {
            ProcessBuilder kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO();
            kill.environment().clear(); // a helper process gets none of the server's secrets (DOC-21's rule)
            kill.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            kill.start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean portAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is swept at the next start
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /**
     * Loads the binaries archive by resource stream: Liberty's EAR class loader returns the jar entry twice to
     * zonky's own resolver ("Duplicate embedded postgres binaries").
     */
    private static final class ClassPathBinaries implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            String name = "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + machineHardware + ".txz";
            InputStream in = EmbeddedPostgresServer.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("no embedded PostgreSQL binaries for " + system + "-" + machineHardware);
            }
            return in;
        }
    }
}
