package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * PERM-12, model-based and stateful: random sequences of create room/folder, upload, move, grant, revoke, group
 * membership and role changes — done by the owner and by other users of both tenants, members who hold MANAGE
 * granting to others included — run against the real server, and after every step every user's access through the
 * API (room list, tree, folder and document metadata, content, page images) must equal what {@link Model} — the rules
 * of docs/features/permissions.md written as plainly as possible, in memory — allows, content included: the tree's
 * ids, names, levels and placement, a folder's shown parent and path, a document's name, folder, size and sha256, the
 * downloaded bytes, and the page image of each document (the same image for everyone allowed, none for the others).
 * Two fresh tenants per try (five and four users); tenant A starts with a room holding two nested folders and two
 * documents, tenant B with a room and a document that nobody of A may ever see.
 *
 * <p>The step lists are drawn and shrunk by QuickTheories. The default suite runs 10 random tries of at most 15 steps
 * (most of them full length), after QuickTheories' boundary lists (the empty one and the all-maximum one);
 * {@code -Pheavy} ({@code coffer.heavy=true}) adds {@link #perm12_heavy} with 100 tries of up to 40 steps. Shrinking is
 * bounded (at most {@value #SHRINK_CYCLES} shrunk lists, and no new one after {@code coffer.model.shrinkSeconds},
 * default 180 s, since the first failure). A failure names the seed, the shrunk steps (as drawn and as the world
 * interpreted them) and the first difference; {@code -Dcoffer.model.seed=<seed>} replays the same run.
 *
 * <p>Before the random tries, {@link #FIXED} — a hand-written step list, the same in every run — goes through the
 * same comparison, and must by itself have a member see part of a room and a member refused a download (403): the
 * random lists meet those situations only by luck (seed 47819857797320's ten did not), the fixed one always does.
 */
class PermissionsModelIT {
    static final String[] LEVELS = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"};
    static final byte[] ONE_PAGE = onePage();
    /** The levels a grant step gives: each one, VIEW and DOWNLOAD more often (where partial access and 403s are). */
    static final String[] GRANTED = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE", "VIEW", "DOWNLOAD", "VIEW"};
    static final int SHRINK_CYCLES = 200;
    static final String SEED = "coffer.model.seed";

    @Test
    void perm12_everyUsersAccessThroughTheApiEqualsTheModel() {
        runAndCover(10, 15);
    }

    @Test
    @Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
    void perm12_heavy() {
        runAndCover(100, 40);
    }

    /**
     * PERM-12, never vacuous: the steps of a world (see {@link World}'s setup and how {@link Step#apply} interprets the
     * choice numbers) that always lead to a MEMBER seeing part of a room and a MEMBER refused a download (403) — and
     * on to groups, a member holding MANAGE granting, members and another tenant refused, a move, a revoke and a
     * promotion. The world's check runs after every step as in the random tries.
     */
    static final List<Step> FIXED = List.of(
            // ownerA grants VIEW to m1 on Nested: m1 sees Nested and nested.pdf but not Top or top.pdf (part of the
            // room), and is refused nested.pdf's content (403)
            new Step(Kind.GRANT, 0, 1, 2, 1, 0),
            new Step(Kind.GROUP_MEMBER, 0, 1, 0, 0, 0), // ownerA adds m2 to the group Deal team
            new Step(Kind.GRANT, 0, 4, 1, 2, 0), // ownerA grants DOWNLOAD to Deal team on Top
            new Step(Kind.GRANT, 0, 3, 0, 4, 0), // ownerA grants MANAGE to m3 on the room's top
            new Step(Kind.GRANT, 0, 2, 0, 1, 14), // m3 grants VIEW to m2 on the room's top → 200
            new Step(Kind.GRANT, 0, 0, 0, 4, 8), // m1 (VIEW on Nested only) grants MANAGE to adminA → 403
            new Step(Kind.GRANT, 0, 0, 0, 4, 20), // b1 (tenant B) grants MANAGE to adminA → 404
            new Step(Kind.UPLOAD, 3, 0, 1, 0, 0), // m2 (DOWNLOAD on Top) uploads into Top → 403
            new Step(Kind.CREATE_FOLDER, 0, 1, 0, 0, 14), // m3 creates a folder under Top → 201
            new Step(Kind.MOVE, 3, 0, 0, 0, 0), // ownerA moves nested.pdf to the room's top
            new Step(Kind.REVOKE, 1, 0, 0, 0, 0), // ownerA revokes m1's VIEW on Nested: m1 sees nothing
            new Step(Kind.CHANGE_ROLE, 2, 1, 0, 0, 0)); // ownerA makes m2 ADMIN: m2 sees everything

    /**
     * Runs {@link #FIXED}, then {@code tries} random step lists, with the check after every step, and makes sure the
     * runs were not vacuous: in the fixed list (so in every run, whatever the seed) some MEMBER must have seen part of
     * a room (shown and hidden items side by side) and been refused a download (403). What the random tries met is
     * printed, not required: it depends on the seed.
     */
    static void runAndCover(int tries, int steps) {
        long seed = Long.getLong(SEED, System.nanoTime());
        System.out.println("PermissionsModelIT: the fixed list, then " + tries + " tries of up to " + steps
                + " steps, seed " + seed + " (replay: -D" + SEED + "=" + seed + ")");
        Coverage fixed = new Coverage();
        List<String> interpreted;
        try {
            interpreted = run(FIXED, fixed);
        } catch (StepsFailed e) {
            throw new AssertionError("PERM-12: the API differs from the model in the fixed list (no seed needed)"
                    + " after its steps:\n  " + String.join("\n  ", e.steps) + "\nFirst difference: " + e.getCause(),
                    e.getCause());
        }
        System.out.println("PermissionsModelIT: the fixed list as the world interpreted it:\n  "
                + String.join("\n  ", interpreted));
        assertTrue(fixed.partial, "PERM-12: in the fixed list no member saw part of a room (shown and hidden side by "
                + "side): the model test proves nothing about partial access; steps: " + interpreted);
        assertTrue(fixed.forbidden, "PERM-12: in the fixed list no member was refused a download (403); steps: "
                + interpreted);
        Coverage coverage = new Coverage();
        long budget = Long.getLong("coffer.model.shrinkSeconds", 180) * 1000;
        long[] firstFailure = {0};
        // QuickTheories first tries its boundary lists (the shrink target and the minimum, both empty, then the
        // maximum), the first two counted once: tries + 3 examples are the boundaries and `tries` random lists
        QuickTheory.qt().withFixedSeed(seed).withExamples(tries + 3).withShrinkCycles(SHRINK_CYCLES)
                .withReporter(new Failure()).forAll(steps(steps)).checkAssert(list -> {
                    if (firstFailure[0] != 0 && System.currentTimeMillis() - firstFailure[0] > budget) {
                        return; // shrinking has had its time: the smallest list found so far is reported
                    }
                    try {
                        run(list, coverage);
                    } catch (RuntimeException | AssertionError e) {
                        if (firstFailure[0] == 0) {
                            firstFailure[0] = System.currentTimeMillis();
                        }
                        throw e;
                    }
                });
        System.out.println("PermissionsModelIT: seed " + seed + ": the random tries had " + coverage.partialRuns
                + " run(s) with a member seeing part of a room and " + coverage.forbiddenRuns
                + " with a member refused a download (403)");
    }

    /** What the tries met, across all of them. */
    static final class Coverage {
        boolean partial;
        boolean forbidden;
        int partialRuns;
        int forbiddenRuns;
    }

    /**
     * One run: a fresh world, the steps, the check after each; answers the steps as interpreted, a failure carries
     * them.
     */
    static List<String> run(List<Step> steps, Coverage coverage) {
        World world = null;
        try {
            world = new World();
            world.check();
            for (Step step : steps) {
                world.log.add(step + " → failed in this step");
                world.log.set(world.log.size() - 1, step + " → " + step.apply(world));
                world.check();
            }
            return List.copyOf(world.log);
        } catch (RuntimeException | AssertionError e) {
            throw new StepsFailed(world == null ? List.of("(setting up the world)") : world.log, e);
        } finally {
            if (world != null) {
                coverage.partial |= world.partial;
                coverage.forbidden |= world.forbidden;
                coverage.partialRuns += world.partial ? 1 : 0;
                coverage.forbiddenRuns += world.forbidden ? 1 : 0;
            }
        }
    }

    /** A failed run, with the steps that led to it as the world interpreted them. */
    static final class StepsFailed extends AssertionError {
        final List<String> steps;

        StepsFailed(List<String> steps, Throwable cause) {
            super("after " + steps.size() + " step(s): " + cause.getMessage(), cause);
            this.steps = List.copyOf(steps);
        }
    }

    /** Reports a falsified run: the seed to replay it, the shrunk step list, the first difference. */
    static final class Failure implements Reporter { // 0.26 spells the methods "falisification"
        @Override
        public void falisification(long seed, int count, Object smallest, Throwable cause, List<Object> examples,
                                  AsString<Object> toString) {
            StringBuilder m = new StringBuilder("PERM-12: the API differs from the model after " + count
                    + " tries; seed " + seed + " (replay: -D" + SEED + "=" + seed + "); "
                    + examples.size() + " smaller failing list(s) found while shrinking.\nShrunk steps:");
            List<String> named = cause instanceof StepsFailed f ? f.steps : List.of();
            List<?> drawn = smallest instanceof List<?> l ? l : List.of(smallest);
            for (int i = 0; i < named.size(); i++) {
                m.append("\n  ").append(i + 1).append(". ").append(named.get(i));
            }
            if (drawn.size() > named.size()) {
                m.append("\n  (").append(drawn.size() - named.size()).append(" more drawn step(s) not reached: ")
                        .append(drawn.subList(named.size(), drawn.size())).append(")");
            }
            Throwable first = cause instanceof StepsFailed && cause.getCause() != null ? cause.getCause() : cause;
            m.append("\nFirst difference: ").append(first);
            throw new AssertionError(m.toString(), first);
        }

        @Override
        public void falisification(long seed, int count, Object smallest, List<Object> examples,
                                  AsString<Object> toString) {
            throw new AssertionError("PERM-12 falsified after " + count + " tries; seed " + seed + " (replay: -D"
                    + SEED + "=" + seed + "); shrunk steps: " + toString.asString(smallest));
        }

        @Override
        public void valuesExhausted(int completedExamples) {
            throw new AssertionError("QuickTheories drew only " + completedExamples + " step lists");
        }
    }

    /** The kinds of step and how often each is drawn. */
    enum Kind {
        CREATE_FOLDER(2), CREATE_ROOM(1), UPLOAD(3), MOVE(2), GRANT(5), REVOKE(2), GROUP_MEMBER(3), CHANGE_ROLE(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One drawn step: its kind and five choice numbers (shrinking towards 0) that the world interprets. */
    record Step(Kind kind, int a, int b, int c, int d, int e) {
        String apply(World w) {
            return switch (kind) {
                case CREATE_FOLDER -> w.createFolder(a, b, e);
                case CREATE_ROOM -> w.createRoom();
                case UPLOAD -> w.upload(a, b, c);
                case MOVE -> w.move(a, b);
                case GRANT -> w.grant(a, b, c, d, e);
                case REVOKE -> w.revoke(a, e);
                case GROUP_MEMBER -> w.membership(a, b, c, e);
                case CHANGE_ROLE -> w.role(a, b);
            };
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + a + "," + b + "," + c + "," + d + "," + e
                    + ")";
        }
    }

    static Gen<List<Step>> steps(int max) {
        Gen<Integer> n = SourceDSL.integers().between(0, 999);
        List<Pair<Integer, Gen<Step>>> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Gen<int[]> five = n.zip(n, n, n, n, (a, b, c, d, e) -> new int[] {a, b, c, d, e});
            kinds.add(Pair.of(kind.weight, five.map(x -> new Step(kind, x[0], x[1], x[2], x[3], x[4]))));
        }
        // two lists in three have the full length (as a chain of the former engine did), the others any length;
        // shrinking moves to the second kind and shortens towards 0
        Gen<Integer> sizes = Generate.frequency(List.of(Pair.of(1, SourceDSL.integers().between(0, max)),
                Pair.of(2, Generate.constant(max))));
        return SourceDSL.lists().of(Generate.frequency(kinds)).ofSizes(sizes);
    }

    /** A user of the world: who they are in the database, their token and their current role in the model. */
    static final class Person {
        final String name;
        final ItDatabase.User user;
        final String token;
        String role;

        Person(String name, ItDatabase.User user) {
            this.name = name;
            this.user = user;
            this.token = Tokens.accessToken(user);
            this.role = user.role();
        }

        String id() {
            return user.id().toString();
        }

        UUID tenant() {
            return user.tenant();
        }
    }

    /** A folder or document; a document also has the sha256 and size of the bytes uploaded. */
    record Item(String id, String room, String parent, String kind, String name, String sha256, long size) {
        Item movedTo(String folder) {
            return new Item(id, room, folder, kind, name, sha256, size);
        }
    }

    record GrantKey(String principalType, String principalId, String folder) {
    }

    /** The rules in memory: nothing shared with the server's code. */
    static final class Model {
        final Map<String, UUID> roomTenant = new LinkedHashMap<>();
        final Map<String, String> roomNames = new HashMap<>();
        final Map<String, Item> items = new LinkedHashMap<>();
        final Map<String, Map<GrantKey, String>> grants = new HashMap<>();
        final Map<String, Set<String>> groups = new LinkedHashMap<>();

        int level(Person p, String room, String item) {
            if (!roomTenant.get(room).equals(p.tenant())) {
                return 0;
            }
            if (p.role.equals("OWNER") || p.role.equals("ADMIN")) {
                return 4;
            }
            List<String[]> principals = new ArrayList<>();
            principals.add(new String[] {"USER", p.id()});
            groups.forEach((g, members) -> {
                if (members.contains(p.id())) {
                    principals.add(new String[] {"GROUP", g});
                }
            });
            Map<GrantKey, String> roomGrants = grants.getOrDefault(room, Map.of());
            int best = 0;
            for (String[] principal : principals) {
                String level = null;
                String at = item;
                while (level == null && at != null) {
                    Item here = items.get(at);
                    if (here.kind().equals("FOLDER")) {
                        level = roomGrants.get(new GrantKey(principal[0], principal[1], at));
                    }
                    at = here.parent();
                }
                if (level == null) {
                    level = roomGrants.get(new GrantKey(principal[0], principal[1], null));
                }
                if (level != null) {
                    best = Math.max(best, List.of(LEVELS).indexOf(level));
                }
            }
            return best;
        }

        boolean roomVisible(Person p, String room) {
            if (level(p, room, null) >= 1) {
                return true;
            }
            return items.values().stream().anyMatch(i -> i.room().equals(room) && level(p, room, i.id()) >= 1);
        }

        /** The nearest folder above {@code item} that {@code p} sees (PERM-7), or null for the room's top. */
        String shownParent(Person p, Item item) {
            String up = item.parent();
            while (up != null && level(p, item.room(), up) < 1) {
                up = items.get(up).parent();
            }
            return up;
        }

        /** A folder's path as {@code p} sees it: the names of the shown folders above it, then its own. */
        String path(Person p, Item folder) {
            StringBuilder path = new StringBuilder("/" + folder.name());
            for (String up = folder.parent(); up != null; up = items.get(up).parent()) {
                if (level(p, folder.room(), up) >= 1) {
                    path.insert(0, "/" + items.get(up).name());
                }
            }
            return path.toString();
        }

        /** Shown tree: item id → "name|level|shown parent|kind". */
        Map<String, String> tree(Person p, String room) {
            Map<String, String> shown = new TreeMap<>();
            for (Item i : items.values()) {
                if (!i.room().equals(room) || level(p, room, i.id()) < 1) {
                    continue;
                }
                shown.put(i.id(), i.name() + "|" + LEVELS[level(p, room, i.id())] + "|" + shownParent(p, i) + "|"
                        + i.kind());
            }
            return shown;
        }

        boolean inside(String item, String folder) {
            for (String at = folder; at != null; at = items.get(at).parent()) {
                if (at.equals(item)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * What a change of {@code room} that needs {@code needed} on {@code target} (a folder, or null for the room
         * itself) answers {@code p}, checked the way the contract orders it: the room unseen → 404; the level nowhere
         * in the room → 403; the target folder unseen → 404; below the level on it → 403.
         */
        int expected(Person p, String room, String target, int needed, int success) {
            if (!roomVisible(p, room)) {
                return 404;
            }
            boolean anywhere = level(p, room, null) >= needed || items.values().stream()
                    .anyMatch(i -> i.room().equals(room) && level(p, room, i.id()) >= needed);
            if (!anywhere) {
                return 403;
            }
            int held = level(p, room, target);
            if (target != null && held < 1) {
                return 404;
            }
            return held >= needed ? success : 403;
        }
    }

    /** The system under test and the model, side by side. */
    static final class World {
        final Model model = new Model();
        final List<Person> a = new ArrayList<>();
        final List<Person> b = new ArrayList<>();
        final List<Person> everyone = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        /** The first page image served for each document: everyone allowed must get the same one. */
        final Map<String, String> pages = new HashMap<>();
        int names;
        boolean partial;
        boolean forbidden;

        World() {
            String s = UUID.randomUUID().toString().substring(0, 6);
            UUID ta = ItDatabase.tenant("model-a");
            UUID tb = ItDatabase.tenant("model-b");
            a.add(new Person("ownerA", ItDatabase.user(ta, "owner-" + s + "@a.test", "OWNER")));
            a.add(new Person("adminA", ItDatabase.user(ta, "admin-" + s + "@a.test", "ADMIN")));
            for (int i = 1; i <= 3; i++) {
                a.add(new Person("m" + i, ItDatabase.user(ta, "m" + i + "-" + s + "@a.test", "MEMBER")));
            }
            b.add(new Person("ownerB", ItDatabase.user(tb, "owner-" + s + "@b.test", "OWNER")));
            for (int i = 1; i <= 3; i++) {
                b.add(new Person("b" + i, ItDatabase.user(tb, "b" + i + "-" + s + "@b.test", "MEMBER")));
            }
            everyone.addAll(a);
            everyone.addAll(b);
            for (String g : List.of("Deal team", "Advisors")) {
                String id = Api.group(a.get(0).token, g + " " + s);
                model.groups.put(id, new HashSet<>());
            }
            String first = createRoomAs(a.get(0));
            String top = Api.folder(a.get(0).token, first, "Top", null);
            model.items.put(top, new Item(top, first, null, "FOLDER", "Top", null, 0));
            String nested = Api.folder(a.get(0).token, first, "Nested", top);
            model.items.put(nested, new Item(nested, first, top, "FOLDER", "Nested", null, 0));
            for (String[] d : List.of(new String[] {null, "top.pdf"}, new String[] {nested, "nested.pdf"})) {
                byte[] bytes = pdf(++names);
                String id = Api.document(a.get(0).token, first, d[0], d[1], bytes);
                model.items.put(id, new Item(id, first, d[0], "DOCUMENT", d[1], sha256(bytes), bytes.length));
            }
            String foreignRoom = createRoomAs(b.get(0));
            byte[] bytes = pdf(++names);
            String doc = Api.document(b.get(0).token, foreignRoom, null, "b-secret.pdf", bytes);
            model.items.put(doc, new Item(doc, foreignRoom, null, "DOCUMENT", "b-secret.pdf", sha256(bytes),
                    bytes.length));
        }

        @Override
        public String toString() {
            return String.join("\n  ", log);
        }

        String createRoomAs(Person creator) {
            String name = "Room " + (++names);
            String room = Api.room(creator.token, name);
            model.roomTenant.put(room, creator.tenant());
            model.roomNames.put(room, name);
            model.grants.computeIfAbsent(room, k -> new LinkedHashMap<>())
                    .put(new GrantKey("USER", creator.id(), null), "MANAGE");
            return room;
        }

        /** Who acts: the owner of A for two numbers in three (0 too, where shrinking leads), anyone of A or B else. */
        Person actor(int n) {
            return n % 3 != 2 ? a.get(0) : everyone.get((n / 3) % everyone.size());
        }

        List<String> roomsOfA() {
            return model.roomTenant.entrySet().stream().filter(e -> e.getValue().equals(a.get(0).tenant()))
                    .map(Map.Entry::getKey).toList();
        }

        List<Item> itemsOf(String room, String kind) {
            return model.items.values().stream().filter(i -> i.room().equals(room)
                    && (kind == null || i.kind().equals(kind))).toList();
        }

        String label(String folder) {
            return folder == null ? "the room's top" : model.items.get(folder).name();
        }

        String createRoom() {
            if (roomsOfA().size() >= 3) {
                return "room limit";
            }
            return "room " + model.roomNames.get(createRoomAs(a.get(0)));
        }

        /** Someone creates a folder: MANAGE on the parent (or the room) is needed. */
        String createFolder(int r, int parent, int who) {
            Person p = actor(who);
            String room = roomsOfA().get(r % roomsOfA().size());
            List<Item> folders = itemsOf(room, "FOLDER");
            String under = parent % (folders.size() + 1) == 0 ? null : folders.get(parent % (folders.size() + 1) - 1)
                    .id();
            int expected = model.expected(p, room, under, 4, 201);
            String name = "F" + (++names);
            HttpResponse<String> r0 = Http.postJson("/api/v1/datarooms/" + room + "/folders", p.token,
                    "{\"name\": \"" + name + "\", \"parentId\": " + (under == null ? "null" : "\"" + under + "\"")
                            + "}");
            assertEquals(expected, r0.statusCode(), p.name + " creates folder " + name + " under " + label(under)
                    + ": " + r0.body());
            if (expected == 201) {
                String id = Http.json(r0).getString("id");
                model.items.put(id, new Item(id, room, under, "FOLDER", name, null, 0));
            }
            return p.name + " creates folder " + name + " under " + label(under) + " → " + expected;
        }

        /** A random user of tenant A or B uploads; the answer must be what the model predicts. */
        String upload(int who, int r, int target) {
            if (model.items.size() > 40) {
                return "item limit";
            }
            Person p = everyone.get(who % everyone.size());
            String room = roomsOfA().get(r % roomsOfA().size());
            List<Item> folders = itemsOf(room, "FOLDER");
            String folder = target % (folders.size() + 1) == 0 ? null
                    : folders.get(target % (folders.size() + 1) - 1).id();
            int expected = model.expected(p, room, folder, 3, 201);
            String name = "D" + (++names) + ".pdf";
            byte[] bytes = pdf(names);
            HttpResponse<String> r0 = Api.upload(p.token, room, folder, name, bytes);
            assertEquals(expected, r0.statusCode(), p.name + " uploads into " + label(folder) + ": " + r0.body());
            if (expected == 201) {
                String id = Http.json(r0).getString("id");
                model.items.put(id, new Item(id, room, folder, "DOCUMENT", name, sha256(bytes), bytes.length));
            }
            return p.name + " uploads " + name + " into " + label(folder) + " → " + expected;
        }

        String move(int item, int target) {
            List<Item> all = model.items.values().stream().filter(i -> roomsOfA().contains(i.room())).toList();
            if (all.isEmpty()) {
                return "nothing to move";
            }
            Item moving = all.get(item % all.size());
            List<Item> folders = itemsOf(moving.room(), "FOLDER");
            String to = target % (folders.size() + 1) == 0 ? null : folders.get(target % (folders.size() + 1) - 1)
                    .id();
            boolean folder = moving.kind().equals("FOLDER");
            HttpResponse<String> r = Http.patchJson((folder ? "/api/v1/folders/" : "/api/v1/documents/")
                            + moving.id(), a.get(0).token, "{\"" + (folder ? "parentId" : "folderId") + "\": "
                            + (to == null ? "null" : "\"" + to + "\"") + "}");
            if (folder && to != null && model.inside(moving.id(), to)) {
                assertEquals(409, r.statusCode(), r.body());
                return "ownerA moves " + moving.name() + " under its own descendant → 409";
            }
            assertEquals(200, r.statusCode(), r.body());
            model.items.put(moving.id(), moving.movedTo(to));
            return "ownerA moves " + moving.name() + " to " + label(to);
        }

        List<String[]> principals() {
            List<String[]> all = new ArrayList<>();
            for (Person p : a.subList(1, a.size())) {
                all.add(new String[] {"USER", p.id(), p.name});
            }
            model.groups.keySet().forEach(g -> all.add(new String[] {"GROUP", g, "group " + g.substring(0, 4)}));
            return all;
        }

        /** Someone replaces the room's grants with one grant more: MANAGE on the room itself is needed. */
        String grant(int r, int principal, int at, int level, int who) {
            Person actor = actor(who);
            String room = roomsOfA().get(r % roomsOfA().size());
            String[] p = principals().get(principal % principals().size());
            List<Item> folders = itemsOf(room, "FOLDER");
            String folder = at % (folders.size() + 1) == 0 ? null : folders.get(at % (folders.size() + 1) - 1).id();
            String permission = GRANTED[level % GRANTED.length];
            Map<GrantKey, String> next = new LinkedHashMap<>(model.grants.computeIfAbsent(room,
                    k -> new LinkedHashMap<>()));
            next.put(new GrantKey(p[0], p[1], folder), permission);
            int expected = putGrants(actor, room, next);
            return actor.name + " grants " + permission + " to " + p[2] + " on " + label(folder) + " of "
                    + model.roomNames.get(room) + " → " + expected;
        }

        String revoke(int which, int who) {
            Person actor = actor(who);
            String room = roomsOfA().get(which % roomsOfA().size());
            Map<GrantKey, String> next = new LinkedHashMap<>(model.grants.getOrDefault(room, Map.of()));
            if (next.isEmpty()) {
                return "nothing to revoke";
            }
            GrantKey key = new ArrayList<>(next.keySet()).get(which % next.size());
            next.remove(key);
            String level = model.grants.get(room).get(key);
            int expected = putGrants(actor, room, next);
            String whom = principals().stream().filter(x -> x[1].equals(key.principalId())).map(x -> x[2])
                    .findFirst().orElse("ownerA");
            return actor.name + " revokes " + whom + "'s " + level + " on "
                    + label(key.folder()) + " of " + model.roomNames.get(room) + " → " + expected;
        }

        /** PUT the grants as {@code actor}; 200 (and the model takes them) only with MANAGE on the room itself. */
        int putGrants(Person actor, String room, Map<GrantKey, String> grants) {
            int expected = !model.roomVisible(actor, room) ? 404 : model.level(actor, room, null) >= 4 ? 200 : 403;
            List<String> body = grants.entrySet().stream().map(e -> Api.grant(e.getKey().principalType(),
                    e.getKey().principalId(), e.getKey().folder(), e.getValue())).toList();
            HttpResponse<String> r = Api.putGrants(actor.token, room, body);
            assertEquals(expected, r.statusCode(), actor.name + " puts the grants of " + model.roomNames.get(room)
                    + ": " + r.body());
            if (expected == 200) {
                model.grants.put(room, grants);
                assertEquals(grants.size(), Api.array(r).size(), "the grants answered: " + r.body());
            }
            return expected;
        }

        /** Someone sets a group's members: OWNER/ADMIN of A only (PERM-11); B's users do not see A's groups. */
        String membership(int g, int whom, int add, int who) {
            Person actor = actor(who);
            String group = new ArrayList<>(model.groups.keySet()).get(g % model.groups.size());
            Person p = a.get(2 + whom % 3);
            Set<String> members = new HashSet<>(model.groups.get(group));
            boolean adding = add % 2 == 0;
            if (adding) {
                members.add(p.id());
            } else {
                members.remove(p.id());
            }
            HttpResponse<String> r = Api.members(actor.token, group, members);
            String what = actor.name + " (" + actor.role + ") " + (adding ? "adds " : "removes ") + p.name
                    + (adding ? " to" : " from") + " group " + group.substring(0, 4);
            int expected = !actor.tenant().equals(a.get(0).tenant()) ? 404
                    : "ADMIN".equals(actor.role) || "OWNER".equals(actor.role) ? 200 : 403;
            assertEquals(expected, r.statusCode(), "PERM-11: " + what + ": " + r.body());
            if (expected == 200) {
                model.groups.put(group, members);
                assertEquals(members, new HashSet<>(Api.array(r).getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList()), what + ": the members answered");
            }
            return what + " → " + expected;
        }

        String role(int who, int role) {
            Person p = a.get(1 + who % 4);
            String next = role % 2 == 0 ? "MEMBER" : "ADMIN";
            HttpResponse<String> r = Api.role(a.get(0).token, p.id(), next);
            assertEquals(200, r.statusCode(), r.body());
            p.role = next;
            return "ownerA makes " + p.name + " " + next;
        }

        /** After every step: every user sees through the API exactly what the model allows, content included. */
        void check() {
            for (Person p : everyone) {
                Map<String, String> listed = new TreeMap<>();
                for (JsonObject room : Http.json(Http.get("/api/v1/datarooms", p.token)).getJsonArray("items")
                        .getValuesAs(JsonObject.class)) {
                    if (model.roomTenant.containsKey(room.getString("id"))) {
                        listed.put(room.getString("id"), room.getString("name") + "|" + room.getString(
                                "myPermission"));
                    }
                }
                Map<String, String> expectedRooms = new TreeMap<>();
                model.roomTenant.keySet().stream().filter(r -> model.roomVisible(p, r)).forEach(r -> expectedRooms
                        .put(r, model.roomNames.get(r) + "|" + LEVELS[model.level(p, r, null)]));
                assertEquals(expectedRooms, listed, p.name + " lists rooms (id → name|myPermission)");
                for (String room : model.roomTenant.keySet()) {
                    HttpResponse<String> tree = Http.get("/api/v1/datarooms/" + room + "/tree", p.token);
                    if (!model.roomVisible(p, room)) {
                        assertEquals(404, tree.statusCode(), p.name + " must not see room " + room);
                        continue;
                    }
                    assertEquals(200, tree.statusCode(), tree.body());
                    JsonObject root = Http.json(tree);
                    assertEquals(LEVELS[model.level(p, room, null)], root.getString("myPermission"),
                            p.name + " on room " + room);
                    Map<String, String> shown = new TreeMap<>();
                    flatten(root.getJsonArray("children"), null, shown);
                    assertEquals(model.tree(p, room), shown, p.name + "'s tree of " + model.roomNames.get(room)
                            + " (id → name|myPermission|shown parent|kind)");
                }
                if (p.role.equals("MEMBER")) {
                    for (String room : model.roomTenant.keySet()) {
                        List<Integer> levels = model.items.values().stream().filter(i -> i.room().equals(room))
                                .map(i -> model.level(p, room, i.id())).toList();
                        partial |= levels.contains(0) && levels.stream().anyMatch(l -> l >= 1);
                    }
                }
                for (Item item : model.items.values()) {
                    int level = model.level(p, item.room(), item.id());
                    if (item.kind().equals("FOLDER")) {
                        HttpResponse<String> f = Http.get("/api/v1/folders/" + item.id(), p.token);
                        assertEquals(level >= 1 ? 200 : 404, f.statusCode(), p.name + " reads folder "
                                + item.name());
                        if (level >= 1) {
                            JsonObject body = Http.json(f);
                            assertEquals(item.id() + "|" + item.name() + "|" + model.shownParent(p, item) + "|"
                                    + model.path(p, item), body.getString("id") + "|" + body.getString("name") + "|"
                                    + (body.isNull("parentId") ? null : body.getString("parentId")) + "|"
                                    + body.getString("path"), p.name + " reads folder " + item.name()
                                    + " (id|name|shown parent|path)");
                        }
                        continue;
                    }
                    checkDocument(p, item, level);
                }
            }
        }

        void checkDocument(Person p, Item item, int level) {
            String doc = "/api/v1/documents/" + item.id();
            HttpResponse<String> meta = Http.get(doc, p.token);
            assertEquals(level >= 1 ? 200 : 404, meta.statusCode(), p.name + " reads " + item.name());
            if (level >= 1) {
                JsonObject body = Http.json(meta);
                // folderId is the document's real folder (issue 4's contract), also when that folder is hidden
                assertEquals(item.id() + "|" + item.name() + "|" + item.parent() + "|" + item.size() + "|"
                                + item.sha256(), body.getString("id") + "|" + body.getString("name") + "|"
                                + (body.isNull("folderId") ? null : body.getString("folderId")) + "|"
                                + body.getJsonNumber("size").longValue() + "|" + body.getString("sha256"),
                        p.name + " reads " + item.name() + " (id|name|folderId|size|sha256)");
            }
            // search (SR-1): the document is found by its name exactly when it is seen, and every hit is one the
            // model lets this user see
            String words = item.name().replaceFirst("\\.pdf$", "").replace('-', ' ');
            HttpResponse<String> found = Http.get("/api/v1/search?limit=200&q="
                    + java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8), p.token);
            assertEquals(200, found.statusCode(), found.body());
            boolean listed = false;
            for (JsonObject hit : Http.json(found).getJsonArray("items").getValuesAs(JsonObject.class)) {
                Item seen = model.items.get(hit.getString("documentId"));
                assertTrue(seen != null && model.level(p, seen.room(), seen.id()) >= 1, p.name + " searching '"
                        + words + "' is shown a document the model hides: " + hit);
                listed |= seen.id().equals(item.id());
            }
            assertEquals(level >= 1, listed, p.name + " finds " + item.name() + " by its name exactly when it"
                    + " sees it (SR-1): " + found.body());
            HttpResponse<byte[]> content = bytes(doc + "/content", p.token);
            int expected = level >= 2 ? 200 : level >= 1 ? 403 : 404;
            assertEquals(expected, content.statusCode(), p.name + " downloads " + item.name());
            if (expected == 200) {
                assertEquals(item.sha256(), sha256(content.body()), p.name + " downloads the bytes of "
                        + item.name());
            } else if (expected == 403 && p.role.equals("MEMBER")) {
                forbidden = true;
            }
            HttpResponse<byte[]> page = bytes(doc + "/pages/1", p.token);
            assertEquals(level >= 1 ? 200 : 404, page.statusCode(), p.name + " sees page 1 of " + item.name());
            if (level >= 1) {
                assertEquals("image/png", page.headers().firstValue("Content-Type").orElse("")
                        .split(";")[0].trim(), p.name + " sees page 1 of " + item.name());
                assertArrayEquals(PNG, java.util.Arrays.copyOf(page.body(), PNG.length), "a PNG");
                String image = sha256(page.body());
                String before = pages.putIfAbsent(item.id(), image);
                assertEquals(before == null ? image : before, image, p.name + " sees the page image of "
                        + item.name() + " that the others see");
                pages.forEach((other, seen) -> {
                    if (!other.equals(item.id())) {
                        assertNotEquals(seen, image, p.name + " sees for page 1 of " + item.name()
                                + " the image of another document");
                    }
                });
            } else {
                assertTrue(page.body().length == 0 || !startsWith(page.body(), PNG), p.name
                        + " is refused page 1 of " + item.name() + " and gets no image");
            }
        }

        static void flatten(JsonArray nodes, String parent, Map<String, String> into) {
            if (nodes == null) {
                return;
            }
            for (JsonObject n : nodes.getValuesAs(JsonObject.class)) {
                into.put(n.getString("id"), n.getString("name") + "|" + n.getString("myPermission") + "|" + parent
                        + "|" + n.getString("kind"));
                if (!n.isNull("children")) {
                    flatten(n.getJsonArray("children"), n.getString("id"), into);
                }
            }
        }
    }

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static boolean startsWith(byte[] body, byte[] prefix) {
        return body.length >= prefix.length && java.util.Arrays.equals(java.util.Arrays.copyOf(body, prefix.length),
                prefix);
    }

    static HttpResponse<byte[]> bytes(String path, String token) {
        try {
            return Http.CLIENT.send(Http.request(path).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return DocumentsIT.sha256(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF of its own size, so that no two documents of a world have the same bytes or page image. */
    static byte[] pdf(int n) {
        try {
            return DocumentsIT.pdf(1, 200 + n, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] onePage() {
        try {
            return DocumentsIT.pdf(1, 200, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
