package io.coffer.sharelinks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A link's settings as the owner writes them (create: every null is the contract's default; update: only the fields
 * named as present change, null clears). {@code password} is never stored reversibly.
 */
public record LinkSettings(String targetType, UUID targetId, String name, String password, Instant expiresAt,
                           Boolean requireEmail, Boolean verifyEmail, List<String> allowEmails,
                           List<String> allowDomains, List<String> denyEmails, List<String> denyDomains,
                           Boolean allowDownload, Boolean watermarkEnabled, String watermarkText, Integer maxViews,
                           String ndaText, List<ItemOverride> itemOverrides, Boolean allowSearch,
                           Boolean allowQuestions) {
    @Override
    public String toString() {
        return "LinkSettings[" + targetType + " " + targetId + "]"; // never the password
    }
}
