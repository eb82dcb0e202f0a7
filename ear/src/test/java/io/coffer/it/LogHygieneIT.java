package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * FD-22: refused requests neither leak nor flood the server's logs. Forged and expired bearer tokens, random share-link
 * tokens and wrong passwords (login and link) leave no token, password or code in any log line (a token signed by a
 * foreign key, which is no credential, only in trace.log, where Liberty's hidden CWWKS5523E/CWWKS5524E go), no ERROR or
 * WARNING line in messages.log or console.log, and no FFDC incident file. Reads every file of the cofferIT server's {@code logs/} (messages, trace, console)
 * and {@code logs/ffdc/} ({@code it.server.dir}) from where they stood when the test began.
 */
class LogHygieneIT {

    private static final Path SERVER = Path.of(System.getProperty("it.server.dir",
            "target/liberty/wlp/usr/servers/cofferIT"));
    private static final Path LOGS = SERVER.resolve("logs");
    private static final Path FFDC = SERVER.resolve("logs/ffdc");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void fd22_sl30_refusedTokensLinksAndPasswordsLeaveNoSecretNoErrorAndNoIncidentInTheLogs() throws Exception {
        UUID tenant = ItDatabase.tenant("logs");
        ItDatabase.User user = ItDatabase.user(tenant, "l-" + UUID.randomUUID().toString().substring(0, 6)
                + "@logs.test", "OWNER");
        String owner = Tokens.login(user);
        String room = DataRoomsIT.createRoom(owner, "Logged").getString("id");
        String linkPassword = "link-pw-" + UUID.randomUUID();
        HttpResponse<String> created = Http.postJson("/api/v1/share-links", owner, "{\"target\": {\"type\":"
                + " \"DATAROOM\", \"id\": \"" + room + "\"}, \"password\": \"" + linkPassword + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        String linkToken = Http.json(created).getString("token");

        java.util.Map<Path, Long> logStart = sizes();
        Set<Path> incidentsBefore = incidents();
        Set<String> secrets = new HashSet<>();
        Set<String> forged = new HashSet<>();
        secrets.add(linkToken);
        secrets.add(linkPassword);

        // 50 refused bearer tokens: forged signatures, expired genuine-looking ones, foreign issuers, garbage
        for (int i = 0; i < 50; i++) {
            String bearer = switch (i % 5) {
                case 0 -> Tokens.sign(Tokens.FOREIGN_KEY, user, c -> { });
                case 1 -> Tokens.sign(Tokens.TEST_KEY, user, c -> c.expirationTime(java.util.Date.from(
                        Instant.now().minusSeconds(3600))).issueTime(java.util.Date.from(
                        Instant.now().minusSeconds(7200))));
                case 2 -> Tokens.sign(Tokens.TEST_KEY, user, c -> c.issuer("someone-else"));
                case 3 -> Tokens.sign(Tokens.TEST_KEY, "unknown-" + UUID.randomUUID(), user, c -> { });
                default -> "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"sub\":\"" + user.id() + "\",\"n\":\"" + UUID.randomUUID() + "\"}")
                                .getBytes(StandardCharsets.UTF_8)) + ".";
            };
            String[] parts = bearer.split("\\.");
            // a token signed by a foreign key is no credential: Liberty quotes it in its hidden CWWKS5523E/5524E, which
            // reaches trace.log only; every other one (signed by a trusted key, or unsigned) must appear nowhere
            Set<String> kind = i % 5 == 0 ? forged : secrets;
            kind.add(bearer);
            kind.add(parts[1]);
            if (parts.length > 2) {
                kind.add(parts[2]);
            }
            HttpResponse<String> refused = Http.get("/api/v1/me", bearer);
            assertEquals(401, refused.statusCode(), "case " + (i % 5) + ": " + refused.body());
        }

        // 300 random share-link tokens
        for (int i = 0; i < 300; i++) {
            byte[] raw = new byte[24];
            RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            secrets.add(token);
            int status = Http.get("/api/v1/public/links/" + token).statusCode();
            assertTrue(status == 404 || status == 429, "unknown link: " + status);
        }

        // wrong passwords: at login and on the link
        for (int i = 0; i < 5; i++) {
            String wrong = "wrong-login-" + UUID.randomUUID();
            secrets.add(wrong);
            assertEquals(401, Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug()
                    + "\", \"email\": \"" + user.email() + "\", \"password\": \"" + wrong + "\"}").statusCode());
            String wrongLink = "wrong-link-" + UUID.randomUUID();
            secrets.add(wrongLink);
            int status = Http.postJson("/api/v1/public/links/" + linkToken + "/sessions", null,
                    "{\"password\": \"" + wrongLink + "\"}").statusCode();
            assertTrue(status == 401 || status == 429, "wrong link password: " + status);
        }
        secrets.add(ItDatabase.PASSWORD);
        // OPS-11: the metrics token, right and wrong, is never written down
        String metricsToken = System.getProperty("it.secret.metrics");
        String wrongMetrics = "wrong-metrics-" + UUID.randomUUID();
        secrets.add(metricsToken);
        secrets.add(wrongMetrics);
        assertEquals(200, Http.send(Http.request("/metrics").header("Authorization", "Bearer " + metricsToken).GET())
                .statusCode());
        assertEquals(401, Http.send(Http.request("/metrics").header("Authorization", "Bearer " + wrongMetrics).GET())
                .statusCode());

        Thread.sleep(1500); // Liberty writes its logs asynchronously
        java.util.Map<Path, List<String>> written = linesSince(logStart);
        List<String> lines = new ArrayList<>(); // what an operator reads: messages and console
        List<String> leaks = new ArrayList<>();
        for (var file : written.entrySet()) {
            boolean trace = file.getKey().getFileName().toString().startsWith("trace");
            if (!trace) {
                lines.addAll(file.getValue());
            }
            for (String line : file.getValue()) {
                if (secrets.stream().anyMatch(line::contains) || !trace && forged.stream().anyMatch(line::contains)) {
                    leaks.add(file.getKey().getFileName() + ": " + (line.length() > 300 ? line.substring(0, 300)
                            + "..." : line));
                }
            }
        }
        assertTrue(leaks.isEmpty(), leaks.size() + " log lines hold a token, code or password:\n"
                + String.join("\n", leaks.subList(0, Math.min(5, leaks.size()))));
        List<String> alarms = lines.stream().filter(LogHygieneIT::errorOrWarning).toList();
        assertTrue(alarms.isEmpty(), alarms.size() + " ERROR/WARNING lines for ordinary refusals:\n"
                + String.join("\n", alarms.subList(0, Math.min(5, alarms.size()))));
        Set<Path> newIncidents = incidents();
        newIncidents.removeAll(incidentsBefore);
        assertTrue(newIncidents.isEmpty(), "new FFDC incidents: " + newIncidents);
        assertTrue(lines.size() < 60, "a refusal costs at most one INFO line, and these cost " + lines.size()
                + " lines for 360 refusals");
    }

    /** Liberty's basic format: {@code [date] thread-id logger-short-name E|W MSGID: text}. */
    private static boolean errorOrWarning(String line) {
        // text (Liberty's SIMPLE format) or, as the IT server logs (OPS-8), one JSON object per line
        return line.matches("^\\[[^\\]]+\\] \\S+ \\S*\\s+[EW] .*")
                || line.matches("^\\{.*\"loglevel\"\\s*:\\s*\"(SEVERE|ERROR|WARNING|FATAL)\".*");
    }

    private static Set<Path> incidents() throws IOException {
        if (!Files.isDirectory(FFDC)) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.list(FFDC)) {
            return files.collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** The size of every log file (messages, trace, console and their rolled copies), FFDC aside. */
    private static java.util.Map<Path, Long> sizes() throws IOException {
        java.util.Map<Path, Long> sizes = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sizes.put(file, Files.size(file));
            }
        }
        return sizes;
    }

    /** What every log file gained since {@code before} (a file that is new, or rolled over, is read whole). */
    private static java.util.Map<Path, List<String>> linesSince(java.util.Map<Path, Long> before) throws IOException {
        java.util.Map<Path, List<String>> lines = new java.util.HashMap<>();
        for (var file : sizes().entrySet()) {
            try (RandomAccessFile in = new RandomAccessFile(file.getKey().toFile(), "r")) {
                long offset = before.getOrDefault(file.getKey(), 0L);
                long start = in.length() < offset ? 0 : offset;
                byte[] tail = new byte[(int) (in.length() - start)];
                in.seek(start);
                in.readFully(tail);
                lines.put(file.getKey(), new String(tail, StandardCharsets.UTF_8).lines().toList());
            }
        }
        return lines;
    }
}
