package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PERM-14 and DR-4: the tree of a room of 1,000 folders is read in a bounded number of SQL statements, the same
 * number as the tree of a room of three, for the OWNER (everything) and for a MEMBER whose levels come from direct
 * and group grants. Statements are counted by the database itself (pg_stat_statements, loaded by the IT server's
 * embedded PostgreSQL: it.xml), so a query per item (N+1) anywhere in the request shows, whichever layer runs it.
 * The background jobs (the purge, every 5 s for every tenant) run as the same role: the statements they run in a
 * quiet window beside the measurement (no request) are left out of the count, and each count is the least of three
 * requests. A statement run once per item is none of theirs, so it counts.
 */
class TreeStatementsIT {
    /** DR-4 / PERM-14: the statements one GET /tree may run, whatever the size of the room. */
    static final long BOUND = 40;
    static final int FOLDERS = 1000;

    String s;
    UUID tenant;
    ItDatabase.User owner;
    ItDatabase.User member;
    String ownerToken;
    String memberToken;

    @BeforeEach
    void tenant() {
        s = UUID.randomUUID().toString().substring(0, 6);
        tenant = ItDatabase.tenant("stmts");
        owner = ItDatabase.user(tenant, "owner-" + s + "@stmts.test", "OWNER");
        member = ItDatabase.user(tenant, "member-" + s + "@stmts.test", "MEMBER");
        ownerToken = Tokens.accessToken(owner);
        memberToken = Tokens.accessToken(member);
    }

    @Test
    void perm14_dr4_theTreeOfAThousandFoldersIsReadInABoundedNumberOfStatements() throws Exception {
        UUID small = seededRoom(3);
        UUID large = seededRoom(FOLDERS);
        assertEquals(FOLDERS + 1, count(tree(ownerToken, large), "\"id\""), "the owner sees the room and every folder");
        long shownToMember = count(tree(memberToken, large), "\"id\"") - 1;
        assertTrue(shownToMember > 100 && shownToMember < FOLDERS,
                "the member sees part of the room through direct and group grants: " + shownToMember);

        background = background();
        for (var caller : Map.of("OWNER", ownerToken, "MEMBER", memberToken).entrySet()) {
            Count few = statements(caller.getValue(), small);
            Count many = statements(caller.getValue(), large);
            // a job's round can span all three requests (the automation digest over every tenant did, 125 statements
            // in each): what a later quiet window also shows is the job's, never the request's, so it is left out
            for (int again = 0; again < 3 && (many.total > BOUND || many.total > few.total + 1); again++) {
                java.util.Set<String> more = new java.util.HashSet<>(background);
                more.addAll(background());
                background = more;
                few = statements(caller.getValue(), small);
                many = statements(caller.getValue(), large);
            }
            String message = caller.getKey() + "'s tree of " + FOLDERS + " folders ran " + many.total
                    + " statements (a tree of 3: " + few.total + "; " + background.size() + " kinds of background"
                    + " statement left out); most called: " + many.top();
            System.out.println("PERM-14 " + message);
            assertTrue(many.total <= BOUND, message + " (bound " + BOUND + ")");
            assertTrue(many.total <= few.total + 1, message + " (the size of the room must not count)");
        }
    }

    java.util.Set<String> background = java.util.Set.of();

    /** The statements the server runs on its own while no request is made (the purge's), over 5 seconds. */
    static java.util.Set<String> background() throws InterruptedException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) { // a whole purge interval
            Map<String, Long> before = ItDatabase.statements();
            Thread.sleep(1000);
            ItDatabase.statements().forEach((query, calls) -> {
                if (calls > before.getOrDefault(query, 0L)) {
                    seen.add(query);
                }
            });
        }
        return seen;
    }

    /** The least number of statements over three GET /tree (the first, a warm-up, not counted), with the top ones. */
    Count statements(String token, UUID room) throws InterruptedException {
        tree(token, room);
        Count least = null;
        for (int i = 0; i < 3; i++) {
            Map<String, Long> ran = ItDatabase.ranBy(() -> Http.get("/api/v1/datarooms/" + room + "/tree", token),
                    background);
            Count count = new Count(ran.values().stream().mapToLong(Long::longValue).sum(), ran);
            if (least == null || count.total < least.total) {
                least = count;
            }
        }
        return least;
    }

    record Count(long total, Map<String, Long> byStatement) {
        String top() {
            return byStatement.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(4).map(e -> e.getValue() + "x " + e.getKey().replaceAll("\\s+", " ")
                            .substring(0, Math.min(120, e.getKey().replaceAll("\\s+", " ").length())))
                    .collect(Collectors.joining(" | "));
        }
    }

    static String tree(String token, UUID room) {
        HttpResponse<String> r = Http.get("/api/v1/datarooms/" + room + "/tree", token);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static long count(String body, String needle) {
        return body.split(needle, -1).length - 1;
    }

    /**
     * A room of {@code folders} folders (tops, subfolders, leaves as in TreeBenchmarkIT), seeded in SQL, in which the
     * member holds VIEW on a fifth of the top folders directly, DOWNLOAD through a group on another, and random
     * direct and group grants below.
     */
    UUID seededRoom(int folders) throws Exception {
        UUID room = UUID.fromString(Api.room(ownerToken, "Statements " + folders + " " + s));
        List<UUID> made = new ArrayList<>();
        Random random = new Random(folders);
        try (Connection c = ItDatabase.owner().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('coffer.tenant', ?, true)")) {
                p.setString(1, tenant.toString());
                p.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement("insert into items (id, tenant_id, room_id, parent_id, kind,"
                    + " name, position, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())")) {
                int tops = Math.min(10, folders);
                for (int i = 0; i < folders; i++) {
                    UUID parent = i < tops ? null : made.get(i < 100 ? i % tops : 10 + i % 90);
                    made.add(TreeBenchmarkIT.item(p, tenant, room, parent, "FOLDER", "Folder " + i, i, owner.id()));
                }
                p.executeBatch();
            }
            UUID group = UUID.randomUUID();
            try (PreparedStatement g = c.prepareStatement("insert into user_groups (id, tenant_id, name, created_at)"
                    + " values (?, ?, ?, now())");
                 PreparedStatement m = c.prepareStatement("insert into group_members (id, tenant_id, group_id,"
                         + " user_id) values (?, ?, ?, ?)")) {
                g.setObject(1, group);
                g.setObject(2, tenant);
                g.setString(3, "Readers " + folders + " " + s);
                g.executeUpdate();
                m.setObject(1, UUID.randomUUID());
                m.setObject(2, tenant);
                m.setObject(3, group);
                m.setObject(4, member.id());
                m.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("insert into grants (id, tenant_id, room_id, folder_id,"
                    + " principal_type, principal_id, permission, created_at) values (?, ?, ?, ?, ?, ?, ?, now())"
                    + " on conflict do nothing")) {
                TreeBenchmarkIT.grant(p, tenant, room, made.get(0), "USER", member.id(), "VIEW");
                if (made.size() > 1) {
                    TreeBenchmarkIT.grant(p, tenant, room, made.get(1), "GROUP", group, "DOWNLOAD");
                }
                for (int i = 0; i < folders / 10; i++) {
                    boolean byGroup = random.nextBoolean();
                    TreeBenchmarkIT.grant(p, tenant, room, made.get(random.nextInt(made.size())),
                            byGroup ? "GROUP" : "USER", byGroup ? group : member.id(),
                            TreeBenchmarkIT.LEVELS[1 + random.nextInt(4)]);
                }
            }
            c.commit();
        }
        return room;
    }
}
