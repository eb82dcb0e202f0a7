package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ID-16: login throttling per account, held in PostgreSQL, checked before hashing, never locking out others. */
class ThrottlingIT {

    @AfterEach
    void address() {
        Http.clientAddress = null;
    }

    static HttpResponse<String> login(ItDatabase.User user, String password) {
        return Http.postJson("/api/v1/auth/login", null, "{\"tenant\": \"" + user.tenantSlug() + "\", \"email\": \""
                + user.email() + "\", \"password\": \"" + password + "\"}");
    }

    @Test
    void id16_twentyFailuresLockTheAccountWith429AndRetryAfterButNotOtherAccounts() {
        Http.clientAddress = "192.0.2." + (1 + (int) (Math.random() * 250));
        UUID tenant = ItDatabase.tenant("throttle");
        ItDatabase.User victim = ItDatabase.user(tenant, "victim@t.test", "MEMBER");
        ItDatabase.User neighbour = ItDatabase.user(tenant, "neighbour@t.test", "MEMBER");
        for (int i = 0; i < 20; i++) {
            assertEquals(401, login(victim, "wrong password number " + i).statusCode());
        }
        long start = System.nanoTime();
        HttpResponse<String> limited = login(victim, ItDatabase.PASSWORD);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(limited, 429, "rate-limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        assertTrue(millis < 150, "refused before any password hash (" + millis + " ms)");

        assertEquals(200, login(neighbour, ItDatabase.PASSWORD).statusCode(),
                "the same address still logs another account in");
        Http.clientAddress = "192.0.2.254";
        assertProblem(login(victim, ItDatabase.PASSWORD), 429, "rate-limited");
    }
}
