package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.coffer.it.ItLoad.Answer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * REL-1..REL-4: PostgreSQL that stops answering without closing its connections (a hung server, a network partition),
 * simulated by SIGSTOP to every process of the IT server's embedded PostgreSQL for 20 s while clients keep calling.
 * Every request answers within 3 s (200, or 503 {@code unavailable} with {@code Retry-After}), readiness is DOWN within
 * 3 s and liveness stays UP, and the service is back within 10 s of SIGCONT. The same program, longer and with more
 * clients, runs under {@code -Pheavy}.
 */
@Tag("kills-server") // disturbs the whole server: runs after the other ITs, next to the kill tests
class PostgresHangIT {

    static final boolean HEAVY = Boolean.getBoolean("coffer.heavy");
    static final int CLIENTS = HEAVY ? 50 : 16;
    static final int ROUNDS = HEAVY ? 3 : 1;
    static final Duration FROZEN = Duration.ofSeconds(20);
    static final long ANSWER_LIMIT_MS = 3000;
    static final long BACK_LIMIT_MS = 10_000;

    @Test
    void rel1_rel2_rel3_rel4_aDatabaseThatStopsAnsweringGetsFast503sReadinessDownAndServiceBackAfterIt()
            throws Exception {
        UUID tenant = ItDatabase.tenant("hang");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner@hang.test", "OWNER");
        String token = Tokens.accessToken(owner);
        String room = Api.room(token, "Hung database");
        Api.folder(token, room, "A folder", null);
        String[] paths = {"/api/v1/me", "/api/v1/datarooms/" + room + "/tree", "/api/v1/datarooms"};

        StringBuilder report = new StringBuilder();
        for (int round = 1; round <= ROUNDS; round++) {
            try (ItLoad load = new ItLoad(CLIENTS, token, paths)) {
                Thread.sleep(3000);
                long stoppedAt;
                long resumedAt;
                List<Long> frozen = List.of();
                Thread safety = null;
                try {
                    stoppedAt = load.now();
                    frozen = ItPostgres.freeze();
                    List<Long> toResume = frozen;
                    safety = new Thread(() -> {
                        try {
                            ItPostgres.resume(toResume);
                        } catch (Exception ignored) {
                            // best effort at JVM exit
                        }
                    });
                    Runtime.getRuntime().addShutdownHook(safety);
                    assertTrue(ItPostgres.stopped(frozen.get(0)), "the postmaster is stopped");
                    Thread.sleep(FROZEN.toMillis());
                } finally {
                    ItPostgres.resume(frozen);
                    resumedAt = load.now();
                    if (safety != null) {
                        Runtime.getRuntime().removeShutdownHook(safety);
                    }
                }
                Thread.sleep(BACK_LIMIT_MS + 3000);
                List<Answer> all = load.stop();
                assertEquals(frozen.get(0).longValue(), ItPostgres.postmaster(),
                        "REL-4: the hung postmaster was waited for, never replaced by a second one");
                report.append(check(round, all, stoppedAt, resumedAt, frozen.size()));
            }
        }
        ItLoad.record(report.toString());
    }

    static final Pattern REQUEST_ID = Pattern.compile("urn:coffer:request:([A-Za-z0-9._-]+)");

