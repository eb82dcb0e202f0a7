package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * REL-8: a graceful stop ({@code server stop}) while 50 clients download a document: no body is ever cut short under a
 * 200 that looks complete. Each client sees either the whole body (its length and SHA-256) or an error (a reset, or a
 * body shorter than its declared length, which HTTP framing lets the client detect); every 200 is framed (a
 * Content-Length or chunked), never ended by a bare close. The server is started again afterwards.
 */
@Tag("kills-server") // stops the server: runs after the other ITs
class GracefulStopIT {

    static final int CLIENTS = 50;

    /** One download: status, declared length, bytes read, whether the body ended normally, its SHA-256. */
    record Download(int status, long declared, long read, boolean ended, String sha256, String error) {
    }

    @Test
    void rel8_aGracefulStopDuring50DownloadsNeverCutsABodyShortUnderA200() throws Exception {
        UUID tenant = ItDatabase.tenant("stop");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner@stop.test", "OWNER");
        String token = Tokens.accessToken(owner);
        String room = Api.room(token, "Stopped during downloads");
        byte[] bytes = new byte[16 * 1024 * 1024];
        new Random(15).nextBytes(bytes);
        var created = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=big.bin")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(201, created.statusCode(), created.body());
        String document = Http.json(created).getString("id");
        String sha = DocumentsIT.sha256(bytes);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Download>> downloads = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                downloads.add(pool.submit(() -> download(client, document, token)));
            }
            Thread.sleep(1500); // the downloads are under way (each reads slowly: ~4 s for the whole body)
            Process stop = new ProcessBuilder(KillDuringUploadIT.WLP.resolve("bin").resolve("server").toString(),
                    "stop", "cofferIT").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(stop.waitFor(120, TimeUnit.SECONDS), "server stop returned");
            List<Download> seen = new ArrayList<>();
            for (Future<Download> d : downloads) {
                seen.add(d.get(120, TimeUnit.SECONDS));
            }
            long whole = 0;
            long errors = 0;
            long refused = 0;
            for (Download d : seen) {
                if (d.status() == 200 && d.ended()) {
                    assertEquals(bytes.length, d.read(), "REL-8: a 200 body that ended is whole: " + d);
                    assertEquals(sha, d.sha256(), "REL-8: and the same bytes: " + d);
                    whole++;
                } else if (d.status() != 200 && d.ended()) {
                    // answered, but not with the content (503 while the pool was short, the server stopping)
                    assertTrue(d.status() == 503, "REL-8: a refusal is 503 unavailable: " + d);
                    refused++;
                } else {
                    assertTrue(d.error() != null, "REL-8: a body not whole is an error the client sees: " + d);
                    errors++;
                }
                if (d.status() == 200) {
                    assertEquals(bytes.length, d.declared(), "REL-8: every 200 declares its length: " + d);
                }
            }
            ItLoad.record(String.format(Locale.ROOT, "RELIABILITY graceful-stop %s downloads=%d size=16MiB"
                            + " whole=%d errorSeen=%d refused503=%d cutShortUnder200=0%n", java.time.Instant.now(),
                    CLIENTS, whole, errors, refused));
            assertTrue(whole + errors > 0, "REL-8: some downloads were under way at the stop");
        } finally {
            pool.shutdownNow();
            KillDuringUploadIT.startServer();
        }
    }

    static Download download(HttpClient client, String document, String token) {
        int status = -1;
        long declared = -1;
        long read = 0;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            HttpResponse<InputStream> r = client.send(Http.request("/api/v1/documents/" + document + "/content")
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream in = r.body()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    sha.update(buffer, 0, n);
                    read += n;
                    Thread.sleep(15);
                }
            }
            return new Download(status, declared, read, true, HexFormat.of().formatHex(sha.digest()), null);
        } catch (Exception e) {
            return new Download(status, declared, read, false, null, e.toString());
        }
    }
}
