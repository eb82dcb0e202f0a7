package io.coffer.platform.internal;

import io.coffer.platform.StartupFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.UnexpectedChangesetsCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies liquibase/ (packaged as {@code db/changelog/}) as the schema owner. Safe when several Coffer instances start
 * against one database at once: a PostgreSQL advisory lock lets one migrate while the others wait, then find nothing
 * left to do. Liquibase's own lock table is not enough on an empty database: two instances race to create that very
 * table and one fails (found by SchemaMigrationsTest).
 */
public final class SchemaMigrations {

    public static final String MASTER_CHANGELOG = "db/changelog/master.xml";
    /** Session-level advisory lock key that serialises Coffer's migrations on one database. */
    static final long MIGRATION_LOCK = 0x436f66666572L; // "Coffer"

    private SchemaMigrations() {
    }

    /** Migrates to the newest schema, then lets {@code queryRole} (when it is not the owner) use the tables. */
    public static void migrate(DataSource owner, String ownerRole, String queryRole) throws Exception {
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement lock = connection.createStatement()) {
                lock.execute("select pg_advisory_lock(" + MIGRATION_LOCK + ")");
            }
            try {
                update(connection);
                if (!ownerRole.equals(queryRole)) {
                    grantDml(connection, queryRole);
                }
            } finally {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("select pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                }
            }
        }
    }

    private static void update(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        ResourceAccessor accessor = new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader());
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), accessor,
                Scope.Attr.ui.name(), new LoggerUIService(),
                "liquibase.analytics.enabled", Boolean.FALSE,
                "liquibase.showBanner", Boolean.FALSE);
        try {
            Scope.child(scope, () -> {
                refuseANewerSchema(database, accessor);
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, MASTER_CHANGELOG)
                        .execute();
            });
        } finally {
            // Liquibase leaves autoCommit off with an open transaction: end it, or the pool rolls it back.
            if (!connection.getAutoCommit()) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * OPS-43: a database that a newer Coffer migrated (change sets this build does not know) is refused before anything
     * runs. An older instance would otherwise serve a schema whose rules it does not know, e.g. after a rollback of the
     * binary without restoring the backup, or one instance of several left on the old version.
     */
    private static void refuseANewerSchema(Database database, ResourceAccessor accessor) throws Exception {
        DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance().getParser(MASTER_CHANGELOG, accessor)
                .parse(MASTER_CHANGELOG, new ChangeLogParameters(database), accessor);
        Collection<RanChangeSet> unknown = UnexpectedChangesetsCommandStep.listUnexpectedChangeSets(database,
                changeLog, new Contexts(), new LabelExpression());
        if (!unknown.isEmpty()) {
            throw new StartupFailure("the database was migrated by a newer version of Coffer (" + unknown.size()
                    + " change sets this version does not know: " + unknown.stream().limit(3)
                    .map(c -> c.getId()).collect(Collectors.joining(", "))
                    + "): start that version, or restore the backup taken before the upgrade"
                    + " (docs/strategy/operations.md, \"Upgrades\")");
        }
    }

    /**
     * The query role may read and write rows, nothing more: no DDL, no ownership, no policy changes; on the audit log
     * only add and read, and its pending entries only add.
     */
    private static void grantDml(Connection connection, String role) throws SQLException {
        String quoted = quoteIdentifier(role);
        try (Statement s = connection.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA public TO " + quoted);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + quoted);
            s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + quoted);
            s.execute("REVOKE ALL ON databasechangelog, databasechangeloglock FROM " + quoted);
            // The audit log is append-only (AUD-4): the query role adds and reads entries, never changes one.
            s.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM " + quoted);
            // Pending entries (AUD-14) are added and nothing else: audit_chain (as the owner) reads and moves them.
            s.execute("REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON audit_pending FROM " + quoted);
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
