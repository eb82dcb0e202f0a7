package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tree-listing benchmark of docs/benchmarks.md (heavy only: {@code mvn verify -Pheavy -Dit.test=TreeBenchmarkIT}).
 * Seeds, directly in SQL into a fresh tenant of the IT database, one room with 1,000 folders (10 × 9 × ~10), 10,000
 * documents (10 per folder) and 500 grants (to 40 users and 20 groups; the measured MEMBER belongs to 5 groups, which
 * hold VIEW on three top folders and DOWNLOAD on a fourth, plus what the random grants give), then
 * times the real {@code GET /datarooms/{id}/tree} for an OWNER and for that MEMBER (3 warm-ups, median of 15), next to
 * SQL run over plain JDBC on the same database: for the OWNER a hand-written select of the room's items, for the
 * MEMBER the server's own CTE ({@code Resolver.ROOM_LEVELS}). Statistics are refreshed after seeding ({@code analyze}),
 * as autovacuum would. Writes {@code target/tree-benchmark.txt}.
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class TreeBenchmarkIT {
    static final String[] LEVELS = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"};

    /** The statement the server runs for a MEMBER's tree (one recursive CTE), for timing over plain JDBC. */
    static final String MEMBER_SQL = io.coffer.datarooms.internal.Resolver.ROOM_LEVELS;

    /** A seeded room: its tenant, id, OWNER and MEMBER (with tokens), and how long the seed took. */
    record Seeded(UUID tenant, UUID room, ItDatabase.User owner, ItDatabase.User member, String ownerToken,
                  String memberToken, double seedSeconds) {
    }

    @Test
    void treeListingOfTenThousandDocumentsInAThousandFoldersWithFiveHundredGrants() throws Exception {
        Seeded seeded = seed(1);
        UUID tenant = seeded.tenant();
        UUID room = seeded.room();
        ItDatabase.User member = seeded.member();
        String ownerToken = seeded.ownerToken();
        String memberToken = seeded.memberToken();
        double seedSeconds = seeded.seedSeconds();

        double[] ownerApi = time(() -> Http.get("/api/v1/datarooms/" + room + "/tree", ownerToken));
        double[] memberApi = time(() -> Http.get("/api/v1/datarooms/" + room + "/tree", memberToken));
        HttpResponse<String> memberTree = Http.get("/api/v1/datarooms/" + room + "/tree", memberToken);
        long shown = memberTree.body().split("\"id\"").length - 2;
        double[] ownerSql = time(() -> sql("select i.id, i.parent_id, i.kind, i.name, i.position from items i"
                + " where i.tenant_id = ?::uuid and i.room_id = ?::uuid and i.deleted_at is null", tenant, room,
                tenant.toString(), room.toString()));
        double[] memberSqlMs = memberSql(seeded);
        assertEquals(11_001, Http.get("/api/v1/datarooms/" + room + "/tree", ownerToken).body()
                .split("\"id\"").length - 1, "the owner sees the room and all 11,000 items");
        assertTrue(shown > 0, "the member sees part of the room");

        String report = String.format("""
                tree listing, room of 1,000 folders, 10,000 documents, 500 grants (%d cores; seeded in %.1f s)
                OWNER:  API GET /tree median %.1f ms (min %.1f) | hand-written SQL (select the room's items) median %.1f ms (min %.1f)
                MEMBER (5 groups, sees %d items): API median %.1f ms (min %.1f) | the same CTE over JDBC median %.1f ms (min %.1f)
                """, Runtime.getRuntime().availableProcessors(), seedSeconds, median(ownerApi), ownerApi[0],
                median(ownerSql), ownerSql[0], shown, median(memberApi), memberApi[0], median(memberSqlMs),
                memberSqlMs[0]);
        System.out.println(report);
        Files.writeString(Path.of("target", "tree-benchmark.txt"), report);
    }

    /** The MEMBER's CTE ({@code Resolver.ROOM_LEVELS}) over plain JDBC: 3 warm-ups, 15 timed runs in ms, sorted. */
    static double[] memberSql(Seeded seeded) throws Exception {
        List<String> order = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?(\\d)").matcher(MEMBER_SQL);
        while (m.find()) {
            order.add(switch (m.group(1)) {
                case "1" -> seeded.tenant().toString();
                case "2" -> seeded.member().id().toString();
                default -> seeded.room().toString();
            });
        }
        String memberSql = MEMBER_SQL.replaceAll("\\?\\d", "?");
        return time(() -> sql(memberSql, seeded.tenant(), seeded.room(), order.toArray(String[]::new)));
    }

    /**
     * Seeds the room in SQL: 10 top folders, 90 below them and {@code 900 / divisor} leaves, {@code 10,000 / divisor}
     * documents and {@code 500 / divisor} grants (divisor 1: the benchmark's room), then {@code analyze}.
     */
    static Seeded seed(int divisor) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        UUID tenant = ItDatabase.tenant("bench");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + s + "@bench.test", "OWNER");
        ItDatabase.User member = ItDatabase.user(tenant, "member-" + s + "@bench.test", "MEMBER");
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            users.add(ItDatabase.user(tenant, "u" + i + "-" + s + "@bench.test", "MEMBER").id());
        }
        users.add(member.id());
        String ownerToken = Tokens.accessToken(owner);
        String memberToken = Tokens.accessToken(member);
        UUID room = UUID.fromString(Api.room(ownerToken, "Benchmark " + s));
        Random random = new Random(42);
        List<UUID> folders = new ArrayList<>();
        List<UUID> groups = new ArrayList<>();
        long seedStart = System.nanoTime();
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
                p.setString(1, tenant.toString());
                p.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement("insert into items (id, tenant_id, room_id, parent_id, kind,"
                    + " name, position, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())")) {
                List<UUID> level1 = new ArrayList<>();
                List<UUID> level2 = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    level1.add(item(p, tenant, room, null, "FOLDER", "Top " + i, i, owner.id()));
                }
                for (int i = 0; i < 90; i++) {
                    level2.add(item(p, tenant, room, level1.get(i % 10), "FOLDER", "Sub " + i, i, owner.id()));
                }
                folders.addAll(level1);
                folders.addAll(level2);
                for (int i = 0; i < 900 / divisor; i++) {
                    folders.add(item(p, tenant, room, level2.get(i % 90), "FOLDER", "Leaf " + i, i, owner.id()));
                }
                for (int i = 0; i < 10_000 / divisor; i++) {
                    item(p, tenant, room, folders.get(i % folders.size()), "DOCUMENT", "Document " + i + ".pdf", i, owner.id());
                }
                p.executeBatch();
            }
            try (PreparedStatement g = c.prepareStatement("insert into user_groups (id, tenant_id, name, created_at)"
                    + " values (?, ?, ?, now())");
                 PreparedStatement m = c.prepareStatement("insert into group_members (id, tenant_id, group_id,"
                         + " user_id) values (?, ?, ?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    UUID id = UUID.randomUUID();
                    groups.add(id);
                    g.setObject(1, id);
                    g.setObject(2, tenant);
                    g.setString(3, "Group " + i + " " + s);
                    g.executeUpdate();
                    for (int k = 0; k < 5; k++) {
                        m.setObject(1, UUID.randomUUID());
                        m.setObject(2, tenant);
                        m.setObject(3, id);
                        m.setObject(4, i < 5 && k == 0 ? member.id() : users.get((i * 5 + k) % 39));
                        m.executeUpdate();
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("insert into grants (id, tenant_id, room_id, folder_id,"
                    + " principal_type, principal_id, permission, created_at) values (?, ?, ?, ?, ?, ?, ?, now())"
                    + " on conflict do nothing")) {
                int made = 0;
                // the member's groups: VIEW on 3 of the 10 top folders, DOWNLOAD on one, nothing on the room
                for (int i = 0; i < 3; i++) {
                    made += grant(p, tenant, room, folders.get(i), "GROUP", groups.get(0), "VIEW");
                }
                made += grant(p, tenant, room, folders.get(3), "GROUP", groups.get(1), "DOWNLOAD");
                while (made < 500 / divisor) {
                    boolean group = random.nextInt(3) == 0;
                    UUID principal = group ? groups.get(random.nextInt(20)) : users.get(random.nextInt(40));
                    made += grant(p, tenant, room, folders.get(random.nextInt(folders.size())), group ? "GROUP" : "USER",
                            principal, LEVELS[random.nextInt(5)]);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("analyze items, grants, group_members, user_groups");
            }
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        return new Seeded(tenant, room, owner, member, ownerToken, memberToken, seedSeconds);
    }

    static UUID item(PreparedStatement p, UUID tenant, UUID room, UUID parent, String kind, String name, int position,
                     UUID by) throws SQLException {
        UUID id = UUID.randomUUID();
        p.setObject(1, id);
        p.setObject(2, tenant);
        p.setObject(3, room);
        p.setObject(4, parent);
        p.setString(5, kind);
        p.setString(6, name);
        p.setInt(7, position);
        p.setObject(8, by);
        p.addBatch();
        if (kind.equals("FOLDER")) {
            p.executeBatch();
        }
        return id;
    }

    static int grant(PreparedStatement p, UUID tenant, UUID room, UUID folder, String type, UUID principal,
                     String level) throws SQLException {
        p.setObject(1, UUID.randomUUID());
        p.setObject(2, tenant);
        p.setObject(3, room);
        p.setObject(4, folder);
        p.setString(5, type);
        p.setObject(6, principal);
        p.setString(7, level);
        return p.executeUpdate();
    }

    interface Run {
        Object run() throws Exception;
    }

    /** 3 warm-ups, then 15 timed runs in ms, sorted. */
    static double[] time(Run run) throws Exception {
        for (int i = 0; i < 3; i++) {
            check(run.run());
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            check(run.run());
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static void check(Object result) {
        if (result instanceof HttpResponse<?> r) {
            assertEquals(200, r.statusCode());
        }
    }

    static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    static Connection connection;

    /**
     * Runs a query as the schema owner in the tenant (row-level security holds the owner too) on one open connection
     * (the server uses a pool too); reads every row.
     */
    static Integer sql(String query, UUID tenant, UUID room, String... params) throws SQLException {
        if (connection == null) {
            connection = ItDatabase.owner().getConnection();
        }
        Connection c = connection;
        {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
                p.setString(1, tenant.toString());
                p.executeQuery().close();
            }
            int rows = 0;
            try (PreparedStatement p = c.prepareStatement(query)) {
                for (int i = 0; i < params.length; i++) {
                    p.setString(i + 1, params[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        r.getObject(1);
                        rows++;
                    }
                }
            }
            c.commit();
            return rows;
        }
    }
}
