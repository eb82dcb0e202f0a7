package io.coffer.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the integration tests, against the server the build started. */
public final class Http {
    public static final String BASE = System.getProperty("it.base.url", "http://localhost:9181");
    /**
     * HTTP/1.1: the JDK client otherwise offers an h2c upgrade on plain http, and a 304 answered over the upgraded
     * connection left it waiting past its own timeout (seen with If-None-Match).
     */
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /**
     * The client address the tests claim through the trusted loopback "proxy" (the test server trusts 127.0.0.1 and
     * ::1). Null: a fresh random documentation-range address per request, so that per-address throttling of one test
     * never slows another; ThrottlingIT pins one.
     */
    public static volatile String clientAddress;
    private static final java.util.Random RANDOM = new java.util.Random();

    public static HttpRequest.Builder request(String path) {
        String address = clientAddress != null ? clientAddress
                : "198.51.100." + RANDOM.nextInt(256) + ", 203.0.113." + RANDOM.nextInt(256);
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public static HttpResponse<String> get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    public static HttpResponse<String> patchJson(String path, String token, String json) {
        HttpRequest.Builder r = request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    public static HttpResponse<String> postJson(String path, String token, String json) {
        HttpRequest.Builder r = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    public static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
