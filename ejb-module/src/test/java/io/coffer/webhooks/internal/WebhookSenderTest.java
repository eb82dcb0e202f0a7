package io.coffer.webhooks.internal;

import io.coffer.platform.SsrfGuard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP server on loopback: the SSRF check is on the address really connected to. */
class WebhookSenderTest {

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
    volatile String redirectTo;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
                    .getFirst("X-Coffer-Signature"));
            exchange.getRequestBody().readAllBytes();
            if (redirectTo != null) {
                exchange.getResponseHeaders().add("Location", redirectTo);
            }
            exchange.sendResponseHeaders(status, answer.length);
            try {
                exchange.getResponseBody().write(answer);
            } catch (java.io.IOException closedByTheClient) {
                // the sender stops reading at its cap
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    WebhookSender sender(boolean allowPrivate, SsrfGuard.Resolver resolver) {
        return new WebhookSender(new SsrfGuard(allowPrivate, resolver), Timeout.ofSeconds(2), Timeout.ofSeconds(2));
    }

    WebhookSender.Outcome send(WebhookSender sender, String url) {
        return sender.send(url, UUID.randomUUID(), "secret-secret-secret", 1_700_000_000L,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wh12_loopbackTargetsAreRefusedAtConnectTimeAndNothingReachesThem() throws Exception {
        try (WebhookSender sender = sender(false, SsrfGuard.SYSTEM)) {
            for (String url : new String[] {"http://127.0.0.1:" + port() + "/a", "http://localhost:" + port() + "/b",
                    "http://[::ffff:127.0.0.1]:" + port() + "/c", "http://[::1]:" + port() + "/d"}) {
                WebhookSender.Outcome outcome = send(sender, url);
                assertFalse(outcome.delivered(), url);
                assertTrue(outcome.error().startsWith("refused"), url + ": " + outcome.error());
            }
        }
        assertEquals(List.of(), requests, "no request reached the loopback server");
    }

    @Test
    void wh12_aNameThatRebindsToLoopbackAfterTheCheckIsCaughtAtConnectTime() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {93, (byte) 184, (byte) 216, 34}
                        : new byte[] {127, 0, 0, 1})};
        SsrfGuard creation = new SsrfGuard(false, rebinding);
        assertEquals("93.184.216.34", creation.resolve("rebind.example")[0].getHostAddress(),
                "at creation the name resolves to a public address");
        try (WebhookSender sender = new WebhookSender(creation, Timeout.ofSeconds(2), Timeout.ofSeconds(2))) {
            WebhookSender.Outcome outcome = send(sender, "http://rebind.example:" + port() + "/r");
            assertTrue(outcome.error().startsWith("refused"), outcome.error());
        }
        assertEquals(2, lookups.get(), "resolved again at connect time");
        assertEquals(List.of(), requests, "the rebound address was never connected to");
    }

    @Test
    void wh6_wh13_wh15_allowedTargetsGetTheSignedPostNoRedirectIsFollowedAndTheAnswerIsCapped() throws Exception {
        try (WebhookSender sender = sender(true, SsrfGuard.SYSTEM)) {
            WebhookSender.Outcome ok = send(sender, "http://127.0.0.1:" + port() + "/ok");
            assertTrue(ok.delivered(), String.valueOf(ok.error()));
            assertEquals(List.of("/ok " + WebhookSignature.header("secret-secret-secret", 1_700_000_000L,
                    "{}".getBytes(StandardCharsets.UTF_8))), requests);

            status = 302;
            redirectTo = "http://127.0.0.1:" + port() + "/elsewhere";
            WebhookSender.Outcome redirected = send(sender, "http://127.0.0.1:" + port() + "/moved");
            assertFalse(redirected.delivered());
            assertEquals(302, redirected.status());
            assertFalse(requests.stream().anyMatch(r -> r.startsWith("/elsewhere")), "WH-13: not followed");

            status = 200;
            redirectTo = null;
            answer = new byte[50 * 1024 * 1024]; // 50 MiB: read 4 KiB of it, and stop
            long start = System.nanoTime();
            WebhookSender.Outcome big = send(sender, "http://127.0.0.1:" + port() + "/big");
            assertTrue(big.delivered(), String.valueOf(big.error()));
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "the answer is not read to its end");

            status = 500;
            answer = "no".getBytes(StandardCharsets.UTF_8);
            WebhookSender.Outcome failed = send(sender, "http://127.0.0.1:" + port() + "/fail");
            assertEquals(500, failed.status());
            assertEquals("answered 500", failed.error());
        }
    }

    @Test
    void wh14_aTargetThatNeverAnswersTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WebhookSender sender = new WebhookSender(new SsrfGuard(true, SsrfGuard.SYSTEM), Timeout.ofSeconds(1),
                     Timeout.ofSeconds(1))) {
            long start = System.nanoTime();
            WebhookSender.Outcome outcome = send(sender, "http://127.0.0.1:" + silent.getLocalPort() + "/slow");
            assertFalse(outcome.delivered());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "timed out: " + outcome.error());
        }
    }
}
