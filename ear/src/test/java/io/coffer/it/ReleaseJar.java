package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The release as an operator installs it: the runnable jar that {@code mvn -Prelease package} builds
 * ({@code ear/target/coffer.jar}), started with the java options of {@code deploy/coffer.service}'s {@code ExecStart}
 * and the environment of the unit and of {@code deploy/coffer.env} (only {@code COFFER_HOME}, the ports, the public URL
 * and the bootstrap owner changed to the test's), nothing else: no Maven, no source checkout, the embedded database.
 * Its own ports ({@code it.release.http.port}, {@code it.release.db.port}) beside the IT server. Used by the tests
 * that run the release (ReleaseIT, BackupRestoreIT); its output goes to {@code coffer.log} in the test's directory.
 */
final class ReleaseJar {

    /** The release's COFFER_METRICS_TOKEN (OPS-11): its /metrics answers this bearer only. */
    static final String METRICS_TOKEN = "release-metrics-" + java.util.UUID.randomUUID();
    static final Path JAR = Path.of(System.getProperty("it.release.jar", "target/coffer.jar"));
    static final Path REPO = Path.of(System.getProperty("it.repo.root", ".."));
    static final int PORT = Integer.getInteger("it.release.http.port", 9184);
    static final int DB_PORT = Integer.getInteger("it.release.db.port", 54344);
    static final String EMAIL = "owner@release.test";
    static final String PASSWORD = "correct horse battery staple 42";

    final String tenant = "release-" + UUID.randomUUID().toString().substring(0, 6);
    final Path work;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ReleaseJar(Path work) {
        this.work = work;
    }

    /** {@code Key=Value} lines of an environment file or of a unit's {@code Environment=} settings. */
    static Map<String, String> assignments(List<String> lines, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("#") || !l.startsWith(prefix) || !l.contains("=")) {
                continue;
            }
            String kv = l.substring(prefix.length());
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    /** The command and environment the unit would run, with this test's home, ports and jar. */
    ProcessBuilder asTheUnitRunsIt(Path home) throws IOException {
        List<String> unit = Files.readAllLines(REPO.resolve("deploy/coffer.service"));
        String exec = unit.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
                .substring("ExecStart=".length());
        List<String> command = new ArrayList<>();
        for (String word : exec.trim().split("\\s+")) {
            if (word.equals("/usr/bin/java")) {
                command.add(ProcessHandle.current().info().command().orElse("java")); // this JDK 17
            } else if (word.equals("/opt/coffer/coffer.jar")) {
                command.add(JAR.toAbsolutePath().toString());
            } else {
                command.add(word);
            }
        }
        assertTrue(command.contains("-jar"), "the unit starts the jar: " + exec);
        Map<String, String> env = new LinkedHashMap<>();
        assignments(unit, "Environment=").forEach((k, v) -> env.put(k, v.replace("/var/lib/coffer", home.toString())));
        env.putAll(assignments(Files.readAllLines(REPO.resolve("deploy/coffer.env")), ""));
        assertEquals(home.toString(), env.get("COFFER_HOME"), "the unit sets COFFER_HOME");
        env.putAll(settings(home));
        env.put("COFFER_BOOTSTRAP_TENANT", tenant);
        env.put("COFFER_BOOTSTRAP_EMAIL", EMAIL);
        env.put("COFFER_BOOTSTRAP_PASSWORD", PASSWORD);
        env.put("COFFER_METRICS_TOKEN", METRICS_TOKEN);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("coffer.log").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("COFFER_") || k.startsWith("WLP_"));
        pb.environment().putAll(env);
        return pb;
    }

    /** The settings in which this test's release differs from deploy/coffer.env: its home, ports and URL. */
    static Map<String, String> settings(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COFFER_HOME", home.toString());
        env.put("COFFER_HTTP_PORT", Integer.toString(PORT));
        env.put("COFFER_PUBLIC_URL", "http://127.0.0.1:" + PORT);
        env.put("COFFER_EMBEDDED_DB_PORT", Integer.toString(DB_PORT));
        return env;
    }

    /** Starts the release on {@code home} and waits until it is ready. */
    Process start(Path home) throws Exception {
        Process coffer = asTheUnitRunsIt(home).start();
        try {
            awaitReady(coffer);
        } catch (Throwable e) {
            if (coffer.isAlive()) {
                coffer.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
            throw e;
        }
        return coffer;
    }

    HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder r) throws Exception {
        return http.send(r.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path));
    }

    static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    void awaitReady(Process coffer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            assertTrue(coffer.isAlive(), "the release stopped during start-up: " + log());
            try {
                HttpResponse<String> r = send(at("/health/ready"));
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within 300 s: " + log());
    }

    /**
     * For failure messages: the lines saying why Coffer stopped or failed (its {@code Coffer cannot start} line,
     * Liberty's errors), which a long stop sequence pushes out of the end, then the end of the release's output.
     */
    String log() {
        try {
            String all = Files.readString(work.resolve("coffer.log"));
            String reasons = all.lines().filter(l -> l.contains("Coffer cannot start") || l.contains(" E ")
                    || l.contains("\"loglevel\":\"SEVERE\"")).limit(10).collect(java.util.stream.Collectors.joining("\n"));
            String end = all.length() > 4000 ? all.substring(all.length() - 4000) : all;
            return (reasons.isEmpty() ? "" : "first errors:\n" + reasons + "\n...\n") + end;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The bootstrap owner's access token. */
    String login() throws Exception {
        HttpResponse<String> r = send(at("/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\": \"" + tenant + "\", \"email\": \"" + EMAIL
                        + "\", \"password\": \"" + PASSWORD + "\"}")));
        assertEquals(200, r.statusCode(), r.body());
        return json(r).getString("accessToken");
    }

    /** Stops it as systemd does (SIGTERM) and waits; the exit code systemd counts as success (0 or 143). */
    void stopGracefully(Process coffer) throws Exception {
        coffer.destroy();
        assertTrue(coffer.waitFor(90, TimeUnit.SECONDS), "stopped within the unit's TimeoutStopSec: " + log());
        int code = coffer.exitValue();
        assertTrue(code == 0 || code == 143, "exit " + code + " (SuccessExitStatus): " + log());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listening(DB_PORT)) {
            assertTrue(System.nanoTime() < deadline, "the embedded database stopped with Coffer");
            Thread.sleep(200);
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
