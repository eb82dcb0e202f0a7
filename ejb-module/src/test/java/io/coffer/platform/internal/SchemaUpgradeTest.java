package io.coffer.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.coffer.platform.StartupFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPS-40..43 (docs/features/release.md): a database an installed build made is upgraded by the current
 * Coffer with every row kept, to exactly the schema a new installation gets, and no change set a build has landed with
 * is ever edited or reordered. The landed change sets and their checksums are pinned in {@code liquibase/released.txt}
 * (Liquibase compares the same checksums at every start and refuses an edited change set: this test finds it before an
 * operator does).
 *
 * <p>Against a real PostgreSQL: one database migrated from nothing to the current schema, another first migrated by the
 * pinned change sets only (the last landed build's schema, which those change sets are exactly, since none is ever
 * edited), given data as that build stored it, then migrated by the current code path ({@link SchemaMigrations}); and
 * a third that a newer build migrated, which this one refuses (mixed versions never share a database).
 */
class SchemaUpgradeTest {

    static final Path PINS = Path.of("..", "liquibase", "released.txt");
    static final String FRESH = "coffer";
    static final String UPGRADED = "coffer_upgraded";

    @TempDir
    static Path home;
    static EmbeddedPostgresServer server;
    static int port;
    static List<String[]> pins;
    static final UUID TENANT = UUID.randomUUID();
    static final UUID OWNER_ID = UUID.randomUUID();
    static final UUID MEMBER_ID = UUID.randomUUID();
    static final UUID ROOM = UUID.randomUUID();
    static final UUID FOLDER = UUID.randomUUID();
    static final UUID DOCUMENT = UUID.randomUUID();
    static final UUID LINK = UUID.randomUUID();
    static Map<String, Long> seededRows;

    @BeforeAll
    static void freshAndUpgraded() throws Exception {
        pins = readPins();
        port = DatabaseFixture.freePort();
        server = DatabaseFixture.startPrepared(home, port);
        server.ensureRolesAndDatabase(UPGRADED, DatabaseFixture.OWNER, DatabaseFixture.OWNER_PASSWORD,
                DatabaseFixture.APP, DatabaseFixture.APP_PASSWORD);
        SchemaMigrations.migrate(owner(FRESH), DatabaseFixture.OWNER, DatabaseFixture.APP);

        applyFirst(owner(UPGRADED), pins.size());
        seededRows = seedAsTheLandedBuild(owner(UPGRADED));
        SchemaMigrations.migrate(owner(UPGRADED), DatabaseFixture.OWNER, DatabaseFixture.APP);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ops40_everyLandedChangeSetIsUnchangedAndInItsPlace() throws Exception {
        List<String[]> applied = changeLog(owner(FRESH));
        assertTrue(applied.size() >= pins.size(), "a landed change set was removed: " + applied.size() + " applied, "
                + pins.size() + " pinned");
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pins.size(); i++) {
            String[] pin = pins.get(i);
            String[] now = applied.get(i);
            if (!pin[0].equals(now[0])) {
                wrong.add("#" + (i + 1) + ": pinned " + pin[0] + ", the changelog has " + now[0] + " in its place");
            } else if (!pin[1].equals(now[1])) {
                wrong.add(pin[0] + " was edited: pinned checksum " + pin[1] + ", now " + now[1]);
            }
        }
        assertTrue(wrong.isEmpty(), "landed change sets must never change (add a new change set instead):\n"
                + String.join("\n", wrong));
        writeUnpinned(applied);
    }

