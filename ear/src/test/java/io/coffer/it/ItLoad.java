package io.coffer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Load for the fault tests (REL-*): clients that call API paths in a loop, one readiness and one liveness poller, every
 * answer kept with when it was asked and how long it took (ms since this load's epoch). Closed loop: each client has
 * one request outstanding, so a hang shows as few, long answers.
 */
final class ItLoad implements AutoCloseable {

    /** One answer as the client saw it; status -1 for no answer (the client's own 30 s timeout, a reset). */
    record Answer(String what, String path, long started, long took, int status, String retryAfter,
                  String contentType, String body) {
        long ended() {
            return started + took;
        }
    }

    private final long epoch = System.nanoTime();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService clientThreads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService load;

    /** Starts {@code clients} clients, client i calling {@code paths[i % paths.length]} with {@code token}. */
    ItLoad(int clients, String token, String... paths) {
        load = Executors.newFixedThreadPool(clients + 2);
        for (int i = 0; i < clients; i++) {
            String path = paths[i % paths.length];
            load.submit(() -> {
                while (running.get()) {
                    call("api", path, token);
                }
            });
        }
        load.submit(() -> poll("ready", "/health/ready"));
        load.submit(() -> poll("live", "/health/live"));
    }

    long now() {
        return (System.nanoTime() - epoch) / 1_000_000;
    }

    private void call(String what, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Http.BASE + path))
                .timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", "198.51.100.7").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long started = now();
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answers.add(new Answer(what, path, started, now() - started, r.statusCode(),
                    r.headers().firstValue("Retry-After").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(""), r.body()));
        } catch (java.io.IOException e) {
            answers.add(new Answer(what, path, started, now() - started, -1, null, "", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(String what, String path) {
        while (running.get()) {
            call(what, path, null);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the clients, waits for their last answers, and gives every answer. */
    List<Answer> stop() throws InterruptedException {
        running.set(false);
        load.shutdown();
        if (!load.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the clients did not finish within 60 s of the stop");
        }
        return new ArrayList<>(answers);
    }

    @Override
    public void close() {
        running.set(false);
        load.shutdownNow();
        clientThreads.shutdownNow();
    }

    static List<Answer> of(List<Answer> answers, String what) {
        return answers.stream().filter(a -> a.what().equals(what)).toList();
    }

    static String summary(List<Answer> answers) {
        return answers.stream().limit(5).map(a -> a.status() + " " + a.path() + " in " + a.took() + " ms at " + a.started() + " "
                + (a.body() == null ? "" : a.body().substring(0, Math.min(160, a.body().length()))))
                .collect(Collectors.joining("; ")) + (answers.size() > 5 ? " ... (" + answers.size() + ")" : "");
    }

    /** Appends figures to {@code target/reliability.txt} (docs/reliability.md is filled from it). */
    static void record(String lines) throws java.io.IOException {
        Path out = Path.of(System.getProperty("it.coffer.home")).getParent().resolve("reliability.txt");
        Files.writeString(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(lines);
    }
}
