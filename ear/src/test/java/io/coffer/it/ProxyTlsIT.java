package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS behind a proxy (docs/features/release.md, OPS-4..OPS-7): Debian's nginx and HAProxy run {@code deploy/nginx.conf}
 * and {@code deploy/haproxy.cfg} as an operator installs them — only their ports, the certificate paths and Coffer's
 * address changed — with a self-signed certificate (openssl), in front of the IT server (which trusts 127.0.0.1 as its
 * proxy, as {@code deploy/coffer.env} says). Each check is about what the client gets: HSTS and {@code Secure}
 * cookies over https, the client's address as the proxy saw it whatever the client claimed, mail links from
 * {@code COFFER_PUBLIC_URL} whatever Host the client sent, a large upload and a Range download through the proxy.
 */
class ProxyTlsIT {

    static final Path DIR = Path.of("target", "proxy-tls").toAbsolutePath();
    static final Path REPO = Path.of(System.getProperty("it.repo.root", ".."));
    static final int COFFER = URI.create(Http.BASE).getPort();

    static SSLContext tls;
    static HttpClient client;
    static final List<Process> running = new ArrayList<>();

    @BeforeAll
    static void certificate() throws Exception {
        ItMail.start();
        Files.createDirectories(DIR.resolve("tmp"));
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", DIR.resolve("privkey.pem").toString(), "-out", DIR.resolve("fullchain.pem").toString());
        Files.writeString(DIR.resolve("coffer.pem"), Files.readString(DIR.resolve("fullchain.pem"))
                + Files.readString(DIR.resolve("privkey.pem")));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(DIR.resolve("fullchain.pem"))) {
            trust.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : running) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String binary(String name) {
        for (String dir : List.of("/usr/sbin/", "/usr/bin/")) {
            if (Files.isExecutable(Path.of(dir + name))) {
                return dir + name;
            }
        }
        throw new AssertionError(name + " (Debian's) is not installed: .ci/run installs it");
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The proxy's two ports, once it answers on https. */
    record Proxy(String name, int http, int https) {
    }

    static String replaced(String text, String from, String to) {
        assertTrue(text.contains(from), "the deploy file still has " + from);
        return text.replace(from, to);
    }

    static Proxy start(String which) throws Exception {
        int http = freePort();
        int https = freePort();
        Path conf;
        List<String> command;
        if (which.equals("nginx")) {
            String site = Files.readString(REPO.resolve("deploy/nginx.conf"));
            site = replaced(site, "listen 80;", "listen 127.0.0.1:" + http + ";");
            site = replaced(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + https + " ssl http2;");
            site = replaced(site, "/etc/ssl/coffer/fullchain.pem", DIR.resolve("fullchain.pem").toString());
            site = replaced(site, "/etc/ssl/coffer/privkey.pem", DIR.resolve("privkey.pem").toString());
            site = replaced(site, "http://127.0.0.1:9080", "http://127.0.0.1:" + COFFER);
            String main = (isRoot() ? "user root;\n" : "") + """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/nginx-error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/tmp/body;
                        proxy_temp_path %1$s/tmp/proxy;
                        fastcgi_temp_path %1$s/tmp/fastcgi;
                        uwsgi_temp_path %1$s/tmp/uwsgi;
                        scgi_temp_path %1$s/tmp/scgi;
                    %2$s
                    }
                    """.formatted(DIR, site);
            conf = DIR.resolve("nginx.conf");
            Files.writeString(conf, main);
            command = List.of(binary("nginx"), "-p", DIR.toString(), "-c", conf.toString());
        } else {
            String cfg = Files.readString(REPO.resolve("deploy/haproxy.cfg"));
            cfg = replaced(cfg, "    log /dev/log local0\n", ""); // no syslog in a test
            cfg = replaced(cfg, "bind :443 ssl crt /etc/haproxy/certs/coffer.pem",
                    "bind 127.0.0.1:" + https + " ssl crt " + DIR.resolve("coffer.pem"));
            cfg = replaced(cfg, "bind :80", "bind 127.0.0.1:" + http);
            cfg = replaced(cfg, "server coffer1 127.0.0.1:9080", "server coffer1 127.0.0.1:" + COFFER);
            conf = DIR.resolve("haproxy.cfg");
            Files.writeString(conf, cfg);
            command = List.of(binary("haproxy"), "-db", "-f", conf.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(DIR.resolve(which + ".out").toFile()).start();
        running.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertTrue(p.isAlive(), which + " stopped: " + Files.readString(DIR.resolve(which + ".out")));
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https
                        + "/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return new Proxy(which, http, https);
                }
            } catch (IOException notYet) {
                // not listening, or its health check has not seen Coffer yet
            }
            assertTrue(System.nanoTime() < deadline, which + " did not pass requests within 30 s: "
                    + Files.readString(DIR.resolve(which + ".out")));
            Thread.sleep(200);
        }
    }

