package io.coffer.platform.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/** A real embedded PostgreSQL prepared the way Coffer prepares it: owner and query roles, the schema migrated. */
final class DatabaseFixture {
    static final String DB = "coffer";
    static final String OWNER = "coffer_owner";
    static final String OWNER_PASSWORD = "owner-test-password";
    static final String APP = "coffer_app";
    static final String APP_PASSWORD = "app-test-password";

    private DatabaseFixture() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static EmbeddedPostgresServer startPrepared(Path home, int port) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(home, port);
        server.start();
        server.ensureRolesAndDatabase(DB, OWNER, OWNER_PASSWORD, APP, APP_PASSWORD);
        return server;
    }

    static PGSimpleDataSource dataSource(int port, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + port + "/" + DB);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(5);
        return ds;
    }

    static PGSimpleDataSource dataSource(int port, String database, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + port + "/" + database);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(5);
        return ds;
    }

    static PGSimpleDataSource owner(int port) {
        return dataSource(port, OWNER, OWNER_PASSWORD);
    }

    static PGSimpleDataSource app(int port) {
        return dataSource(port, APP, APP_PASSWORD);
    }

    static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
