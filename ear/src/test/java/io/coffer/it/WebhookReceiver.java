package io.coffer.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/** A webhook receiver on loopback (the JDK's HTTP server): keeps every request it got, answers as told. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String delivery, String timestamp, String signature, String body, long nanos) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    volatile IntSupplier status = () -> 200;
    volatile long delayMillis;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Coffer-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Coffer-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Coffer-Signature"),
                    new String(body, StandardCharsets.UTF_8), System.nanoTime()));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.getAsInt(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> of(String delivery) {
        return received.stream().filter(r -> delivery.equals(r.delivery())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
