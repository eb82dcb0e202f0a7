package io.coffer.sharelinks.internal;

import io.coffer.sharelinks.ItemOverride;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An immutable snapshot of a link's settings, read once per request; what the policies decide on. */
public record LinkRules(UUID id, String name, String targetType, UUID targetId, UUID roomId, UUID createdBy,
                        boolean revoked, Instant expiresAt, Integer maxViews, int viewCount, boolean hasPassword,
                        String passwordHash, boolean requireEmail, boolean verifyEmail, EmailRules emailRules,
                        String ndaText, int ndaVersion, boolean allowDownload, boolean watermark,
                        String watermarkText, List<ItemOverride> overrides, int securityVersion,
                        boolean allowSearch, boolean allowQuestions) {

    public static LinkRules of(ShareLinkEntity e) {
        return new LinkRules(e.id, e.name, e.targetType, e.targetId, e.roomId, e.createdBy, e.revokedAt != null,
                e.expiresAt, e.maxViews, e.viewCount, e.passwordHash != null, e.passwordHash, e.requireEmail,
                e.verifyEmail, new EmailRules(EmailRules.lines(e.allowEmails), EmailRules.lines(e.allowDomains),
                EmailRules.lines(e.denyEmails), EmailRules.lines(e.denyDomains)), e.ndaText, e.ndaVersion,
                e.allowDownload, e.watermarkEnabled, e.watermarkText, overrides(e.itemOverrides), e.securityVersion,
                e.allowSearch, e.allowQuestions);
    }

    /** Email is needed when asked for, when it must be verified, and whenever an allow or deny rule exists. */
    public boolean needsEmail() {
        return requireEmail || verifyEmail || emailRules.any();
    }

    public boolean hasNda() {
        return ndaText != null;
    }

    /** What a visitor must give, in the contract's words. */
    public List<String> requires() {
        List<String> requires = new ArrayList<>();
        if (hasPassword) {
            requires.add("password");
        }
        if (needsEmail()) {
            requires.add("email");
        }
        if (verifyEmail) {
            requires.add("emailCode");
        }
        if (hasNda()) {
            requires.add("nda");
        }
        return requires;
    }

    static List<ItemOverride> overrides(String stored) {
        List<ItemOverride> list = new ArrayList<>();
        for (String line : EmailRules.lines(stored)) {
            String[] p = line.split(" ");
            list.add(new ItemOverride(UUID.fromString(p[0]), flag(p[1]), flag(p[2])));
        }
        return List.copyOf(list);
    }

    static String store(List<ItemOverride> overrides) {
        List<String> lines = new ArrayList<>();
        for (ItemOverride o : overrides) {
            lines.add(o.itemId() + " " + flag(o.hidden()) + " " + flag(o.allowDownload()));
        }
        return String.join("\n", lines);
    }

    private static Boolean flag(String s) {
        return "-".equals(s) ? null : "1".equals(s);
    }

    private static String flag(Boolean b) {
        return b == null ? "-" : b ? "1" : "0";
    }
}
