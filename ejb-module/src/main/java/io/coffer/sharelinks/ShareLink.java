package io.coffer.sharelinks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A link as its owner sees it. {@code token} and {@code url} are known only in the answer to its creation (only the
 * token's hash is kept); {@code views} counts created visitor sessions.
 */
public record ShareLink(UUID id, String token, String url, String targetType, UUID targetId, String name,
                        boolean hasPassword, Instant expiresAt, boolean requireEmail, boolean verifyEmail,
                        List<String> allowEmails, List<String> allowDomains, List<String> denyEmails,
                        List<String> denyDomains, boolean allowDownload, boolean watermarkEnabled,
                        String watermarkText, Integer maxViews, int views, String ndaText, int ndaVersion,
                        List<ItemOverride> itemOverrides, boolean allowSearch, boolean allowQuestions, Instant createdAt, Instant updatedAt, Instant revokedAt) {
    @Override
    public String toString() {
        return "ShareLink[" + id + "]"; // never the token
    }
}
