package io.coffer.platform.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.platform.StartupFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FD-10 (two instances migrating one database at once is safe), FD-5 (row-level security alone keeps tenants apart,
 * even for a query that forgets the tenant) and FD-6 (the query role cannot lift it; start-up refuses a role that
 * could), against a real PostgreSQL migrated by the real changelog.
 */
class SchemaMigrationsTest {

    @TempDir
    static Path home;
    static EmbeddedPostgresServer server;
    static int port;
    static final UUID TENANT_A = UUID.randomUUID();
    static final UUID TENANT_B = UUID.randomUUID();

    @BeforeAll
    static void migrateFromTwoInstancesAtOnce() throws Exception {
        port = DatabaseFixture.freePort();
        server = DatabaseFixture.startPrepared(home, port);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        Callable<Void> instance = () -> {
            together.await(30, TimeUnit.SECONDS);
            SchemaMigrations.migrate(DatabaseFixture.owner(port), DatabaseFixture.OWNER, DatabaseFixture.APP);
            return null;
        };
        List<Future<Void>> runs = List.of(instances.submit(instance), instances.submit(instance));
        for (Future<Void> run : runs) {
            run.get(120, TimeUnit.SECONDS); // both complete without an error
        }
        instances.shutdown();
        seedTwoTenants();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fd10_twoConcurrentMigratorsApplyEveryChangeSetExactlyOnce() throws SQLException {
        try (Connection c = DatabaseFixture.owner(port).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), count(distinct c.id || c.author || c.filename),"
                     + " (select bool_or(l.locked) from databasechangeloglock l) from databasechangelog c")) {
            r.next();
            assertTrue(r.getInt(1) >= 2, "the changelog was applied");
            assertEquals(r.getInt(1), r.getInt(2), "no change set ran twice");
            assertEquals(false, r.getBoolean(3), "the migration lock was released");
        }
    }

    @Test
    void fd10_aThirdStartFindsNothingLeftToDo() {
        assertDoesNotThrow(() -> SchemaMigrations.migrate(DatabaseFixture.owner(port), DatabaseFixture.OWNER,
                DatabaseFixture.APP));
    }

    @Test
    void fd5_aQueryThatForgetsTheTenantSeesOnlyTheTenantOfItsTransaction() throws SQLException {
        assertEquals(List.of("b@example.com"), emailsSeenAs(TENANT_B, "select email from users order by email"));
        assertEquals(List.of("a@example.com"), emailsSeenAs(TENANT_A, "select email from users order by email"));
    }

    @Test
    void fd5_noTenantSetMeansNoRows() throws SQLException {
        try (Connection c = DatabaseFixture.app(port).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from users")) {
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void fd5_aPooledSessionWhoseSettingWasResetFailsClosed() throws SQLException {
        try (Connection c = DatabaseFixture.app(port).getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            c.commit(); // the transaction-local setting reverts to '' (not NULL) on this pooled session
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from users")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            c.commit();
        }
    }

    @Test
    void fd5_aRowOfAnotherTenantCannotBeWrittenOrChanged() throws SQLException {
        try (Connection c = DatabaseFixture.app(port).getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_B);
            SQLException refused = assertThrows(SQLException.class, () -> insertUser(c, TENANT_A, "intruder@x.io"));
            assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
            c.rollback();
            setTenant(c, TENANT_B);
            try (Statement s = c.createStatement()) {
                assertEquals(0, s.executeUpdate("update users set display_name = 'x' where email = 'a@example.com'"));
                assertEquals(0, s.executeUpdate("delete from users where email = 'a@example.com'"));
            }
            c.rollback();
        }
    }

    @Test
    void fd5_theOwnerIsHeldTooBecauseRowLevelSecurityIsForced() throws SQLException {
        try (Connection c = DatabaseFixture.owner(port).getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from users")) {
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void fd6_theQueryRoleCannotLiftRowLevelSecurity() throws SQLException {
        for (String attack : List.of("alter table users no force row level security",
                "alter table users disable row level security",
                "drop policy tenant_isolation on users",
                "create policy open on users using (true)",
                "set row_security = off; select count(*) from users")) {
            try (Connection c = DatabaseFixture.app(port).getConnection(); Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(attack), attack);
                assertTrue(refused.getMessage().contains("must be owner")
                        || refused.getMessage().contains("row-level security"), refused.getMessage());
            }
        }
    }

    @Test
    void fd6_theGuardAcceptsTheQueryRoleAndRefusesASuperuser() {
        assertDoesNotThrow(() -> RowLevelSecurityGuard.check(DatabaseFixture.app(port)));
        StartupFailure refused = assertThrows(StartupFailure.class,
                () -> RowLevelSecurityGuard.check(server.superuser(DatabaseFixture.DB)));
        assertTrue(refused.getMessage().contains("BYPASSRLS"), refused.getMessage());
    }

    @Test
    void fd6_theGuardRefusesATenantTableWithoutForcedRowLevelSecurity() throws SQLException {
        try (Connection c = DatabaseFixture.owner(port).getConnection()) {
            DatabaseFixture.execute(c, "create table sneaky (id uuid primary key, tenant_id uuid not null)",
                    "grant select on sneaky to " + DatabaseFixture.APP);
            try {
                StartupFailure refused = assertThrows(StartupFailure.class,
                        () -> RowLevelSecurityGuard.check(DatabaseFixture.app(port)));
                assertTrue(refused.getMessage().contains("sneaky"), refused.getMessage());
            } finally {
                DatabaseFixture.execute(c, "drop table sneaky");
            }
        }
    }

    private static List<String> emailsSeenAs(UUID tenant, String sql) throws SQLException {
        try (Connection c = DatabaseFixture.app(port).getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, tenant);
            List<String> emails = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    emails.add(r.getString(1));
                }
            }
            c.commit();
            return emails;
        }
    }

    private static void seedTwoTenants() throws SQLException {
        try (Connection c = DatabaseFixture.owner(port).getConnection()) {
            c.setAutoCommit(false);
            for (UUID tenant : List.of(TENANT_A, TENANT_B)) {
                try (PreparedStatement p = c.prepareStatement("insert into tenants (id, slug, name) values (?, ?, ?)")) {
                    p.setObject(1, tenant);
                    p.setString(2, "t-" + tenant.toString().substring(0, 8));
                    p.setString(3, "Tenant");
                    p.executeUpdate();
                }
            }
            setTenant(c, TENANT_A);
            insertUser(c, TENANT_A, "a@example.com");
            c.commit();
            setTenant(c, TENANT_B);
            insertUser(c, TENANT_B, "b@example.com");
            c.commit();
        }
    }

    private static void setTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
            p.setString(1, tenant.toString());
            p.executeQuery().close();
        }
    }

    private static void insertUser(Connection c, UUID tenant, String email) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into users (id, tenant_id, email, display_name, role)"
                + " values (?, ?, ?, 'User', 'OWNER')")) {
            p.setObject(1, UUID.randomUUID());
            p.setObject(2, tenant);
            p.setString(3, email);
            p.executeUpdate();
        }
    }
}
