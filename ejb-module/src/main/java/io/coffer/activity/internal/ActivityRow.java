package io.coffer.activity.internal;

import io.coffer.events.EventFacts;
import io.coffer.platform.RequestOrigin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One row of {@code activity_events}: an event's facts and the request it came from (ACT-1..ACT-4). The event's own
 * client address wins over the request's (a flow that was told it, e.g. a login); a user acting through an API-key
 * token is recorded as that API key, with the user in {@code data.user} (ACT-3).
 */
record ActivityRow(UUID id, Instant at, String type, String actorType, UUID actorId, String actorEmail, UUID roomId,
                   UUID documentId, UUID linkId, UUID sessionId, Integer page, Integer seconds, String clientAddress,
                   String userAgent, String dataJson) {

    static final String API_KEY = "API_KEY";

    /** {@code origin}: the request's, or null for background work (no address, no user agent, no key). */
    static ActivityRow of(EventFacts f, Origin origin) {
        String actorType = f.actorType();
        UUID actorId = f.actorId();
        Map<String, Object> data = new LinkedHashMap<>(f.data());
        String client = f.clientAddress();
        String agent = null;
        if (origin != null) {
            if (client == null) {
                client = origin.clientAddress();
            }
            agent = origin.userAgent();
            if (origin.apiKey() != null && EventFacts.USER.equals(actorType) && actorId != null
                    && actorId.equals(origin.apiKeyUser())) {
                actorType = API_KEY;
                actorId = origin.apiKey();
                data.put("user", f.actorId().toString());
            }
        }
        return new ActivityRow(UUID.randomUUID(), f.at(), f.type(), actorType, actorId, f.visitorEmail(), f.roomId(),
                f.documentId(), f.linkId(), f.sessionId(), f.page(), f.seconds(), client,
                RequestOrigin.bounded(agent), ActivityJson.of(data));
    }

    /** What the store takes of the request's origin, copied while the request lasts. */
    record Origin(String clientAddress, String userAgent, UUID apiKey, UUID apiKeyUser) {
        static Origin of(RequestOrigin o) {
            return new Origin(o.clientAddress(), o.userAgent(), o.apiKey(), o.caller());
        }
    }
}