    static HttpRequest.Builder at(Proxy proxy, String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.https() + path))
                .timeout(Duration.ofSeconds(60));
    }

    static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request written by hand over TLS, for what java.net.http refuses to send (a Host of the client's choice). */
    static String raw(Proxy proxy, String request) throws Exception {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("localhost", proxy.https())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nginx", "haproxy"})
    void ops4_ops5_ops6_ops7_throughTheProxyAsDeployed(String which) throws Exception {
        Proxy proxy = start(which);
        UUID tenant = ItDatabase.tenant("proxy");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + which + "@proxy.test", "OWNER");

        // plain http only redirects to https
        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + proxy.http()
                + "/rooms")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(301, plain.statusCode(), which);
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://"), plain.headers().toString());

        // OPS-4: HSTS over https (through the proxy), none over plain http to Coffer itself
        HttpResponse<String> app = send(at(proxy, "/"));
        assertEquals(200, app.statusCode());
        assertTrue(app.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="),
                which + ": HSTS over https: " + app.headers());
        HttpResponse<String> direct = Http.send(Http.request("/"));
        assertFalse(direct.headers().firstValue("Strict-Transport-Security").isPresent(), "no HSTS over plain http");

        // OPS-4: the refresh cookie is Secure and HttpOnly
        HttpResponse<String> login = send(at(proxy, "/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\": \"" + owner.tenantSlug() + "\", \"email\": \""
                        + owner.email() + "\", \"password\": \"" + ItDatabase.PASSWORD + "\"}")));
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coffer_refresh="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly"), cookie);
        String token = Http.json(login).getString("accessToken");

        // OPS-5: the client's address is the one the proxy saw, whatever X-Forwarded-For the client sent
        String room = DataRoomsIT.createRoom(token, "Proxied " + which).getString("id");
        HttpResponse<String> link = Http.postJson("/api/v1/share-links", token, "{\"target\": {\"type\": \"DATAROOM\","
                + " \"id\": \"" + room + "\"}}");
        assertEquals(201, link.statusCode(), link.body());
        String linkId = Http.json(link).getString("id");
        HttpResponse<String> opened = send(at(proxy, "/api/v1/public/links/" + Http.json(link).getString("token"))
                .header("X-Forwarded-For", "203.0.113.77"));
        assertEquals(200, opened.statusCode(), opened.body());
        assertEquals(List.of("127.0.0.1"), ItDatabase.texts(tenant, "select client_address from activity_events"
                + " where link_id = cast(? as uuid) and type = 'link.opened'", linkId),
                which + ": the address the proxy saw, not the one the client claimed");

        // OPS-6: links in mails come from COFFER_PUBLIC_URL, whatever Host the client sent
        String body = "{\"tenant\": \"" + owner.tenantSlug() + "\", \"email\": \"" + owner.email() + "\"}";
        String answer = raw(proxy, "POST /api/v1/auth/password-reset HTTP/1.1\r\nHost: evil.example\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(answer.startsWith("HTTP/1.1 202"), answer);
        String mail = ItMail.awaitMail(owner.email(), 1);
        assertTrue(mail.contains(Http.BASE + "/"), "the link is built on COFFER_PUBLIC_URL: " + mail);
        assertFalse(mail.contains("evil.example"), mail);

        // OPS-7: a large upload streams through the proxy, and a Range download answers exactly those bytes
        byte[] big = new byte[48 * 1024 * 1024];
        new Random(7).nextBytes(big);
        HttpResponse<String> up = send(at(proxy, "/api/v1/datarooms/" + room + "/documents?name=big.bin")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertEquals(201, up.statusCode(), up.body());
        String doc = Http.json(up).getString("id");
        HttpResponse<byte[]> part = client.send(at(proxy, "/api/v1/documents/" + doc + "/content")
                .header("Authorization", "Bearer " + token).header("Range", "bytes=1000000-1000999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(big, 1_000_000, 1_001_000), part.body());
        HttpResponse<byte[]> whole = client.send(at(proxy, "/api/v1/documents/" + doc + "/content")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertEquals(sha256(big), sha256(whole.body()), which + ": the whole file through the proxy");
    }
}
