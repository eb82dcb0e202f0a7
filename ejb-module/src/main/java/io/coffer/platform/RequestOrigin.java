package io.coffer.platform;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * Where the current request comes from, for the modules that record events (activity): the client address (as the
 * web layer's trusted-proxies rule reads it), the user agent (cut to {@link #USER_AGENT_MAX} characters, control
 * characters removed) and, for a caller authenticated by an API-key token, the API key's id. The web layer fills it
 * once per request before any resource runs; it stays empty for background work (timers, the outbox), whose events
 * are SYSTEM's or carry their own address. Nothing here is believed for authorization: it only describes.
 */
@RequestScoped
public class RequestOrigin {

    /** The longest user agent kept (a header may be kilobytes long; the activity store keeps this much). */
    public static final int USER_AGENT_MAX = 512;

    private String clientAddress;
    private String userAgent;
    private UUID apiKey;
    private UUID caller;

    /**
     * Sets the origin of this request (the web layer, once, before the resource); {@code caller} is the subject of
     * the verified token, if any (an API key stands for that user only).
     */
    public void set(String clientAddress, String userAgent, UUID apiKey, UUID caller) {
        this.clientAddress = clientAddress;
        this.userAgent = bounded(userAgent);
        this.apiKey = apiKey;
        this.caller = caller;
    }

    /** The user the request's verified token names; null without one. */
    public UUID caller() {
        return caller;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The API key a request authenticated by an API-key token came with; null otherwise. */
    public UUID apiKey() {
        return apiKey;
    }

    /** A user agent as kept: control characters dropped, at most {@link #USER_AGENT_MAX} characters; null if blank. */
    public static String bounded(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String clean = userAgent.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty()) {
            return null;
        }
        return clean.length() <= USER_AGENT_MAX ? clean : clean.substring(0, USER_AGENT_MAX);
    }
}
