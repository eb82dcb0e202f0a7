package io.coffer.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx serving one directory on a free loopback port: the reference for downloads (issue 14). Its
 * configuration, pid file, logs and temporary directories live under {@code target/nginx-bench/}; the process is a
 * child of the test ({@code daemon off}) and is stopped by {@link #close()}.
 */
final class NginxProcess implements AutoCloseable {
    static final Path DIR = Path.of("target", "nginx-bench").toAbsolutePath();

    private final Process process;
    final int port;

    private NginxProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** nginx serving {@code root}'s files as {@code http://127.0.0.1:<port>/<name>}, sendfile on, no access log. */
    static NginxProcess serve(Path root) throws Exception {
        Files.createDirectories(DIR.resolve("tmp"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String conf = (isRoot() ? "user root;\n" : "") + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 100000;
                    default_type application/octet-stream;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                        location / { }
                    }
                }
                """.formatted(DIR, port, root.toAbsolutePath());
        Path file = DIR.resolve("nginx.conf");
        Files.writeString(file, conf);
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx"; // Debian's
        Process p = new ProcessBuilder(binary, "-p", DIR.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(DIR.resolve("nginx.out").toFile()).start();
        NginxProcess nginx = new NginxProcess(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited with " + p.exitValue() + ": "
                        + Files.readString(DIR.resolve("nginx.out")) + readIfThere(DIR.resolve("error.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(nginx.url("")).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.getResponseCode(); // any answer: it listens
                c.disconnect();
                return nginx;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IllegalStateException("nginx did not listen on " + port + " within 20 s");
                }
                Thread.sleep(100);
            }
        }
    }

    String url(String name) {
        return "http://127.0.0.1:" + port + "/" + name;
    }

    long pid() {
        return process.pid();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
