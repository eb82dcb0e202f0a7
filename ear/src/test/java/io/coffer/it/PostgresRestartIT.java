package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * REL-5: PostgreSQL stopped under load, by a fast shutdown (SIGINT to the postmaster: connections closed, new ones
 * refused) and by a crash (SIGKILL), then started again by Coffer's watchdog (FD-11; the test itself never starts it).
 * Requests fail fast with 503 {@code unavailable} and {@code Retry-After} (never a hang past 3 s), readiness goes DOWN,
 * and the service is back within 10 s of the database. OperationsIT.fd9_fd11_* proves the same restart without load and
 * that the data survives it; this adds the clients.
 */
@Tag("kills-server") // disturbs the whole server: runs after the other ITs, next to the kill tests
class PostgresRestartIT {

    static final boolean HEAVY = Boolean.getBoolean("coffer.heavy");
    static final int CLIENTS = HEAVY ? 50 : 16;
    static final int ROUNDS = HEAVY ? 5 : 1;
    static final long ANSWER_LIMIT_MS = 3000;
    static final long BACK_LIMIT_MS = 10_000;

    @Test
    void rel5_aDatabaseStoppedAndStartedUnderLoadGetsFast503sReadinessDownAndServiceBackWithin10s()
            throws Exception {
        UUID tenant = ItDatabase.tenant("restart");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner@restart.test", "OWNER");
        String token = Tokens.accessToken(owner);
        String room = Api.room(token, "Restarted database");
        StringBuilder report = new StringBuilder();
        for (int round = 1; round <= ROUNDS; round++) {
            for (String signal : List.of("INT", "KILL")) {
                report.append(round(round, signal, token, room));
            }
        }
        ItLoad.record(report.toString());
    }

    String round(int round, String signal, String token, String room) throws Exception {
        try (ItLoad load = new ItLoad(CLIENTS, token, "/api/v1/me", "/api/v1/datarooms/" + room + "/tree",
                "/api/v1/datarooms")) {
            Thread.sleep(3000);
            long killed = ItPostgres.postmaster();
            long stoppedAt = load.now();
            ItPostgres.signal(signal, List.of(killed));
            // the database is back when a new postmaster serves the data directory and takes a connection
            long dbBackAt = -1;
            long deadline = stoppedAt + 90_000;
            while (load.now() < deadline) {
                Thread.sleep(100);
                try {
                    long pid = ItPostgres.postmaster();
                    if (pid != killed) {
                        try (Connection c = ItDatabase.owner().getConnection()) {
                            dbBackAt = load.now();
                            break;
                        }
                    }
                } catch (Exception | AssertionError notYet) {
                    // no pid file, the old pid, or not accepting connections yet
                }
            }
            assertTrue(dbBackAt > 0, "the watchdog started the database again within 90 s");
            Thread.sleep(BACK_LIMIT_MS + 3000);
            List<ItLoad.Answer> all = load.stop();
            return check(round, signal, all, stoppedAt, dbBackAt);
        }
    }

    String check(int round, String signal, List<ItLoad.Answer> all, long stoppedAt, long dbBackAt) {
        List<ItLoad.Answer> api = ItLoad.of(all, "api");
        List<ItLoad.Answer> ready = ItLoad.of(all, "ready");
        List<ItLoad.Answer> live = ItLoad.of(all, "live");
        List<ItLoad.Answer> during = api.stream().filter(a -> a.ended() >= stoppedAt && a.started() < dbBackAt)
                .toList();
        long unavailable = during.stream().filter(a -> a.status() == 503).count();
        long maxAnswer = api.stream().mapToLong(ItLoad.Answer::took).max().orElse(0);
        long readyDown = ready.stream().filter(a -> a.started() >= stoppedAt && a.status() == 503)
                .mapToLong(ItLoad.Answer::ended).min().orElse(Long.MAX_VALUE) - stoppedAt;
        long apiBack = api.stream().filter(a -> a.started() >= dbBackAt && a.status() == 200)
                .mapToLong(ItLoad.Answer::ended).min().orElse(Long.MAX_VALUE) - dbBackAt;
        long readyBack = ready.stream().filter(a -> a.started() >= dbBackAt && a.status() == 200)
                .mapToLong(ItLoad.Answer::ended).min().orElse(Long.MAX_VALUE) - dbBackAt;
        String line = String.format(Locale.ROOT, "RELIABILITY postgres-restart %s round=%d signal=%s clients=%d"
                        + " requests=%d databaseGoneMs=%d duringOutage=%d unavailable503=%d maxAnswerMs=%d"
                        + " maxReadyMs=%d maxLiveMs=%d readyDownAfterMs=%d apiBackAfterDbMs=%d readyBackAfterDbMs=%d"
                        + " heavy=%s%n",
                Instant.now(), round, signal, CLIENTS, api.size(), dbBackAt - stoppedAt, during.size(), unavailable,
                maxAnswer, ready.stream().mapToLong(ItLoad.Answer::took).max().orElse(0),
                live.stream().mapToLong(ItLoad.Answer::took).max().orElse(0), readyDown, apiBack, readyBack, HEAVY);
        System.out.print(line);

        List<ItLoad.Answer> slow = all.stream().filter(a -> a.took() > ANSWER_LIMIT_MS || a.status() < 0).toList();
        assertTrue(slow.isEmpty(), "REL-5: every answer within 3 s: " + ItLoad.summary(slow) + "\n" + line);
        for (ItLoad.Answer a : during) {
            assertTrue(a.status() == 200 || a.status() == 503, "REL-5: 200 or 503 only: " + a);
            if (a.status() == 503) {
                assertTrue(a.contentType().startsWith("application/problem+json")
                        && a.body().contains("\"type\":\"/problems/unavailable\"")
                        && a.retryAfter() != null, "REL-5: 503 unavailable with Retry-After: " + a);
                Problems.assertNoInternals(a.body());
            }
        }
        assertTrue(unavailable > 0, "the outage reached the requests: " + line);
        assertTrue(readyDown <= ANSWER_LIMIT_MS, "REL-5: readiness DOWN within 3 s: " + line);
        assertTrue(live.stream().allMatch(a -> a.status() == 200), "REL-5: liveness UP throughout: " + line);
        assertTrue(apiBack <= BACK_LIMIT_MS && readyBack <= BACK_LIMIT_MS,
                "REL-5: served and ready again within 10 s of the database: " + line);
        List<ItLoad.Answer> after = api.stream().filter(a -> a.started() >= dbBackAt + BACK_LIMIT_MS).toList();
        assertTrue(!after.isEmpty() && after.stream().allMatch(a -> a.status() == 200),
                "REL-5: everything served 10 s after the database: " + ItLoad.summary(after.stream()
                        .filter(a -> a.status() != 200).toList()));
        assertEquals(200, Http.get("/api/v1/me", Tokens.accessToken(ItDatabase.user(ItDatabase.tenant("restart-after"),
                "after@restart.test", "MEMBER"))).statusCode(), "a new caller is served");
        return line;
    }
}
