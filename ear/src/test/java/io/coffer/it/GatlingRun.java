package io.coffer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one Gatling simulation (Java DSL) inside the test's JVM, against the IT server the build started, and reads
 * back what its report computed: per request name the count, errors, p50/p95/p99 and throughput (issue 14). The
 * simulations read their parameters from system properties {@code bench.g.*}, set here before the run; Gatling's own
 * settings ({@code gatling.conf} among the test resources: no warm-up call to the internet, no usage analytics) stay
 * on loopback. Reports land in {@code target/gatling/<simulation>-<time>/} (index.html is Gatling's report).
 */
final class GatlingRun {
    static final Path RESULTS = Path.of("target", "gatling");

    /** One request name's figures, as Gatling's report computed them (times in ms). */
    record Stats(String name, long total, long ko, double perSecond, double p50, double p95, double p99,
                 double max) {
        String line() {
            return String.format(Locale.ROOT, "%-22s %7.1f ok/s  p50 %7.0f ms  p95 %7.0f ms  p99 %7.0f ms  max %7.0f ms"
                    + "  requests %d, errors %d", name, perSecond, p50, p95, p99, max, total, ko);
        }
    }

    private GatlingRun() {
    }

    /** Runs {@code simulation} with these {@code bench.g.*} properties; its stats by request name, in report order. */
    static List<Stats> run(Class<?> simulation, Map<String, String> properties) throws IOException {
        Files.createDirectories(RESULTS);
        properties.forEach(System::setProperty);
        // never reach out: Gatling's default warm-up URL is on the internet, and it reports usage by default
        System.setProperty("gatling.http.warmUpUrl", "");
        System.setProperty("gatling.data.enableAnalytics", "false");
        List<Path> before = runs();
        int code;
        try {
            code = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", RESULTS.toAbsolutePath().toString()});
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
        List<Path> after = runs();
        after.removeAll(before);
        if (after.isEmpty()) {
            throw new AssertionError("Gatling (exit " + code + ") wrote no report under " + RESULTS.toAbsolutePath());
        }
        Path run = after.get(after.size() - 1);
        List<Stats> stats = read(run, Double.parseDouble(properties.getOrDefault("bench.g.seconds", "1")));
        if (code != 0) {
            throw new AssertionError("Gatling exited with " + code + " (report " + run.toAbsolutePath() + "): "
                    + stats.stream().map(Stats::line).toList());
        }
        return stats;
    }

    private static List<Path> runs() throws IOException {
        try (Stream<Path> s = Files.list(RESULTS)) {
            return new ArrayList<>(s.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(p -> p.toFile().lastModified())).toList());
        }
    }

    /**
     * The statistics table of the report's {@code index.html} (Gatling 3.15 writes no stats.json): one row per request
     * name, columns total, OK, KO, % KO, count/s, min, p50, p75, p95, p99, max, mean, standard deviation (ms), over
     * every answer of that name (OK and KO alike). Throughput is counted here as OK answers per second of the
     * request's own phase ({@code phaseSeconds}): Gatling's count/s divides by the whole run's length.
     */
    static List<Stats> read(Path run, double phaseSeconds) throws IOException {
        Path html = run.resolve("index.html");
        if (!Files.exists(html)) {
            throw new AssertionError("no " + html + ": did Gatling generate its report?");
        }
        String text = Files.readString(html);
        Matcher row = ROW.matcher(text);
        List<Stats> out = new ArrayList<>();
        while (row.find()) {
            String body = row.group(2);
            Matcher name = NAME.matcher(body);
            if (!name.find()) {
                continue;
            }
            double[] col = new double[15];
            Matcher cell = CELL.matcher(body);
            while (cell.find()) {
                col[Integer.parseInt(cell.group(1))] = value(cell.group(2));
            }
            out.add(new Stats(unescape(name.group(1)), (long) col[2], (long) col[4], col[3] / phaseSeconds, col[8],
                    col[10], col[11], col[12]));
        }
        if (out.isEmpty()) {
            throw new AssertionError("no request rows in " + html + " (has Gatling's report changed?)");
        }
        return out;
    }

    private static final Pattern ROW = Pattern.compile("<tr id=\"(req_[^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    private static double value(String cell) {
        try {
            return Double.parseDouble(cell.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN; // "-": nothing of that kind
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'");
    }

    /** The stats of {@code name}, or a failure that lists what the report holds. */
    static Stats of(List<Stats> stats, String name) {
        return stats.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no request '" + name + "' in " + stats));
    }

    static String property(String name) {
        String v = System.getProperty("bench.g." + name);
        if (v == null) {
            throw new IllegalStateException("bench.g." + name + " not set: run the simulation through GatlingRun");
        }
        return v;
    }
}
