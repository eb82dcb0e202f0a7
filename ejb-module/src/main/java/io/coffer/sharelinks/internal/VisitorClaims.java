package io.coffer.sharelinks.internal;

import java.time.Instant;
import java.util.UUID;

/** What a verified visitor token says: the session, its link and security version, the proven email, the expiry. */
public record VisitorClaims(UUID sessionId, UUID linkId, int securityVersion, String email, Instant issuedAt,
                            Instant expiresAt) {
}
