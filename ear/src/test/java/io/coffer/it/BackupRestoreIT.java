package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Backup and restore as an operator runs them (docs/features/release.md OPS-30..OPS-33, docs/strategy/operations.md
 * "Backup and restore"): the release jar ({@link ReleaseJar}) serves on a fresh home; it is seeded through the API;
 * {@code deploy/backup} runs while a client keeps uploading; then Coffer stops, and {@code deploy/restore} brings the
 * backup into a new home, on which the release starts again. What is compared is content: every table's rows counted
 * as the database superuser (beyond row-level security), every document's bytes by SHA-256, the share link's answer,
 * the owner's login (the restored master key opens the restored signing keys).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIT {

    static final String PASSPHRASE = "backup passphrase of the test, not a secret";
    /** Tables the concurrent uploads do not write: restored exactly as they were. */
    static final List<String> STILL = List.of("tenants", "users", "datarooms", "share_links", "user_groups", "grants",
            "signing_keys", "webhooks");
    /** Tables each upload adds a row to: restored somewhere between their counts at the backup's start and end. */
    static final List<String> GROWING = List.of("items", "document_versions");

    /** Static: JUnit fills a per-class instance's field only after {@code @BeforeAll}. */
    @TempDir
    static Path work;

    ReleaseJar release;
    Path home;
    Path backup;
    Path envKeyBackup;
    Path passphraseFile;
    String room;
    String linkToken;
    String linkAnswer;
    final Map<String, String> sealedBeforeBackup = new LinkedHashMap<>();
    /** Uploads answered 201 while the backup ran: id → SHA-256. The backup may hold them or not. */
    final Map<String, String> uploadedDuringBackup = new ConcurrentHashMap<>();
    Map<String, Long> countsAtStart;
    Map<String, Long> countsAtEnd;
    String backupOutput;

    @BeforeAll
    void aBackupTakenWhileCofferServesAndUploadsGoOn() throws Exception {
        assertTrue(Files.isRegularFile(ReleaseJar.JAR), "the build made " + ReleaseJar.JAR + " (profile release)");
        assertFalse(ReleaseJar.listening(ReleaseJar.PORT) || ReleaseJar.listening(ReleaseJar.DB_PORT),
                "the release test's ports are free");
        release = new ReleaseJar(work);
        home = Files.createDirectories(work.resolve("var-lib-coffer"));
        passphraseFile = work.resolve("backup.pass");
        Files.writeString(passphraseFile, PASSPHRASE);
        backup = work.resolve("backups/one");

        Process coffer = release.start(home);
        try {
            String token = release.login();
            room = ReleaseJar.json(post(token, "/api/v1/datarooms", "{\"name\": \"Backed-up room\"}")).getString("id");
            post(token, "/api/v1/datarooms", "{\"name\": \"Second room\"}");
            Random random = new Random(16);
            for (int i = 0; i < 6; i++) {
                byte[] bytes = new byte[64 * 1024 + random.nextInt(900 * 1024)];
                random.nextBytes(bytes);
                sealedBeforeBackup.put(upload(token, "before-" + i + ".bin", bytes), sha256(bytes));
            }
            String first = sealedBeforeBackup.keySet().iterator().next();
            linkToken = ReleaseJar.json(post(token, "/api/v1/share-links",
                    "{\"target\": {\"type\": \"DOCUMENT\", \"id\": \"" + first + "\"}}")).getString("token");
            HttpResponse<String> open = release.send(release.at("/api/v1/public/links/" + linkToken));
            assertEquals(200, open.statusCode(), open.body());
            linkAnswer = open.body();
            post(token, "/api/v1/groups", "{\"name\": \"Advisers\"}");

            countsAtStart = counts(home);
            AtomicBoolean backingUp = new AtomicBoolean(true);
            List<Throwable> uploadFailures = new ArrayList<>();
            Thread uploader = new Thread(() -> {
                Random r = new Random(17);
                int n = 0;
                while (backingUp.get()) {
                    byte[] bytes = new byte[32 * 1024 + r.nextInt(256 * 1024)];
                    r.nextBytes(bytes);
                    try {
                        uploadedDuringBackup.put(upload(token, "during-" + n++ + ".bin", bytes), sha256(bytes));
                    } catch (Throwable e) {
                        uploadFailures.add(e);
                        return;
                    }
                }
            }, "uploads during the backup");
            uploader.start();
            Script run;
            try {
                run = script("backup", backup.toString(), Map.of());
            } finally {
                backingUp.set(false);
                uploader.join(TimeUnit.SECONDS.toMillis(60));
            }
            backupOutput = run.output;
            assertEquals(0, run.exit, "deploy/backup succeeded while Coffer served: " + run.output);
            assertEquals(List.of(), uploadFailures, "Coffer kept answering uploads during the backup");
            assertFalse(uploadedDuringBackup.isEmpty(), "uploads were answered while the backup ran");
            countsAtEnd = counts(home);
            // OPS-33: the same, as taken where the master key comes from the environment
            envKeyBackup = work.resolve("backups/env-key");
            run = script("backup", envKeyBackup.toString(), Map.of("COFFER_KEY_ENCRYPTION_KEY",
                    java.util.Base64.getEncoder().encodeToString(new byte[32])));
            assertEquals(0, run.exit, "deploy/backup with the key in the environment: " + run.output);
        } finally {
            if (coffer.isAlive()) {
                release.stopGracefully(coffer);
            }
        }
    }

    @AfterAll
    void noReleaseLeftRunning() {
        assertFalse(ReleaseJar.listening(ReleaseJar.PORT), "no release left serving on the test's port");
    }

    @Test
    void ops30_ops31_ops32_theRestoredHomeServesEveryRowAndEveryDocumentsBytesTheBackupHeld() throws Exception {
        // OPS-30: the embedded database was copied physically, with its WAL, and the backup is described
        String manifest = Files.readString(backup.resolve("MANIFEST"));
        assertTrue(manifest.contains("coffer-backup: 1") && manifest.contains("database: embedded"), manifest);
        assertTrue(Files.isRegularFile(backup.resolve("db/base.tar.gz")), "pg_basebackup's base: " + backupOutput);
        assertTrue(Files.isRegularFile(backup.resolve("db/pg_wal.tar.gz")), "the WAL streamed with it");
        assertTrue(Files.isRegularFile(backup.resolve("blobs.tar")) && Files.isRegularFile(backup.resolve("keys.tar.gpg")),
                "blobs and sealed keys: " + listing(backup));

        Path restored = Files.createDirectories(work.resolve("restored-home"));
        Script run = script("restore", backup.toString(), Map.of("COFFER_HOME", restored.toString()));
        assertEquals(0, run.exit, "deploy/restore: " + run.output);
        for (String part : List.of("db", "blobs", "keys")) {
            assertTrue(Files.isDirectory(restored.resolve(part)), part + " restored: " + listing(restored));
        }

        Process coffer = release.start(restored);
        try {
            Map<String, Long> counts = counts(restored);
            for (String table : STILL) {
                assertEquals(countsAtStart.get(table), counts.get(table), table + ": the rows the backup held");
                assertEquals(countsAtEnd.get(table), counts.get(table), table + ": the rows the backup held");
            }
            for (String table : GROWING) {
                assertTrue(counts.get(table) >= countsAtStart.get(table) && counts.get(table) <= countsAtEnd.get(table),
                        table + ": " + counts.get(table) + " rows, between " + countsAtStart.get(table) + " at the"
                                + " backup's start and " + countsAtEnd.get(table) + " at its end");
            }

            // the restored master key opens the restored signing keys: the owner logs in with the old password
            String token = release.login();
            // OPS-32: every document of before the backup, byte for byte
            for (Map.Entry<String, String> doc : sealedBeforeBackup.entrySet()) {
                HttpResponse<byte[]> content = download(token, doc.getKey());
                assertEquals(200, content.statusCode(), "document " + doc.getKey() + " restored");
                assertEquals(doc.getValue(), sha256(content.body()), "document " + doc.getKey() + ": its bytes");
            }
            // OPS-31: an upload of during the backup is either wholly in it (row and bytes) or not at all; every
            // document the restored database names has its bytes
            int during = 0;
            for (Map.Entry<String, String> doc : uploadedDuringBackup.entrySet()) {
                HttpResponse<byte[]> content = download(token, doc.getKey());
                if (content.statusCode() == 200) {
                    during++;
                    assertEquals(doc.getValue(), sha256(content.body()), "document " + doc.getKey() + ": its bytes");
                } else {
                    assertEquals(404, content.statusCode(), "document " + doc.getKey() + " absent, not broken");
                }
            }
            assertEquals(sealedBeforeBackup.size() + during, counts.get("document_versions"),
                    "every version the restored database holds was downloaded whole");

            HttpResponse<String> open = release.send(release.at("/api/v1/public/links/" + linkToken));
            assertEquals(200, open.statusCode(), open.body());
            assertEquals(linkAnswer, open.body(), "the share link answers as before the backup");
        } finally {
            if (coffer.isAlive()) {
                release.stopGracefully(coffer);
            }
        }
    }

    @Test
    void ops32_aDamagedBackupOrAWrongPassphraseOrAHomeInUseRestoresNothing() throws Exception {
        // a damaged copy: one byte of the blobs changed
        Path damaged = work.resolve("backups/damaged");
        copy(backup, damaged);
        byte[] blobs = Files.readAllBytes(damaged.resolve("blobs.tar"));
        blobs[blobs.length / 2] ^= 0x01;
        Files.write(damaged.resolve("blobs.tar"), blobs);
        Path target = Files.createDirectories(work.resolve("home-for-damaged"));
        Script run = script("restore", damaged.toString(), Map.of("COFFER_HOME", target.toString()));
        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("SHA256SUMS"), "says why: " + run.output);
        assertEquals(List.of(), listing(target), "nothing written into COFFER_HOME");

        // the right backup, a wrong passphrase: the keys are opened before anything is written
        Path wrongPass = work.resolve("wrong.pass");
        Files.writeString(wrongPass, "not the passphrase");
        run = script("restore", backup.toString(), Map.of("COFFER_HOME", target.toString(),
                "COFFER_BACKUP_PASSPHRASE_FILE", wrongPass.toString()));
        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("wrong COFFER_BACKUP_PASSPHRASE"), "says why: " + run.output);
        assertEquals(List.of(), listing(target), "nothing written into COFFER_HOME");

        // a home that has a database: refused, and its database untouched
        Path inUse = Files.createDirectories(work.resolve("home-in-use/db"));
        Files.writeString(inUse.resolve("marker"), "the old database");
        run = script("restore", backup.toString(), Map.of("COFFER_HOME", inUse.getParent().toString()));
        assertNotEquals(0, run.exit, run.output);
        assertEquals(List.of("db", "db/marker"), listing(inUse.getParent()), "the home left as it was");
        assertEquals("the old database", Files.readString(inUse.resolve("marker")));
    }

    @Test
    void ops30_ops33_aBackupWithoutPassphraseOrThatFailsHalfwayLeavesNothing() throws Exception {
        // OPS-33: no passphrase, no backup (the key material would be lost with it)
        Path refused = work.resolve("backups/refused");
        Script run = script("backup", refused.toString(), Map.of("COFFER_BACKUP_PASSPHRASE_FILE", ""));
        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("COFFER_BACKUP_PASSPHRASE"), "names the variable: " + run.output);
        assertFalse(Files.exists(refused), "nothing written: " + run.output);

        // OPS-30: Coffer is stopped here, so the database copy fails after the blobs were pinned: nothing is kept,
        // and no pin is left in the blob store
        Path failed = work.resolve("backups/failed");
        run = script("backup", failed.toString(), Map.of());
        assertNotEquals(0, run.exit, run.output);
        assertFalse(Files.exists(failed), "a failed backup leaves nothing in its destination: " + run.output);
        try (Stream<Path> blobs = Files.list(home.resolve("blobs"))) {
            assertEquals(List.of(), blobs.filter(p -> p.getFileName().toString().startsWith(".backup-pin")).toList(),
                    "no pin left behind");
        }
    }

    @Test
    void ops33_aBackupTakenWithTheMasterKeyInTheEnvironmentSaysSoAndDoesNotRestoreWithoutIt() throws Exception {
        assertTrue(Files.readString(backup.resolve("MANIFEST")).contains("master key: COFFER_HOME/keys/master.key"),
                "a home's own master key travels in keys.tar.gpg: " + Files.readString(backup.resolve("MANIFEST")));
        String manifest = Files.readString(envKeyBackup.resolve("MANIFEST"));
        assertTrue(manifest.contains("master key: COFFER_KEY_ENCRYPTION_KEY") && manifest.contains("NOT in this backup"),
                "the manifest says the key is not inside: " + manifest);
        Path target = Files.createDirectories(work.resolve("home-for-env-key"));
        Script run = script("restore", envKeyBackup.toString(), Map.of("COFFER_HOME", target.toString()));
        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("COFFER_KEY_ENCRYPTION_KEY"), "names the variable: " + run.output);
        assertEquals(List.of(), listing(target), "nothing written into COFFER_HOME");
    }

    // --- helpers

    record Script(int exit, String output) {
    }

    /** Runs deploy/{@code name} as an operator would: Coffer's settings in the environment, no /etc/coffer file. */
    Script script(String name, String argument, Map<String, String> overrides) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", ReleaseJar.REPO.resolve("deploy/" + name).toString(), argument)
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("COFFER_"));
        pb.environment().putAll(ReleaseJar.settings(home));
        pb.environment().put("COFFER_ENV_FILE", work.resolve("no-coffer.env").toString());
        pb.environment().put("COFFER_BACKUP_PASSPHRASE_FILE", passphraseFile.toString());
        pb.environment().putAll(overrides);
        pb.environment().values().removeIf(String::isEmpty);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), name + " ended");
        return new Script(p.exitValue(), output);
    }

    /** Rows of every table named above, counted as the embedded database's superuser (no row-level security). */
    Map<String, Long> counts(Path ofHome) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + ReleaseJar.DB_PORT + "/coffer");
        ds.setUser("postgres");
        ds.setPassword(Files.readString(ofHome.resolve("db/superuser.secret")).strip());
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : Stream.concat(STILL.stream(), GROWING.stream()).toList()) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        assertTrue(counts.get("tenants") >= 1 && counts.get("signing_keys") >= 1, "seeded: " + counts);
        return counts;
    }

    HttpResponse<String> post(String token, String path, String json) throws Exception {
        HttpResponse<String> r = release.send(release.at(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(201, r.statusCode(), path + ": " + r.body());
        return r;
    }

    String upload(String token, String name, byte[] bytes) throws Exception {
        HttpResponse<String> r = release.send(release.at("/api/v1/datarooms/" + room + "/documents?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, r.statusCode(), name + ": " + r.body());
        return ReleaseJar.json(r).getString("id");
    }

    HttpResponse<byte[]> download(String token, String document) throws Exception {
        return release.sendForBytes(release.at("/api/v1/documents/" + document + "/content")
                .header("Authorization", "Bearer " + token));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Every path under {@code dir}, relative, sorted. */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
