package io.coffer.sharelinks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coffer.sharelinks.ItemOverride;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a change of a link did (SL-20: loosened protections; SL-21: the changed fields the audit records). */
class LinkChangesTest {

    static final UUID LINK = UUID.randomUUID();
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    record L(String name, String hash, Instant expires, Integer maxViews, boolean requireEmail, boolean verify,
             EmailRules email, String nda, boolean download, boolean watermark, String watermarkText,
             List<ItemOverride> overrides) {
        LinkRules rules() {
            return new LinkRules(LINK, name, "FOLDER", UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), false,
                    expires, maxViews, 0, hash != null, hash, requireEmail, verify, email, nda, 1, download,
                    watermark, watermarkText, overrides, 1, false, false);
        }
    }

    static final L TIGHT = new L("n", "h1", T, 10, true, true,
            new EmailRules(List.of("a@x.test"), List.of("y.test"), List.of("bad@x.test"), List.of("evil.test")),
            "NDA", false, true, "{email}", List.of());

    static LinkChanges diff(L before, L after) {
        return LinkChanges.of(before.rules(), after.rules());
    }

    @Test
    void sl20_everyLooseningIsNamed() {
        assertEquals(Set.of("password"), diff(TIGHT, new L("n", null, T, 10, true, true, TIGHT.email(), "NDA", false,
                true, "{email}", List.of())).loosened(), "password removed");
        assertEquals(Set.of("password"), diff(TIGHT, new L("n", "h2", T, 10, true, true, TIGHT.email(), "NDA", false,
                true, "{email}", List.of())).loosened(), "password replaced: its setter knows it");
        assertEquals(Set.of("expiresAt"), diff(TIGHT, new L("n", "h1", null, 10, true, true, TIGHT.email(), "NDA",
                false, true, "{email}", List.of())).loosened());
        assertEquals(Set.of("expiresAt"), diff(TIGHT, new L("n", "h1", T.plusSeconds(1), 10, true, true,
                TIGHT.email(), "NDA", false, true, "{email}", List.of())).loosened());
        assertEquals(Set.of("maxViews"), diff(TIGHT, new L("n", "h1", T, 11, true, true, TIGHT.email(), "NDA", false,
                true, "{email}", List.of())).loosened());
        assertEquals(Set.of("maxViews"), diff(TIGHT, new L("n", "h1", T, null, true, true, TIGHT.email(), "NDA",
                false, true, "{email}", List.of())).loosened());
        assertEquals(Set.of("requireEmail", "verifyEmail"), diff(TIGHT, new L("n", "h1", T, 10, false, false,
                TIGHT.email(), "NDA", false, true, "{email}", List.of())).loosened());
        assertEquals(Set.of("allowDomains"), diff(TIGHT, new L("n", "h1", T, 10, true, true, new EmailRules(
                List.of("a@x.test"), List.of("y.test", "z.test"), List.of("bad@x.test"), List.of("evil.test")),
                "NDA", false, true, "{email}", List.of())).loosened(), "an allow rule widened");
        assertEquals(Set.of("allowEmails", "allowDomains"), diff(TIGHT, new L("n", "h1", T, 10, true, true,
                new EmailRules(List.of(), List.of(), List.of("bad@x.test"), List.of("evil.test")), "NDA", false, true,
                "{email}", List.of())).loosened(), "the allow rules dropped");
        assertEquals(Set.of("denyEmails", "denyDomains"), diff(TIGHT, new L("n", "h1", T, 10, true, true,
                new EmailRules(List.of("a@x.test"), List.of("y.test"), List.of(), List.of()), "NDA", false, true,
                "{email}", List.of())).loosened());
        assertEquals(Set.of("ndaText"), diff(TIGHT, new L("n", "h1", T, 10, true, true, TIGHT.email(), "nothing",
                false, true, "{email}", List.of())).loosened());
        assertEquals(Set.of("watermark"), diff(TIGHT, new L("n", "h1", T, 10, true, true, TIGHT.email(), "NDA",
                false, false, "{email}", List.of())).loosened());
        assertEquals(Set.of("watermark"), diff(TIGHT, new L("n", "h1", T, 10, true, true, TIGHT.email(), "NDA",
                false, true, "no one", List.of())).loosened(), "a reworded watermark may drop the email");
    }

    @Test
    void sl20_tighteningRenamingAndReachAreNoLoosening() {
        L open = new L("n", null, null, null, false, false, EmailRules.NONE, null, true, false, null, List.of());
        LinkChanges tightened = diff(open, TIGHT);
        assertEquals(Set.of(), tightened.loosened());
        assertEquals(Set.of("password", "expiresAt", "maxViews", "requireEmail", "verifyEmail",
                "allowEmails", "allowDomains", "denyEmails", "denyDomains", "ndaText", "watermark", "allowDownload"),
                Set.copyOf(tightened.changed()), "SL-21: every changed field is named");
        LinkChanges narrowed = diff(TIGHT, new L("n", "h1", T.minusSeconds(5), 9, true, true, new EmailRules(
                List.of("a@x.test"), List.of(), List.of("bad@x.test", "worse@x.test"), List.of("evil.test")), "NDA",
                true, true, "{email}", List.of(new ItemOverride(UUID.randomUUID(), true, null))));
        assertEquals(Set.of(), narrowed.loosened(), "earlier, fewer views, fewer allowed, more denied");
        assertEquals(Set.of("expiresAt", "maxViews", "allowDomains", "denyEmails", "allowDownload", "itemOverrides"),
                narrowed.changed());
        assertEquals(Set.of(), diff(TIGHT, TIGHT).changed(), "nothing changed, nothing named");
        assertEquals(List.of("maxViews", "name"), diff(TIGHT, new L("m", "h1", T, 5, true, true, TIGHT.email(),
                "NDA", false, true, "{email}", List.of())).changedSorted());
    }
}
