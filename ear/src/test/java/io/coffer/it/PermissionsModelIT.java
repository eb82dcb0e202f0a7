package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * PERM-12, model-based and stateful: random sequences of create room/folder, upload, move, grant, revoke, group
 * membership and role changes run against the real server, and after every step every user's access through the API
 * (room list, tree, folder and document metadata, content, page images) must equal what {@link Model} — the rules of
 * docs/features/permissions.md written as plainly as possible, in memory — allows. Two fresh tenants per try (five and
 * four users); tenant A starts with a room holding two nested folders and two documents, tenant B with a room and a
 * document that nobody of A may ever see. The default suite runs 10 tries of at most 15 steps with bounded shrinking; {@code -Pheavy}
 * ({@code coffer.heavy=true}) adds {@link #perm12_heavy} with 100 tries of up to 40 steps.
 */
class PermissionsModelIT {
    static final String[] LEVELS = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"};
    static final byte[] ONE_PAGE = onePage();

    @Property(tries = 10, shrinking = ShrinkingMode.BOUNDED)
    void perm12_everyUsersAccessThroughTheApiEqualsTheModel(@ForAll("chains") ActionChain<World> chain) {
        runAndCover(chain);
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    @net.jqwik.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
    void perm12_heavy(@ForAll("longChains") ActionChain<World> chain) {
        runAndCover(chain);
    }

    /**
     * Runs the chain with the check after every step, and makes sure the runs were not vacuous: across the tries some
     * MEMBER must have seen part of a room (shown and hidden items side by side) and been refused a download (403).
     */
    static void runAndCover(ActionChain<World> chain) {
        World world = chain.withInvariant("the API shows what the model allows", World::check).run();
        net.jqwik.api.statistics.Statistics.label("a member saw part of a room").collect(world.partial);
        net.jqwik.api.statistics.Statistics.label("a member was refused a download").collect(world.forbidden);
        net.jqwik.api.statistics.Statistics.label("a member saw part of a room")
                .coverage(c -> c.check(true).count(n -> n >= 1));
        net.jqwik.api.statistics.Statistics.label("a member was refused a download")
                .coverage(c -> c.check(true).count(n -> n >= 1));
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return actions(15);
    }

    @Provide
    Arbitrary<ActionChain<World>> longChains() {
        return actions(40);
    }

    static ActionChainArbitrary<World> actions(int steps) {
        return ActionChain.<World>startWith(World::new)
                .withAction(2, pick("create folder", (w, i) -> w.createFolder(i[0], i[1])))
                .withAction(1, pick("create room", (w, i) -> w.createRoom()))
                .withAction(3, pick("upload", (w, i) -> w.upload(i[0], i[1], i[2])))
                .withAction(2, pick("move", (w, i) -> w.move(i[0], i[1])))
                .withAction(5, pick("grant", (w, i) -> w.grant(i[0], i[1], i[2], i[3])))
                .withAction(2, pick("revoke", (w, i) -> w.revoke(i[0])))
                .withAction(3, pick("group member", (w, i) -> w.membership(i[0], i[1], i[2])))
                .withAction(1, pick("change role", (w, i) -> w.role(i[0], i[1])))
                .withMaxTransformations(steps);
    }

    interface Step {
        String apply(World world, int[] choices);
    }

    /** An action that draws four choice numbers (shrinkable towards 0) and lets the world interpret them. */
    static Action.Independent<World> pick(String name, Step step) {
        return () -> {
            Arbitrary<Integer> n = Arbitraries.integers().between(0, 999);
            return Combinators.combine(n, n, n, n).as((a, b, c, d) -> Transformer.mutate(
                    name + "(" + a + "," + b + "," + c + "," + d + ")",
                    (World w) -> w.log.add(step.apply(w, new int[] {a, b, c, d}))));
        };
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

    record Item(String id, String room, String parent, String kind, String name) {
    }

    record GrantKey(String principalType, String principalId, String folder) {
    }

    /** The rules in memory: nothing shared with the server's code. */
    static final class Model {
        final Map<String, UUID> roomTenant = new LinkedHashMap<>();
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

        /** Shown tree: item id → "level|shown parent|kind". */
        Map<String, String> tree(Person p, String room) {
            Map<String, String> shown = new TreeMap<>();
            for (Item i : items.values()) {
                if (!i.room().equals(room) || level(p, room, i.id()) < 1) {
                    continue;
                }
                String up = i.parent();
                while (up != null && level(p, room, up) < 1) {
                    up = items.get(up).parent();
                }
                shown.put(i.id(), LEVELS[level(p, room, i.id())] + "|" + up + "|" + i.kind());
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
    }

    /** The system under test and the model, side by side. */
    static final class World {
        final Model model = new Model();
        final List<Person> a = new ArrayList<>();
        final List<Person> b = new ArrayList<>();
        final List<Person> everyone = new ArrayList<>();
        final List<String> log = new ArrayList<>();
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
            model.items.put(top, new Item(top, first, null, "FOLDER", "Top"));
            String nested = Api.folder(a.get(0).token, first, "Nested", top);
            model.items.put(nested, new Item(nested, first, top, "FOLDER", "Nested"));
            for (String[] d : List.of(new String[] {null, "top.pdf"}, new String[] {nested, "nested.pdf"})) {
                String id = Api.document(a.get(0).token, first, d[0], d[1], ONE_PAGE);
                model.items.put(id, new Item(id, first, d[0], "DOCUMENT", d[1]));
            }
            String foreignRoom = createRoomAs(b.get(0));
            String doc = Api.document(b.get(0).token, foreignRoom, null, "b-secret.pdf", ONE_PAGE);
            model.items.put(doc, new Item(doc, foreignRoom, null, "DOCUMENT", "b-secret.pdf"));
        }

        @Override
        public String toString() {
            return String.join("\n  ", log);
        }

        String createRoomAs(Person creator) {
            String room = Api.room(creator.token, "Room " + (++names));
            model.roomTenant.put(room, creator.tenant());
            model.grants.computeIfAbsent(room, k -> new LinkedHashMap<>())
                    .put(new GrantKey("USER", creator.id(), null), "MANAGE");
            return room;
        }

        List<String> roomsOfA() {
            return model.roomTenant.entrySet().stream().filter(e -> e.getValue().equals(a.get(0).tenant()))
                    .map(Map.Entry::getKey).toList();
        }

        List<Item> itemsOf(String room, String kind) {
            return model.items.values().stream().filter(i -> i.room().equals(room)
                    && (kind == null || i.kind().equals(kind))).toList();
        }

        String createRoom() {
            if (roomsOfA().size() >= 3) {
                return "room limit";
            }
            return "room " + createRoomAs(a.get(0));
        }

        String createFolder(int r, int parent) {
            String room = roomsOfA().get(r % roomsOfA().size());
            List<Item> folders = itemsOf(room, "FOLDER");
            String under = parent % (folders.size() + 1) == 0 ? null : folders.get(parent % (folders.size() + 1) - 1)
                    .id();
            String name = "F" + (++names);
            String id = Api.folder(a.get(0).token, room, name, under);
            model.items.put(id, new Item(id, room, under, "FOLDER", name));
            return "folder " + name + " under " + under;
        }

        /** A random user of tenant A uploads; the answer must be what the model predicts. */
        String upload(int who, int r, int target) {
            if (model.items.size() > 40) {
                return "item limit";
            }
            Person p = a.get(who % a.size());
            String room = roomsOfA().get(r % roomsOfA().size());
            List<Item> folders = itemsOf(room, "FOLDER");
            String folder = target % (folders.size() + 1) == 0 ? null
                    : folders.get(target % (folders.size() + 1) - 1).id();
            int expected = expectedUpload(p, room, folder);
            String name = "D" + (++names) + ".pdf";
            HttpResponse<String> r0 = Api.upload(p.token, room, folder, name, ONE_PAGE);
            assertEquals(expected, r0.statusCode(), p.name + " uploads into " + folder + ": " + r0.body());
            if (expected == 201) {
                String id = Http.json(r0).getString("id");
                model.items.put(id, new Item(id, room, folder, "DOCUMENT", name));
            }
            return p.name + " uploads " + name + " into " + folder + " → " + expected;
        }

        int expectedUpload(Person p, String room, String folder) {
            if (!model.roomVisible(p, room)) {
                return 404;
            }
            boolean anywhere = model.level(p, room, null) >= 3 || itemsOf(room, null).stream()
                    .anyMatch(i -> model.level(p, room, i.id()) >= 3);
            if (!anywhere) {
                return 403;
            }
            int held = model.level(p, room, folder);
            if (folder != null && held < 1) {
                return 404;
            }
            return held >= 3 ? 201 : 403;
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
                return "move " + moving.name() + " under its own descendant → 409";
            }
            assertEquals(200, r.statusCode(), r.body());
            model.items.put(moving.id(), new Item(moving.id(), moving.room(), to, moving.kind(), moving.name()));
            return "move " + moving.name() + " to " + to;
        }

        List<String[]> principals() {
            List<String[]> all = new ArrayList<>();
            for (Person p : a.subList(1, a.size())) {
                all.add(new String[] {"USER", p.id(), p.name});
            }
            model.groups.keySet().forEach(g -> all.add(new String[] {"GROUP", g, "group " + g.substring(0, 4)}));
            return all;
        }

        String grant(int r, int principal, int at, int level) {
            String room = roomsOfA().get(r % roomsOfA().size());
            String[] p = principals().get(principal % principals().size());
            List<Item> folders = itemsOf(room, "FOLDER");
            String folder = at % (folders.size() + 1) == 0 ? null : folders.get(at % (folders.size() + 1) - 1).id();
            String permission = LEVELS[level % LEVELS.length];
            model.grants.computeIfAbsent(room, k -> new LinkedHashMap<>())
                    .put(new GrantKey(p[0], p[1], folder), permission);
            putGrants(room);
            return "grant " + permission + " to " + p[2] + " on " + (folder == null ? "room" : folder);
        }

        String revoke(int which) {
            String room = roomsOfA().get(which % roomsOfA().size());
            Map<GrantKey, String> grants = model.grants.getOrDefault(room, new LinkedHashMap<>());
            if (grants.isEmpty()) {
                return "nothing to revoke";
            }
            GrantKey key = new ArrayList<>(grants.keySet()).get(which % grants.size());
            grants.remove(key);
            putGrants(room);
            return "revoke " + key;
        }

        void putGrants(String room) {
            List<String> body = model.grants.get(room).entrySet().stream().map(e -> Api.grant(
                    e.getKey().principalType(), e.getKey().principalId(), e.getKey().folder(), e.getValue()))
                    .toList();
            HttpResponse<String> r = Api.putGrants(a.get(0).token, room, body);
            assertEquals(200, r.statusCode(), r.body());
        }

        String membership(int g, int who, int add) {
            String group = new ArrayList<>(model.groups.keySet()).get(g % model.groups.size());
            Person p = a.get(2 + who % 3);
            Set<String> members = new HashSet<>(model.groups.get(group));
            boolean adding = add % 2 == 0;
            if (adding) {
                members.add(p.id());
            } else {
                members.remove(p.id());
            }
            Person actor = a.get(1); // adminA, whose role a "change role" step may have lowered to MEMBER
            HttpResponse<String> r = Api.members(actor.token, group, members);
            if (!"ADMIN".equals(actor.role) && !"OWNER".equals(actor.role)) {
                assertEquals(403, r.statusCode(), "PERM-11: only OWNER/ADMIN change groups; " + r.body());
                return actor.name + " (" + actor.role + ") may not change group " + group.substring(0, 4);
            }
            assertEquals(200, r.statusCode(), r.body());
            model.groups.put(group, members);
            return (adding ? "add " : "remove ") + p.name + " to/from group " + group.substring(0, 4);
        }

        String role(int who, int role) {
            Person p = a.get(1 + who % 4);
            String next = role % 2 == 0 ? "MEMBER" : "ADMIN";
            HttpResponse<String> r = Api.role(a.get(0).token, p.id(), next);
            assertEquals(200, r.statusCode(), r.body());
            p.role = next;
            return p.name + " becomes " + next;
        }

        /** After every step: every user sees through the API exactly what the model allows. */
        void check() {
            for (Person p : everyone) {
                Set<String> listed = new HashSet<>();
                for (JsonObject room : Http.json(Http.get("/api/v1/datarooms", p.token)).getJsonArray("items")
                        .getValuesAs(JsonObject.class)) {
                    listed.add(room.getString("id"));
                }
                Set<String> expectedRooms = new HashSet<>();
                model.roomTenant.keySet().stream().filter(r -> model.roomVisible(p, r)).forEach(expectedRooms::add);
                assertEquals(expectedRooms, listed.stream().filter(model.roomTenant::containsKey)
                        .collect(java.util.stream.Collectors.toSet()), p.name + " lists rooms");
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
                    assertEquals(model.tree(p, room), shown, p.name + "'s tree of " + room);
                }
                if (p.role.equals("MEMBER")) {
                    for (String room : model.roomTenant.keySet()) {
                        List<Integer> levels = model.items.values().stream().filter(i -> i.room().equals(room))
                                .map(i -> model.level(p, room, i.id())).toList();
                        partial |= levels.contains(0) && levels.stream().anyMatch(l -> l >= 1);
                        forbidden |= model.items.values().stream().anyMatch(i -> i.room().equals(room)
                                && i.kind().equals("DOCUMENT") && model.level(p, room, i.id()) == 1);
                    }
                }
                for (Item item : model.items.values()) {
                    int level = model.level(p, item.room(), item.id());
                    if (item.kind().equals("FOLDER")) {
                        assertEquals(level >= 1 ? 200 : 404, Http.get("/api/v1/folders/" + item.id(), p.token)
                                .statusCode(), p.name + " reads folder " + item.name());
                        continue;
                    }
                    String doc = "/api/v1/documents/" + item.id();
                    assertEquals(level >= 1 ? 200 : 404, Http.get(doc, p.token).statusCode(),
                            p.name + " reads " + item.name());
                    assertEquals(level >= 2 ? 200 : level >= 1 ? 403 : 404,
                            Http.get(doc + "/content", p.token).statusCode(), p.name + " downloads " + item.name());
                    assertEquals(level >= 1 ? 200 : 404, Http.get(doc + "/pages/1", p.token).statusCode(),
                            p.name + " sees page 1 of " + item.name());
                }
            }
        }

        static void flatten(JsonArray nodes, String parent, Map<String, String> into) {
            if (nodes == null) {
                return;
            }
            for (JsonObject n : nodes.getValuesAs(JsonObject.class)) {
                into.put(n.getString("id"), n.getString("myPermission") + "|" + parent + "|" + n.getString("kind"));
                if (!n.isNull("children")) {
                    flatten(n.getJsonArray("children"), n.getString("id"), into);
                }
            }
        }
    }

    static byte[] onePage() {
        try {
            return DocumentsIT.pdf(1, 200, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean same(Object x, Object y) {
        return Objects.equals(x, y);
    }
}
