package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as an operator installs it (docs/features/release.md, OPS-1..OPS-3): the runnable jar that
 * {@code mvn -Prelease package} builds ({@code ear/target/coffer.jar}), started with the java options of
 * {@code deploy/coffer.service}'s {@code ExecStart} and the environment of the unit and of {@code deploy/coffer.env}
 * (only {@code COFFER_HOME}, the ports and the public URL changed to this test's), nothing else: no Maven, no source
 * checkout, the embedded database. Its own ports ({@code it.release.http.port}, {@code it.release.db.port}) beside
 * the IT server.
 */
class ReleaseIT {

    static final Path JAR = Path.of(System.getProperty("it.release.jar", "target/coffer.jar"));
    static final Path REPO = Path.of(System.getProperty("it.repo.root", ".."));
    static final int PORT = Integer.getInteger("it.release.http.port", 9184);
    static final int DB_PORT = Integer.getInteger("it.release.db.port", 54344);
    static final String TENANT = "release-" + UUID.randomUUID().toString().substring(0, 6);
    static final String EMAIL = "owner@release.test";
    static final String PASSWORD = "correct horse battery staple 42";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

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
        env.put("COFFER_HTTP_PORT", Integer.toString(PORT));
        env.put("COFFER_PUBLIC_URL", "http://127.0.0.1:" + PORT);
        env.put("COFFER_EMBEDDED_DB_PORT", Integer.toString(DB_PORT));
        env.put("COFFER_BOOTSTRAP_TENANT", TENANT);
        env.put("COFFER_BOOTSTRAP_EMAIL", EMAIL);
        env.put("COFFER_BOOTSTRAP_PASSWORD", PASSWORD);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("coffer.log").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("COFFER_") || k.startsWith("WLP_"));
        pb.environment().putAll(env);
        return pb;
    }

    HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
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

    String log() {
        try {
            String all = Files.readString(work.resolve("coffer.log"));
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String login() throws Exception {
        HttpResponse<String> r = send(at("/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\": \"" + TENANT + "\", \"email\": \"" + EMAIL
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

    @Test
    void ops1_ops2_ops3_theReleaseJarRunsAsTheUnitSays_servesTheAppAndKeepsItsDataAcrossAGracefulRestart()
            throws Exception {
        assertTrue(Files.isRegularFile(JAR), "the build made " + JAR + " (profile release)");
        assertFalse(listening(PORT) || listening(DB_PORT), "the release test's ports are free");
        Path home = Files.createDirectories(work.resolve("var-lib-coffer"));
        // OPS-2: nothing of the build machine or of the test profile inside the artifact
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(JAR.toFile())) {
            java.util.zip.ZipEntry entry = jar.getEntry("wlp/usr/servers/cofferRelease/server.env");
            assertTrue(entry != null, "the release server's server.env is in the jar");
            String env = new String(jar.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : env.split("\n")) {
                assertTrue(line.isBlank() || line.startsWith("#") || line.startsWith("keystore_password="),
                        "only Liberty's keystore password is built in, not: " + line);
            }
            assertFalse(env.contains(System.getProperty("user.dir")), "no directory of the build machine");
        }

        Process coffer = asTheUnitRunsIt(home).start();
        String room;
        try {
            awaitReady(coffer);
            // OPS-2: the embedded database and the unpacked runtime live under COFFER_HOME, nothing in the jar's
            // directory or the working directory's parent
            assertTrue(Files.isDirectory(home.resolve("db")), "the embedded database is under COFFER_HOME");
            assertTrue(Files.isDirectory(home.resolve("runtime")), "the runtime is unpacked under WLP_JAR_EXTRACT_ROOT");
            assertTrue(Files.isDirectory(home.resolve("keys")), "the key material is under COFFER_HOME");

            HttpResponse<String> app = send(at("/"));
            assertEquals(200, app.statusCode());
            assertTrue(app.body().contains("<div id=\"root\"") || app.body().contains("id=\"root\""),
                    "the web app is in the release: " + app.body());
            assertEquals(200, send(at("/openapi")).statusCode(), "the API description is served");

            String token = login(); // OPS-1: configured only by COFFER_* (the bootstrap owner)
            room = "Release room " + UUID.randomUUID().toString().substring(0, 6);
            HttpResponse<String> created = send(at("/api/v1/datarooms").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + room + "\"}")));
            assertEquals(201, created.statusCode(), created.body());
        } finally {
            if (coffer.isAlive()) {
                stopGracefully(coffer);
            }
        }
        Path messages = home.resolve("logs/messages.log");
        assertTrue(Files.isRegularFile(messages), "Liberty's log kept under LOG_DIR across the stop");
        assertTrue(Files.readString(messages).contains("CWWKE0036I"), "Liberty reported a clean stop: " + log());

        // OPS-3: started again on the same COFFER_HOME, it has what it had
        Process again = asTheUnitRunsIt(home).start();
        try {
            awaitReady(again);
            String token = login();
            HttpResponse<String> rooms = send(at("/api/v1/datarooms").header("Authorization", "Bearer " + token));
            assertEquals(200, rooms.statusCode(), rooms.body());
            assertTrue(rooms.body().contains(room), "the room made before the restart is there: " + rooms.body());
        } finally {
            if (again.isAlive()) {
                stopGracefully(again);
            }
        }
    }
}
