package io.coffer.webhooks.internal;

import io.coffer.platform.SsrfGuard;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed delivery (WH-6..9, WH-12..15) with Apache HttpClient 5: its {@link DnsResolver} hook is where the
 * connection's addresses come from, so the SSRF check runs on the very addresses connected to (a name that resolves
 * elsewhere since the webhook was created, DNS rebinding, is caught); the JDK's HttpClient resolves by itself and
 * offers no such hook. No redirect is followed, nothing is retried by the client (the outbox retries), no proxy,
 * no cookies; connect and read time out; at most {@link #BODY_CAP} bytes of the answer are read.
 */
public final class WebhookSender implements AutoCloseable {

    public static final int BODY_CAP = 4096;

    /** What one try came to: the answer's status (0 when none came) and, when it failed, why. */
    public record Outcome(int status, String error) {
        public boolean delivered() {
            return error == null;
        }
    }

    private final SsrfGuard guard;
    private final CloseableHttpClient client;

    public WebhookSender(SsrfGuard guard, Timeout connectTimeout, Timeout readTimeout) {
        this.guard = guard;
        this.client = guard.httpClient(connectTimeout, readTimeout, "Coffer-Webhooks/1");
    }

    /** POSTs {@code body} to {@code url}, signed with {@code secret} at {@code timestamp} (Unix seconds). */
    public Outcome send(String url, UUID delivery, String secret, long timestamp, byte[] body) {
        URI target;
        try {
            target = SsrfGuard.checkedUrl(url);
        } catch (SsrfGuard.Refused e) {
            return new Outcome(0, "refused: the URL " + e.getMessage());
        }
        HttpPost post = new HttpPost(target);
        post.setHeader("X-Coffer-Delivery", delivery.toString());
        post.setHeader("X-Coffer-Timestamp", Long.toString(timestamp));
        post.setHeader("X-Coffer-Signature", WebhookSignature.header(secret, timestamp, body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try {
            ClassicHttpResponse response = client.executeOpen(null, post, null);
            int status;
            try {
                status = response.getCode();
                HttpEntity entity = response.getEntity();
                if (entity != null) {
                    entity.getContent().readNBytes(BODY_CAP); // capped (WH-15)
                }
            } finally {
                post.cancel(); // the rest is never read, and the connection never reused: each try resolves anew
                try {
                    response.close();
                } catch (IOException closedByTheCancel) {
                    // nothing more to read
                }
            }
            return status >= 200 && status < 300 ? new Outcome(status, null)
                    : new Outcome(status, "answered " + status);
        } catch (SsrfGuard.RefusedHost refused) {
            return new Outcome(0, "refused: " + refused.getMessage());
        } catch (IOException e) {
            return new Outcome(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
