package io.coffer.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Seeds the integration-test server's embedded database as the schema owner (signup arrives with identity; until
 * then tests create tenants and users here). Row-level security holds the owner too, so each write sets the tenant.
 */
public final class ItDatabase {
    private static final int PORT = Integer.getInteger("it.db.port", 54339);

    private ItDatabase() {
    }

    /** A seeded user, as a token would name them. */
    public record User(UUID id, UUID tenant, String tenantSlug, String email, String role, int tokenVersion) {
    }

    /** The fixed password the embedded owner role had before FD-15 (published; it must no longer connect). */
    public static final String OLD_FIXED_OWNER_PASSWORD = "coffer-embedded-owner";

    /** The owner role's password: the server generated it at first start and keeps it under its COFFER_HOME. */
    public static String ownerPassword() {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("it.coffer.home", "target/it-coffer-home"),
                "db", "coffer_owner.secret");
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file).strip()
                    : OLD_FIXED_OWNER_PASSWORD;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every statement the server's query role has run so far, by its text as pg_stat_statements normalises it, with
     * its number of calls: the IT server's embedded database loads the extension (it.xml,
     * {@code coffer.test.statement-statistics}). Two snapshots around a request count the statements it ran.
     */
    public static java.util.Map<String, Long> statements() {
        java.util.Map<String, Long> calls = new java.util.HashMap<>();
        try (Connection c = owner().getConnection();
             PreparedStatement p = c.prepareStatement("select s.query, sum(s.calls)"
                     + " from coffer_test_stats.pg_stat_statements s join pg_roles r on r.oid = s.userid"
                     + " join pg_database d on d.oid = s.dbid where r.rolname = 'coffer_app' and d.datname = 'coffer'"
                     + " group by s.query");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                calls.put(r.getString(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return calls;
    }

    /**
     * The statements {@code request} ran (by {@link #statements()} before and after it), leaving out {@code background}
     * (what the server runs on its own); {@code request} answers the response, whose status must be 200.
     */
    public static java.util.Map<String, Long> ranBy(java.util.function.Supplier<? extends java.net.http.HttpResponse<?>> request,
                                                    java.util.Set<String> background) {
        java.util.Map<String, Long> before = statements();
        java.net.http.HttpResponse<?> r = request.get();
        java.util.Map<String, Long> after = statements();
        org.junit.jupiter.api.Assertions.assertEquals(200, r.statusCode(), String.valueOf(r.body()));
        java.util.Map<String, Long> ran = new java.util.HashMap<>();
        after.forEach((query, calls) -> {
            long delta = calls - before.getOrDefault(query, 0L);
            if (delta > 0 && !background.contains(query)) {
                ran.put(query, delta);
            }
        });
        return ran;
    }

    public static PGSimpleDataSource owner() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + PORT + "/coffer");
        ds.setUser("coffer_owner");
        ds.setPassword(ownerPassword());
        return ds;
    }

    public static UUID tenant(String slugPrefix) {
        UUID id = UUID.randomUUID();
        String slug = slugPrefix + "-" + id.toString().substring(0, 8);
        try (Connection c = owner().getConnection();
             PreparedStatement p = c.prepareStatement("insert into tenants (id, slug, name) values (?, ?, ?)")) {
            p.setObject(1, id);
            p.setString(2, slug);
            p.setString(3, "Tenant " + slugPrefix);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** The password of every seeded user: they share the bootstrap owner's password hash. */
    public static final String PASSWORD = "it bootstrap password";
    public static final String BOOTSTRAP_TENANT = "it-bootstrap";
    public static final String BOOTSTRAP_EMAIL = "owner@it-bootstrap.test";

    /** A verified user who can log in with {@link #PASSWORD}. */
    public static User user(UUID tenant, String email, String role) {
        return insert(tenant, email, role, true);
    }

    /** A user whose email is not verified yet (password {@link #PASSWORD}). */
    public static User unverifiedUser(UUID tenant, String email, String role) {
        return insert(tenant, email, role, false);
    }

    private static User insert(UUID tenant, String email, String role, boolean verified) {
        UUID id = UUID.randomUUID();
        String hash = bootstrapPasswordHash();
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            asTenant(c, tenant);
            try (PreparedStatement p = c.prepareStatement("insert into users (id, tenant_id, email, display_name, role,"
                    + " password_hash, email_verified_at) values (?, ?, ?, ?, ?, ?, " + (verified ? "now()" : "null")
                    + ")")) {
                p.setObject(1, id);
                p.setObject(2, tenant);
                p.setString(3, email);
                p.setString(4, "User " + email);
                p.setString(5, role);
                p.setString(6, hash);
                p.executeUpdate();
            }
            c.commit();
            return new User(id, tenant, slug(c, tenant), email, role, 0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bootstrap owner's password hash (Coffer computed it at start from {@link #PASSWORD}). */
    public static String bootstrapPasswordHash() {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            UUID tenant;
            try (PreparedStatement p = c.prepareStatement("select id from tenants where slug = ?")) {
                p.setString(1, BOOTSTRAP_TENANT);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    tenant = (UUID) r.getObject(1);
                }
            }
            asTenant(c, tenant);
            try (PreparedStatement p = c.prepareStatement("select password_hash from users where email = ?")) {
                p.setString(1, BOOTSTRAP_EMAIL);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    String hash = r.getString(1);
                    c.commit();
                    return hash;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a test public key in Coffer's JWKS (as a key without a private part), so tests can mint tokens. */
    public static void trustTestKey(String kid, String publicJwk) {
        try (Connection c = owner().getConnection();
             PreparedStatement p = c.prepareStatement("insert into signing_keys (kid, public_jwk) values (?, ?)"
                     + " on conflict (kid) do nothing")) {
            p.setString(1, kid);
            p.setString(2, publicJwk);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void bumpTokenVersion(User user) {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            asTenant(c, user.tenant());
            try (PreparedStatement p = c.prepareStatement(
                    "update users set token_version = token_version + 1 where id = ?")) {
                p.setObject(1, user.id());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement as {@code tenant} (row-level security applies to the owner role too) and commits. */
    public static int execute(UUID tenant, String sql, Object... parameters) {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            asTenant(c, tenant);
            int n;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    p.setObject(i + 1, parameters[i]);
                }
                n = p.executeUpdate();
            }
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single number answered by {@code sql} as {@code tenant}. */
    public static long number(UUID tenant, String sql, Object... parameters) {
        java.util.List<Long> values = new java.util.ArrayList<>();
        column(tenant, sql, parameters, r -> values.add(r.getLong(1)));
        if (values.isEmpty()) {
            throw new IllegalStateException("no row: " + sql);
        }
        return values.get(0);
    }

    /** The first column of every row {@code sql} answers as {@code tenant}, as bytes (e.g. a bytea column). */
    public static java.util.List<byte[]> bytes(UUID tenant, String sql, Object... parameters) {
        java.util.List<byte[]> values = new java.util.ArrayList<>();
        column(tenant, sql, parameters, r -> values.add(r.getBytes(1)));
        return values;
    }

    /** The first column of every row {@code sql} answers as {@code tenant}, as text. */
    public static java.util.List<String> texts(UUID tenant, String sql, Object... parameters) {
        java.util.List<String> values = new java.util.ArrayList<>();
        column(tenant, sql, parameters, r -> values.add(r.getString(1)));
        return values;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void column(UUID tenant, String sql, Object[] parameters, RowReader reader) {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            asTenant(c, tenant);
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    p.setObject(i + 1, parameters[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        reader.read(r);
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String slug(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select slug from tenants where id = ?")) {
            p.setObject(1, tenant);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static void asTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
            p.setString(1, tenant.toString());
            p.executeQuery().close();
        }
    }
}
