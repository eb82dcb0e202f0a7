package io.coffer.platform.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTest}: starts the embedded database like Coffer does, commits
 * rows one by one (printing each acknowledged commit), then waits to be killed with -9.
 */
public final class CrashVictim {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        EmbeddedPostgresServer server = DatabaseFixture.startPrepared(home, port);
        try (Connection c = DatabaseFixture.owner(port).getConnection()) {
            DatabaseFixture.execute(c, "create table if not exists crash_probe (n integer primary key)");
            try (PreparedStatement insert = c.prepareStatement("insert into crash_probe values (?)")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setInt(1, i);
                    insert.executeUpdate();
                    System.out.println("COMMITTED " + i);
                }
            }
        }
        System.out.println("READY " + server.dataDirectory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