    @Test
    void ops41_anUpgradedDatabaseKeepsEveryRow() throws Exception {
        Map<String, Long> now = countRows(owner(UPGRADED));
        assertEquals(seededRows, now, "rows per table before and after the upgrade");
        try (Connection c = tenantConnection(owner(UPGRADED))) {
            assertEquals("upgrade-" + TENANT.toString().substring(0, 8),
                    one(c, "select slug from tenants where id = ?", TENANT));
            assertEquals("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
                    one(c, "select password_hash from users where id = ?", OWNER_ID));
            assertEquals("Due diligence", one(c, "select name from datarooms where id = ?", ROOM));
            assertEquals("Q3 financials.pdf", one(c, "select name from items where id = ?", DOCUMENT));
            assertEquals(FOLDER.toString(), one(c, "select parent_id::text from items where id = ?", DOCUMENT));
            assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    one(c, "select sha256 from document_versions where document_id = ?", DOCUMENT));
            assertEquals("VIEW", one(c, "select permission from grants where principal_id = ?", MEMBER_ID));
            assertEquals("investors.example", one(c, "select allow_domains from share_links where id = ?", LINK));
        }
    }

    @Test
    void ops42_anUpgradedDatabaseHasTheSchemaOfANewInstallation() throws Exception {
        Map<String, List<String>> fresh = schema(owner(FRESH));
        Map<String, List<String>> upgraded = schema(owner(UPGRADED));
        assertFalse(fresh.get("columns").isEmpty(), "the schema was read");
        for (String aspect : fresh.keySet()) {
            assertEquals(fresh.get(aspect), upgraded.get(aspect), aspect + " of an upgraded and of a new database");
        }
        List<String[]> appliedFresh = changeLog(owner(FRESH));
        List<String[]> appliedUpgraded = changeLog(owner(UPGRADED));
        assertEquals(appliedFresh.size(), appliedUpgraded.size(), "every change set applied once");
    }

    @Test
    void ops43_aDatabaseANewerVersionMigratedIsRefusedAndLeftAsItIs() throws Exception {
        String newer = "coffer_newer";
        server.ensureRolesAndDatabase(newer, DatabaseFixture.OWNER, DatabaseFixture.OWNER_PASSWORD,
                DatabaseFixture.APP, DatabaseFixture.APP_PASSWORD);
        SchemaMigrations.migrate(owner(newer), DatabaseFixture.OWNER, DatabaseFixture.APP);
        try (Connection c = owner(newer).getConnection(); Statement s = c.createStatement()) {
            // what a newer build leaves behind: a change set in the history that this build's changelog lacks
            s.execute("insert into databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype,"
                    + " md5sum) values ('identity-99', 'coffer', 'db/changelog/identity/changelog-99-future.sql',"
                    + " now(), 1000, 'EXECUTED', '9:00000000000000000000000000000000')");
        }
        int before = changeLog(owner(newer)).size();

        StartupFailure refused = assertThrows(StartupFailure.class,
                () -> SchemaMigrations.migrate(owner(newer), DatabaseFixture.OWNER, DatabaseFixture.APP));
        assertTrue(refused.getMessage().contains("migrated by a newer version of Coffer")
                && refused.getMessage().contains("identity-99"), refused.getMessage());
        assertEquals(before, changeLog(owner(newer)).size(), "nothing ran");
        try (Connection c = owner(newer).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_try_advisory_lock(" + SchemaMigrations.MIGRATION_LOCK + ")")) {
            r.next();
            assertTrue(r.getBoolean(1), "the migration lock was released");
        }
    }

    // --- the landed build's database

    /** Applies the first {@code count} change sets of the current changelog: the pinned ones (OPS-40 holds them). */
    static void applyFirst(DataSource owner, int count) throws Exception {
        try (Connection connection = owner.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader()),
                    "liquibase.analytics.enabled", Boolean.FALSE,
                    "liquibase.showBanner", Boolean.FALSE);
            Scope.child(scope, () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, SchemaMigrations.MASTER_CHANGELOG)
                    .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                    .execute());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        assertEquals(count, changeLog(owner).size(), "the landed build's change sets, no more");
    }

    /** Rows as the landed build stored them: a tenant, two users, a room with a folder and a document, a grant, a link. */
    static Map<String, Long> seedAsTheLandedBuild(DataSource owner) throws SQLException {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            DatabaseFixture.execute(c, "select set_config('coffer.tenant', '" + TENANT + "', true)");
            update(c, "insert into tenants (id, slug, name) values (?, ?, 'Upgrade Ltd')",
                    TENANT, "upgrade-" + TENANT.toString().substring(0, 8));
            update(c, "insert into users (id, tenant_id, email, display_name, role, password_hash, email_verified_at)"
                            + " values (?, ?, 'owner@upgrade.test', 'Owner', 'OWNER', ?, now())",
                    OWNER_ID, TENANT, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");
            update(c, "insert into users (id, tenant_id, email, display_name, role, password_hash)"
                    + " values (?, ?, 'member@upgrade.test', 'Member', 'MEMBER', null)", MEMBER_ID, TENANT);
            update(c, "insert into datarooms (id, tenant_id, name, created_by, created_at)"
                    + " values (?, ?, 'Due diligence', ?, now())", ROOM, TENANT, OWNER_ID);
            update(c, "insert into items (id, tenant_id, room_id, parent_id, kind, name, position, created_by, created_at)"
                    + " values (?, ?, ?, null, 'FOLDER', 'Finance', 0, ?, now())", FOLDER, TENANT, ROOM, OWNER_ID);
            update(c, "insert into items (id, tenant_id, room_id, parent_id, kind, name, position, created_by, created_at)"
                            + " values (?, ?, ?, ?, 'DOCUMENT', 'Q3 financials.pdf', 0, ?, now())",
                    DOCUMENT, TENANT, ROOM, FOLDER, OWNER_ID);
            String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
            update(c, "insert into document_versions (id, tenant_id, document_id, version, blob_id, sha256, size,"
                            + " content_type, page_count, created_by, created_at)"
                            + " values (?, ?, ?, 1, ?, ?, 0, 'application/pdf', 1, ?, now())",
                    UUID.randomUUID(), TENANT, DOCUMENT, empty, empty, OWNER_ID);
            update(c, "insert into grants (id, tenant_id, room_id, folder_id, principal_type, principal_id, permission,"
                            + " created_at) values (?, ?, ?, ?, 'USER', ?, 'VIEW', now())",
                    UUID.randomUUID(), TENANT, ROOM, FOLDER, MEMBER_ID);
            update(c, "insert into share_links (id, tenant_id, token_hash, target_type, target_id, room_id, require_email,"
                            + " verify_email, allow_domains, allow_download, watermark_enabled, created_by, reach_by,"
                            + " created_role, reach_role, created_at, updated_at) values (?, ?, ?, 'DATAROOM', ?, ?,"
                            + " true, false, 'investors.example', false, true, ?, ?, 'OWNER', 'OWNER', now(), now())",
                    LINK, TENANT, "hash-" + LINK, ROOM, ROOM, OWNER_ID, OWNER_ID);
            c.commit();
        }
        Map<String, Long> rows = countRows(owner);
        rows.values().forEach(n -> assertTrue(n > 0, "seeded: " + rows));
        return rows;
    }

    static Map<String, Long> countRows(DataSource owner) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = tenantConnection(owner); Statement s = c.createStatement()) {
            for (String table : List.of("tenants", "users", "datarooms", "items", "document_versions", "grants",
                    "share_links")) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    rows.put(table, r.getLong(1));
                }
            }
        }
        return rows;
    }

    // --- reading

    /** The schema as PostgreSQL's catalogue tells it, per aspect, in a stable order (names, never oids). */
    static Map<String, List<String>> schema(DataSource owner) throws SQLException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("columns", "select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
                + " || ' ' || coalesce(column_default, '') from information_schema.columns"
                + " where table_schema = 'public' order by table_name, ordinal_position");
        queries.put("indexes", "select indexdef from pg_indexes where schemaname = 'public' order by indexname");
        queries.put("constraints", "select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                + " from pg_constraint where connamespace = 'public'::regnamespace order by 1");
        queries.put("row level security", "select relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity"
                + " from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1");
        queries.put("policies", "select tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '')"
                + " || ' ' || coalesce(with_check, '') from pg_policies where schemaname = 'public' order by 1");
        queries.put("grants", "select table_name || ' ' || grantee || ' ' || privilege_type"
                + " from information_schema.role_table_grants where table_schema = 'public' order by 1");
        queries.put("functions", "select p.proname || ' ' || md5(pg_get_functiondef(p.oid)) from pg_proc p"
                + " where p.pronamespace = 'public'::regnamespace order by 1");
        queries.put("triggers", "select tgrelid::regclass || ' ' || tgname || ' ' || md5(pg_get_triggerdef(oid))"
                + " from pg_trigger where not tgisinternal order by 1");
        Map<String, List<String>> schema = new LinkedHashMap<>();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (var query : queries.entrySet()) {
                List<String> lines = new ArrayList<>();
                try (ResultSet r = s.executeQuery(query.getValue())) {
                    while (r.next()) {
                        lines.add(r.getString(1));
                    }
                }
                schema.put(query.getKey(), lines);
            }
        }
        return schema;
    }

    /** {@code [file::id::author, md5sum]} of every applied change set, in the order applied. */
    static List<String[]> changeLog(DataSource owner) throws SQLException {
        List<String[]> applied = new ArrayList<>();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select filename, id, author, md5sum from databasechangelog"
                     + " order by orderexecuted")) {
            while (r.next()) {
                applied.add(new String[] {r.getString(1) + "::" + r.getString(2) + "::" + r.getString(3),
                        r.getString(4)});
            }
        }
        return applied;
    }

    /** The pins: lines {@code <file>::<id>::<author> <checksum>}; {@code #} comments and {@code landed} headings. */
    static List<String[]> readPins() throws IOException {
        List<String[]> read = new ArrayList<>();
        for (String line : Files.readAllLines(PINS, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("landed ")) {
                continue;
            }
            String[] parts = trimmed.split(" ");
            if (parts.length != 2) {
                fail("a pin is <file>::<id>::<author> <checksum>: " + line);
            }
            read.add(parts);
        }
        assertFalse(read.isEmpty(), PINS + " pins the landed change sets");
        return read;
    }

    /** The change sets a landing would pin next, for the one who lands (target/changesets-to-pin.txt). */
    static void writeUnpinned(List<String[]> applied) throws IOException {
        StringBuilder next = new StringBuilder();
        for (String[] changeSet : applied.subList(pins.size(), applied.size())) {
            next.append(changeSet[0]).append(' ').append(changeSet[1]).append('\n');
        }
        Files.writeString(Path.of("target", "changesets-to-pin.txt"), next.toString(), StandardCharsets.UTF_8);
    }

    static DataSource owner(String database) {
        return DatabaseFixture.dataSource(port, database, DatabaseFixture.OWNER, DatabaseFixture.OWNER_PASSWORD);
    }

    static Connection tenantConnection(DataSource owner) throws SQLException {
        Connection c = owner.getConnection();
        DatabaseFixture.execute(c, "select set_config('coffer.tenant', '" + TENANT + "', false)");
        return c;
    }

    static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
        }
    }

    static String one(Connection c, String sql, Object value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, value);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next(), sql);
                return r.getString(1);
            }
        }
    }
}
