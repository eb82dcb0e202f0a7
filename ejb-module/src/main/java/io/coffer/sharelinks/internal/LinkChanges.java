package io.coffer.sharelinks.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a change of a link did, from its settings before and after (SL-20, SL-21): which fields changed (the audit's
 * record of it, never their values) and which of them loosened a protection.
 */
public record LinkChanges(Set<String> changed, Set<String> loosened) {

    /** The fields that set a link's reach (SL-18): what it shows and what it hands out. */
    public static final Set<String> REACH = Set.of("itemOverrides", "allowDownload");

    /**
     * Compares two snapshots of one link. A protection is loosened when the link asks less of a visitor, or asks it
     * of more of them, than before: its password removed or replaced (whoever set it knows it), its expiry removed or
     * later, its view limit removed or higher, email no longer required or verified, an allow rule widened or
     * dropped, a deny rule dropped, its NDA removed or reworded, its watermark turned off or reworded.
     */
    public static LinkChanges of(LinkRules before, LinkRules after) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> loosened = new LinkedHashSet<>();
        note(changed, "name", !Objects.equals(before.name(), after.name()));
        note(changed, "password", !Objects.equals(before.passwordHash(), after.passwordHash()));
        note(loosened, "password", before.hasPassword() && !Objects.equals(before.passwordHash(), after.passwordHash()));
        note(changed, "expiresAt", !Objects.equals(before.expiresAt(), after.expiresAt()));
        note(loosened, "expiresAt", later(before.expiresAt(), after.expiresAt()));
        note(changed, "maxViews", !Objects.equals(before.maxViews(), after.maxViews()));
        note(loosened, "maxViews", before.maxViews() != null
                && (after.maxViews() == null || after.maxViews() > before.maxViews()));
        note(changed, "requireEmail", before.requireEmail() != after.requireEmail());
        note(loosened, "requireEmail", before.requireEmail() && !after.requireEmail());
        note(changed, "verifyEmail", before.verifyEmail() != after.verifyEmail());
        note(loosened, "verifyEmail", before.verifyEmail() && !after.verifyEmail());
        EmailRules b = before.emailRules();
        EmailRules a = after.emailRules();
        note(changed, "allowEmails", !b.allowEmails().equals(a.allowEmails()));
        note(changed, "allowDomains", !b.allowDomains().equals(a.allowDomains()));
        Set<String> allowBefore = allow(b);
        Set<String> allowAfter = allow(a);
        boolean widened = !allowBefore.isEmpty() && (allowAfter.isEmpty() || !allowBefore.containsAll(allowAfter));
        note(loosened, "allowEmails", widened && !b.allowEmails().equals(a.allowEmails()));
        note(loosened, "allowDomains", widened && !b.allowDomains().equals(a.allowDomains()));
        note(changed, "denyEmails", !b.denyEmails().equals(a.denyEmails()));
        note(loosened, "denyEmails", !a.denyEmails().containsAll(b.denyEmails()));
        note(changed, "denyDomains", !b.denyDomains().equals(a.denyDomains()));
        note(loosened, "denyDomains", !a.denyDomains().containsAll(b.denyDomains()));
        note(changed, "ndaText", !Objects.equals(before.ndaText(), after.ndaText()));
        note(loosened, "ndaText", before.hasNda() && !Objects.equals(before.ndaText(), after.ndaText()));
        boolean watermark = before.watermark() != after.watermark()
                || !Objects.equals(before.watermarkText(), after.watermarkText());
        note(changed, "watermark", watermark);
        note(loosened, "watermark", before.watermark() && watermark);
        note(changed, "allowDownload", before.allowDownload() != after.allowDownload());
        note(changed, "allowSearch", before.allowSearch() != after.allowSearch());
        note(changed, "allowQuestions", before.allowQuestions() != after.allowQuestions());
        note(changed, "itemOverrides", !before.overrides().equals(after.overrides()));
        return new LinkChanges(Set.copyOf(changed), Set.copyOf(loosened));
    }

    private static boolean later(Instant before, Instant after) {
        return before != null && (after == null || after.isAfter(before));
    }

    /** Every allow entry, an email and a domain never equal (a domain has no {@code @}). */
    private static Set<String> allow(EmailRules rules) {
        Set<String> all = new HashSet<>(rules.allowEmails());
        all.addAll(rules.allowDomains());
        return all;
    }

    private static void note(Set<String> into, String field, boolean yes) {
        if (yes) {
            into.add(field);
        }
    }

    /** The changed fields in a stable order, for the event. */
    public List<String> changedSorted() {
        return changed.stream().sorted().toList();
    }
}