    /** The JSON lines of the IT server's messages.log that report the database unavailable to a request. */
    static List<String> warningsOfUnavailableDatabase() {
        Path log = Path.of(System.getProperty("it.server.dir"), "logs", "messages.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Database unavailable, answered 503")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String check(int round, List<Answer> all, long stoppedAt, long resumedAt, int processes) {
        List<Answer> api = ItLoad.of(all, "api");
        List<Answer> ready = ItLoad.of(all, "ready");
        List<Answer> live = ItLoad.of(all, "live");
        List<Answer> before = api.stream().filter(a -> a.ended() < stoppedAt).toList();
        List<Answer> during = api.stream().filter(a -> a.ended() >= stoppedAt && a.started() < resumedAt).toList();
        long max = api.stream().mapToLong(Answer::took).max().orElse(0);
        long maxDuring = during.stream().mapToLong(Answer::took).max().orElse(0);
        long ok = during.stream().filter(a -> a.status() == 200).count();
        long unavailable = during.stream().filter(a -> a.status() == 503).count();
        long firstReadyDown = ready.stream().filter(a -> a.started() >= stoppedAt && a.status() == 503)
                .mapToLong(Answer::ended).min().orElse(Long.MAX_VALUE) - stoppedAt;
        long maxReady = ready.stream().mapToLong(Answer::took).max().orElse(0);
        long maxLive = live.stream().mapToLong(Answer::took).max().orElse(0);
        long apiBack = api.stream().filter(a -> a.started() >= resumedAt && a.status() == 200)
                .mapToLong(Answer::ended).min().orElse(Long.MAX_VALUE) - resumedAt;
        long readyBack = ready.stream().filter(a -> a.started() >= resumedAt && a.status() == 200)
                .mapToLong(Answer::ended).min().orElse(Long.MAX_VALUE) - resumedAt;
        String line = String.format(Locale.ROOT, "RELIABILITY postgres-hang %s round=%d clients=%d"
                        + " processesStopped=%d frozen=%ds"
                        + " requests=%d duringPause=%d ok=%d unavailable503=%d other=%d maxAnswerMs=%d"
                        + " maxAnswerDuringPauseMs=%d readyDownAfterMs=%d maxReadyMs=%d maxLiveMs=%d"
                        + " apiBackAfterMs=%d readyBackAfterMs=%d heavy=%s%n",
                Instant.now(), round, CLIENTS, processes, FROZEN.toSeconds(), api.size(), during.size(), ok,
                unavailable, during.size() - ok - unavailable, max, maxDuring, firstReadyDown, maxReady, maxLive,
                apiBack, readyBack, HEAVY);
        System.out.print(line);

        assertTrue(!before.isEmpty() && before.stream().allMatch(a -> a.status() == 200),
                "the load was served before the stop: " + ItLoad.summary(before));
        // REL-1: every request answers within 3 s, with 200 or 503 unavailable + Retry-After
        List<Answer> slow = api.stream().filter(a -> a.took() > ANSWER_LIMIT_MS || a.status() < 0).toList();
        assertTrue(slow.isEmpty(), "REL-1: every request answered within 3 s; " + slow.size() + " did not: "
                + ItLoad.summary(slow) + "\n" + line);
        for (Answer a : during) {
            assertTrue(a.status() == 200 || a.status() == 503, "REL-1: 200 or 503 only: " + a);
            if (a.status() == 503) {
                assertTrue(a.contentType().startsWith("application/problem+json"), "REL-1: problem+json: " + a);
                assertTrue(a.body().contains("\"type\":\"/problems/unavailable\""), "REL-1: unavailable: " + a);
                assertTrue(a.retryAfter() != null && a.retryAfter().matches("[1-9][0-9]*"), "REL-1: Retry-After: " + a);
                Problems.assertNoInternals(a.body());
            }
        }
        assertTrue(unavailable > 0, "the stop reached the requests (some 503): " + line);
        // OPS-9: the warning the 503s cause is logged on a request's thread and carries that request's id (the
        // JSON log's ext_requestId), the id its answer names as instance (OPS-10)
        Set<String> ids = new HashSet<>();
        for (Answer a : during) {
            Matcher m = REQUEST_ID.matcher(a.body());
            if (a.status() == 503 && m.find()) {
                ids.add(m.group(1));
            }
        }
        assertTrue(!ids.isEmpty(), "the 503s name their request (OPS-10)");
        List<String> warnings = warningsOfUnavailableDatabase();
        assertTrue(warnings.stream().anyMatch(w -> ids.stream().anyMatch(id -> w.contains("\"ext_requestId\":\"" + id + "\""))),
                "OPS-9: a 'Database unavailable' warning carries the ext_requestId of one of this round's "
                        + ids.size() + " 503s: " + warnings);
        // REL-2: readiness DOWN within 3 s and every readiness answer within 3 s; liveness UP and fast throughout
        assertTrue(firstReadyDown <= ANSWER_LIMIT_MS, "REL-2: readiness DOWN within 3 s of the stop: " + line);
        assertTrue(maxReady <= ANSWER_LIMIT_MS, "REL-2: readiness answered within 3 s every time: " + line);
        assertTrue(live.stream().allMatch(a -> a.status() == 200 && a.body().contains("\"UP\"")),
                "REL-2: liveness stayed UP: " + ItLoad.summary(live.stream().filter(a -> a.status() != 200).toList()));
        assertTrue(maxLive <= ANSWER_LIMIT_MS, "REL-3: no thread pool exhausted, liveness answered fast: " + line);
        // REL-4: back within 10 s of SIGCONT, and stays served
        assertTrue(apiBack <= BACK_LIMIT_MS, "REL-4: requests served again within 10 s: " + line);
        assertTrue(readyBack <= BACK_LIMIT_MS, "REL-4: readiness UP again within 10 s: " + line);
        List<Answer> after = api.stream().filter(a -> a.started() >= resumedAt + BACK_LIMIT_MS).toList();
        assertTrue(!after.isEmpty() && after.stream().allMatch(a -> a.status() == 200),
                "REL-4: everything served 10 s after the database came back: " + ItLoad.summary(after));
        assertEquals(200, Http.get("/api/v1/me", Tokens.accessToken(ItDatabase.user(ItDatabase.tenant("hang-after"),
                "after@hang.test", "MEMBER"))).statusCode(), "a new caller is served");
        return line;
    }
}
