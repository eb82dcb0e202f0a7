package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The request floor and watermarked paging, measured with {@code wrk} (Debian's) next to Liberty serving the web
 * module's static {@code /} in the same run (issue 14's goal table; docs/benchmarks.md). Heavy profile only:
 * <pre>
 * mvn -B -ntp -Pheavy -pl ear -am verify -Dit.test=FloorBenchIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.seconds=20
 * </pre>
 * Scenarios, each {@code wrk -t2 -c100 --latency}: static {@code /}; {@code GET /api/v1/me} with a bearer token;
 * 100 visitors of an email + watermark link on a page each has seen; the same 100 visitors on pages none of them has
 * seen (every request draws and encodes a watermark). Each prints throughput, p50/p99 and non-2xx answers.
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class FloorBenchIT {

    static final int VISITORS = 100;
    static final int PAGES = 50;
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final Path WORK = Path.of("target", "floor-bench");

    @Test
    void benchmark() throws Exception {
        Files.createDirectories(WORK);
        UUID tenant = ItDatabase.tenant("floor");
        String s = UUID.randomUUID().toString().substring(0, 6);
        String owner = Tokens.login(ItDatabase.user(tenant, "o-" + s + "@floor.test", "OWNER"));
        String room = DataRoomsIT.createRoom(owner, "Floor").getString("id");
        HttpResponse<String> up = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=fifty.pdf")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(PAGES, 612, 792))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\": "
                + "\"DOCUMENT\", \"id\": \"" + doc + "\"}, \"requireEmail\": true, \"watermark\": {\"enabled\": true}}");
        assertEquals(201, created.statusCode(), created.body());
        String base = "/api/v1/public/links/" + Http.json(created).getString("token");

        Http.clientAddress = "127.0.0.1"; // as wrk comes: the same watermark text, so pages seen stay seen
        List<String> visitors = new ArrayList<>();
        try {
            for (int i = 0; i < VISITORS; i++) {
                HttpResponse<String> r = Http.postJson(base + "/sessions", null,
                        "{\"email\": \"v" + i + "@floor.test\"}");
                assertEquals(201, r.statusCode(), r.body());
                visitors.add(Http.json(r).getString("visitorToken"));
            }
            for (String v : visitors) { // page 1 seen by every visitor
                assertEquals(200, status(base + "/documents/" + doc + "/pages/1", v));
            }
        } finally {
            Http.clientAddress = null;
        }
        Files.write(WORK.resolve("visitors.txt"), visitors);
        // what a manual wrk run against a restarted server needs (target/floor-bench: never committed)
        Files.writeString(WORK.resolve("owner.txt"), owner);
        Files.writeString(WORK.resolve("pages-path.txt"), base + "/documents/" + doc + "/pages/");
        Files.writeString(WORK.resolve("pages.lua"), LUA);

        String host = Http.BASE.replace("localhost", "127.0.0.1");
        List<String> lines = new ArrayList<>();
        lines.add(run("static /", List.of(host + "/")));
        lines.add(run("GET /api/v1/me", List.of("-H", "Authorization: Bearer " + owner, host + "/api/v1/me")));
        lines.add(run("pages seen", List.of("-s", WORK.resolve("pages.lua").toString(), host + base
                + "/documents/" + doc + "/pages/"), "seen"));
        lines.add(run("static /", List.of(host + "/")));
        lines.add(run("pages new", List.of("-s", WORK.resolve("pages.lua").toString(), host + base
                + "/documents/" + doc + "/pages/"), "new"));
        for (String l : lines) {
            System.out.println("BENCH " + l);
        }
    }

    static int status(String path, String visitor) throws Exception {
        return Http.CLIENT.send(Http.request(path).header("X-Visitor-Token", visitor).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One wrk run; its throughput, p50/p99 and errors in one line. */
    static String run(String name, List<String> target, String... luaArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c100", "-d" + SECONDS + "s", "--latency",
                "--timeout", "10s"));
        cmd.addAll(target);
        if (luaArgs.length > 0) {
            cmd.add("--");
            cmd.add(WORK.resolve("visitors.txt").toString());
            cmd.addAll(List.of(luaArgs));
            cmd.add(Integer.toString(PAGES));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        Files.writeString(WORK.resolve(name.replaceAll("[^a-z]+", "-") + ".txt"), out);
        double rate = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)"));
        String p50 = find(out, "\\n\\s+50%\\s+(\\S+)");
        String p99 = find(out, "\\n\\s+99%\\s+(\\S+)");
        String non2xx = out.contains("Non-2xx") ? find(out, "Non-2xx or 3xx responses: (\\d+)") : "0";
        String errors = out.contains("Socket errors") ? find(out, "(Socket errors: [^\\n]+)") : "no socket errors";
        assertTrue(rate > 0, out);
        return String.format("%-16s %9.0f req/s  p50 %8s  p99 %8s  non-2xx %s, %s", name, rate, p50, p99, non2xx,
                errors);
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in:\n" + text);
        }
        return m.group(1);
    }

    /**
     * wrk script: args = visitors file, "seen" or "new", page count. Seen: visitor i on page 1 (drawn for each in the
     * set-up). New: each thread walks its own share of (visitor, page 2..n) pairs, so no pair is asked twice until all
     * are used.
     */
    static final String LUA = """
            local counter = 0
            function setup(thread)
              thread:set("id", counter)
              counter = counter + 1
            end
            function init(args)
              tokens = {}
              for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
              mode = args[2]
              pages = tonumber(args[3])
              n = 0
            end
            function request()
              local v, page
              if mode == "seen" then
                v = (n * 2 + id) % #tokens
                page = 1
              else
                local k = n * 2 + id
                v = k % #tokens
                page = 2 + math.floor(k / #tokens) % (pages - 1)
              end
              n = n + 1
              return wrk.format("GET", wrk.path .. page, {["X-Visitor-Token"] = tokens[v + 1]})
            end
            """;
}
