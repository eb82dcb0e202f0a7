package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
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

    @TempDir
    Path work;

    @Test
    void ops1_ops2_ops3_theReleaseJarRunsAsTheUnitSays_servesTheAppAndKeepsItsDataAcrossAGracefulRestart()
            throws Exception {
        assertTrue(Files.isRegularFile(ReleaseJar.JAR), "the build made " + ReleaseJar.JAR + " (profile release)");
        assertFalse(ReleaseJar.listening(ReleaseJar.PORT) || ReleaseJar.listening(ReleaseJar.DB_PORT), "the release test's ports are free");
        ReleaseJar release = new ReleaseJar(work);
        Path home = Files.createDirectories(work.resolve("var-lib-coffer"));
        // OPS-2: nothing of the build machine or of the test profile inside the artifact
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(ReleaseJar.JAR.toFile())) {
            java.util.zip.ZipEntry entry = jar.getEntry("wlp/usr/servers/cofferRelease/server.env");
            assertTrue(entry != null, "the release server's server.env is in the jar");
            String env = new String(jar.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : env.split("\n")) {
                assertTrue(line.isBlank() || line.startsWith("#") || line.startsWith("keystore_password="),
                        "only Liberty's keystore password is built in, not: " + line);
            }
            assertFalse(env.contains(System.getProperty("user.dir")), "no directory of the build machine");
        }

        Process coffer = release.asTheUnitRunsIt(home).start();
        String room;
        try {
            release.awaitReady(coffer);
            // OPS-2: the embedded database and the unpacked runtime live under COFFER_HOME, nothing in the jar's
            // directory or the working directory's parent
            assertTrue(Files.isDirectory(home.resolve("db")), "the embedded database is under COFFER_HOME");
            assertTrue(Files.isDirectory(home.resolve("runtime")), "the runtime is unpacked under WLP_JAR_EXTRACT_ROOT");
            assertTrue(Files.isDirectory(home.resolve("keys")), "the key material is under COFFER_HOME");

            HttpResponse<String> app = release.send(release.at("/"));
            assertEquals(200, app.statusCode());
            assertTrue(app.body().contains("<div id=\"root\"") || app.body().contains("id=\"root\""),
                    "the web app is in the release: " + app.body());
            assertEquals(200, release.send(release.at("/openapi")).statusCode(), "the API description is served");
            // OPS-11: the /metrics gate is in the artifact (a server library beside the EAR)
            assertEquals(401, release.send(release.at("/metrics")).statusCode(), "closed without the token");
            HttpResponse<String> scrape = release.send(release.at("/metrics")
                    .header("Authorization", "Bearer " + ReleaseJar.METRICS_TOKEN));
            assertEquals(200, scrape.statusCode(), "open to COFFER_METRICS_TOKEN: " + scrape.body());
            assertTrue(scrape.body().contains("jvm_uptime_seconds"), scrape.body());

            String token = release.login(); // OPS-1: configured only by COFFER_* (the bootstrap owner)
            room = "Release room " + UUID.randomUUID().toString().substring(0, 6);
            HttpResponse<String> created = release.send(release.at("/api/v1/datarooms")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + room + "\"}")));
            assertEquals(201, created.statusCode(), created.body());
        } finally {
            if (coffer.isAlive()) {
                release.stopGracefully(coffer);
            }
        }
        Path messages = home.resolve("logs/messages.log");
        assertTrue(Files.isRegularFile(messages), "Liberty's log kept under LOG_DIR across the stop");
        assertTrue(Files.readString(messages).contains("CWWKE0036I"), "Liberty reported a clean stop: " + release.log());

        // OPS-3: started again on the same COFFER_HOME, it has what it had
        Process again = release.asTheUnitRunsIt(home).start();
        try {
            release.awaitReady(again);
            String token = release.login();
            HttpResponse<String> rooms = release.send(release.at("/api/v1/datarooms")
                    .header("Authorization", "Bearer " + token));
            assertEquals(200, rooms.statusCode(), rooms.body());
            assertTrue(rooms.body().contains(room), "the room made before the restart is there: " + rooms.body());
        } finally {
            if (again.isAlive()) {
                release.stopGracefully(again);
            }
        }
    }
}
