package io.coffer.platform.internal;

import io.coffer.platform.CofferSettings;
import io.coffer.platform.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Brings the database up before anything uses the data source: the embedded PostgreSQL when {@code COFFER_DB_URL} is
 * unset, then the schema (Liquibase, as the owner role), then the row-level-security guard (as the query role).
 * Liberty's pool connects lazily, so the data source is first used after this has run. A failure stops Coffer
 * with one log line saying what to fix ({@code Coffer cannot start: ...}) and exit status 1.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseStartup {

    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class.getName());

    @Inject
    CofferSettings settings;

    @Inject
    io.coffer.platform.PlatformState state;

    @Resource(lookup = "jdbc/coffer")
    DataSource queryRole;

    /** The JDBC driver's system property naming the pgpass file it reads when a data source has no password. */
    static final String PGPASS_PROPERTY = "org.postgresql.pgpassfile";

    private EmbeddedPostgresServer embedded;
    private String ownerPassword;
    private volatile boolean ready;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        long started = System.nanoTime();
        try {
            settings.maxUploadBytes(); // a wrong value stops the start, not the first upload
            settings.tenantQuotaBytes();
            if (settings.embeddedDatabase()) {
                startEmbedded();
            } else {
                settings.databasePassword().ifPresent(p -> givePasswordToTheDataSource(settings.databaseUser(), p));
            }
            migrate();
            RowLevelSecurityGuard.check(queryRole);
            ready = true;
            state.databaseReady(this::stop);
            LOG.info(() -> "Coffer database ready in " + (System.nanoTime() - started) / 1_000_000 + " ms ("
                    + (embedded != null ? "embedded, " + embedded.dataDirectory() : "external") + ")");
        } catch (StartupFailure failure) {
            stop();
            failure.stopCoffer();
        }
    }


    /**
     * The server's query-role data source (server.xml) has no password attribute: the JDBC driver reads the password
     * from {@code COFFER_HOME/db/pgpass} (0600), written here before the pool's first, lazy connection. With an external
     * database and no COFFER_DB_PASSWORD the driver's own default (~/.pgpass) applies.
     */
    private void givePasswordToTheDataSource(String role, String password) {
        Path file = EmbeddedPostgresServer.writePgpass(settings.home().resolve("db"), role, password);
        System.setProperty(PGPASS_PROPERTY, file.toString());
    }

    /**
     * Starts the embedded database and (re)sets its roles' passwords: the operator's COFFER_DB_PASSWORD /
     * COFFER_DB_OWNER_PASSWORD, else random ones kept under COFFER_HOME/db (FD-15).
     */
    private void startEmbedded() {
        String owner = CofferSettings.checkedRoleName(settings.databaseOwnerUser(), "COFFER_DB_OWNER_USER");
        String app = CofferSettings.checkedRoleName(settings.databaseUser(), "COFFER_DB_USER");
        embedded = new EmbeddedPostgresServer(settings.home(), settings.embeddedDatabasePort(),
                settings.embeddedStatementStatistics());
        embedded.start();
        String appPassword = settings.databasePassword().orElseGet(() -> embedded.roleSecret(app));
        givePasswordToTheDataSource(app, appPassword);
        ownerPassword = app.equals(owner) ? appPassword
                : settings.databaseOwnerPassword().orElseGet(() -> embedded.roleSecret(owner));
        embedded.ensureRolesAndDatabase(CofferSettings.EMBEDDED_DATABASE, owner, ownerPassword, app, appPassword);
    }

    private void migrate() {
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(settings.databaseUrl());
        owner.setUser(settings.databaseOwnerUser());
        owner.setPassword(ownerPassword != null ? ownerPassword : settings.databaseOwnerPassword().orElse(null));
        owner.setConnectTimeout(5);
        owner.setApplicationName("coffer-migrations");
        try {
            SchemaMigrations.migrate(owner, settings.databaseOwnerUser(), settings.databaseUser());
        } catch (StartupFailure refused) {
            throw refused; // it says what to do already (OPS-43)
        } catch (Exception e) {
            LOG.log(Level.FINE, "migration failure", e);
            throw new StartupFailure("the schema could not be migrated at " + withoutParameters(settings.databaseUrl())
                    + " as '"
                    + settings.databaseOwnerUser() + "' (" + EmbeddedPostgresServer.rootMessage(e)
                    + "): check COFFER_DB_URL and the owner role (COFFER_DB_OWNER_USER / COFFER_DB_USER)");
        }
    }

    /** The URL without its query part, which may hold a password: never log it. */
    static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** Whether start-up completed and the database is (as far as we know) serving. */
    @Lock(LockType.READ)
    public boolean ready() {
        return ready;
    }

    /**
     * The embedded database comes back by itself if its postmaster dies (crash, OOM killer, kill -9). A READ lock: the
     * singleton's default WRITE lock made {@link #ready()}, and with it every readiness check, wait for a round that
     * waited for a database that did not answer (REL-2).
     */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    @Lock(LockType.READ)
    void watchEmbedded() {
        if (embedded == null || stopping) {
            return;
        }
        try {
            embedded.reviveIfGone();
        } catch (RuntimeException e) {
            LOG.severe("The embedded PostgreSQL could not be restarted: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ready = false;
        if (embedded != null) {
            embedded.close();
        }
    }
}
