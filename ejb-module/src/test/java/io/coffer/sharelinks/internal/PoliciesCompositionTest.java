package io.coffer.sharelinks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.datarooms.Permission;
import io.coffer.sharelinks.ItemOverride;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One test per control (SL-2 to SL-13) against the composed gate, with real policies and no server. */
class PoliciesCompositionTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final UUID LINK = UUID.randomUUID();

    static LinkRules rules(boolean revoked, Instant expires, Integer maxViews, int views, boolean password,
                           boolean requireEmail, boolean verify, EmailRules email, String nda, boolean download,
                           boolean watermark) {
        return new LinkRules(LINK, "n", "DOCUMENT", UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), revoked,
                expires, maxViews, views, password, password ? "hash" : null, requireEmail, verify, email, nda, 1,
                download, watermark, null, List.<ItemOverride>of(), 3, false, false);
    }

    static LinkRules plain() {
        return rules(false, null, null, 0, false, false, false, EmailRules.NONE, null, true, false);
    }

    static Visit open(LinkRules r) {
        return Visit.open(r, NOW, Permission.MANAGE);
    }

    static Visit session(LinkRules r, String email, Boolean passwordOk, Boolean codeOk, boolean nda) {
        return new Visit(r, NOW, Permission.MANAGE, email, passwordOk, codeOk, nda, Optional.empty(), null, false);
    }

    static Visit visiting(LinkRules r, VisitorClaims claims, Optional<LinkScope.Entry> item, boolean pdf) {
        return new Visit(r, NOW, Permission.MANAGE, null, null, null, false, Optional.ofNullable(claims), item, pdf);
    }

    static VisitorClaims claims(int version, String email) {
        return new VisitorClaims(UUID.randomUUID(), LINK, version, email, NOW.minusSeconds(60), NOW.plusSeconds(600));
    }

    static LinkScope.Entry doc(boolean download, Permission creator) {
        return new LinkScope.Entry(UUID.randomUUID(), "DOCUMENT", "d.pdf", "1", "d.pdf", download, creator, List.of());
    }

    static Refusal.Kind kind(List<LinkPolicy> policies, Visit v) {
        return Policies.decide(policies, v).map(Refusal::kind).orElse(null);
    }

    @Test
    void sl2_revokedIsNotFoundEverywhere() {
        LinkRules r = rules(true, null, null, 0, false, false, false, EmailRules.NONE, null, true, false);
        assertEquals(Refusal.Kind.NOT_FOUND, kind(Policies.OPEN, open(r)));
        assertEquals(Refusal.Kind.NOT_FOUND, kind(Policies.DOWNLOAD, visiting(r, claims(3, null),
                Optional.of(doc(true, Permission.MANAGE)), true)));
    }

    @Test
    void sl3_expiredIsGone() {
        LinkRules r = rules(false, NOW, null, 0, false, false, false, EmailRules.NONE, null, true, false);
        assertEquals(Refusal.Kind.GONE, kind(Policies.OPEN, open(r)));
        assertEquals(Refusal.Kind.GONE, kind(Policies.VIEW, visiting(r, claims(3, null), null, false)));
        LinkRules later = rules(false, NOW.plusSeconds(1), null, 0, false, false, false, EmailRules.NONE, null, true,
                false);
        assertEquals(null, kind(Policies.OPEN, open(later)));
    }

    @Test
    void sl4_theCreatorsRightsBoundTheLink() {
        assertEquals(Refusal.Kind.NOT_FOUND, kind(Policies.OPEN, Visit.open(plain(), NOW, Permission.NONE)));
        assertEquals(Refusal.Kind.FORBIDDEN, kind(Policies.DOWNLOAD, visiting(plain(), claims(3, null),
                Optional.of(doc(true, Permission.VIEW)), true)), "the creator may only view it");
    }

    @Test
    void sl5_theViewLimitStopsNewSessionsOnly() {
        LinkRules r = rules(false, null, 2, 2, false, false, false, EmailRules.NONE, null, true, false);
        assertEquals(Refusal.Kind.GONE, kind(Policies.SESSION, session(r, null, null, null, false)));
        assertEquals(null, kind(Policies.VIEW, visiting(r, claims(3, null), null, false)));
    }

    @Test
    void sl6_sl7_sl8_sl12_credentialsAreListedTogether() {
        LinkRules r = rules(false, null, null, 0, true, true, true, EmailRules.NONE, "NDA", true, false);
        Visit nothing = session(r, null, null, null, false);
        assertEquals(Refusal.Kind.CREDENTIALS, kind(Policies.SESSION, nothing));
        assertEquals(List.of("password", "email", "emailCode", "nda"), Policies.missing(Policies.SESSION, nothing));
        assertEquals(List.of("emailCode"), Policies.missing(Policies.SESSION, session(r, "a@b.co", true, false,
                true)));
        assertEquals(null, kind(Policies.SESSION, session(r, "a@b.co", true, true, true)));
    }

    @Test
    void sl7_anEmailOutsideTheRulesIsForbiddenButNotBeforeThePassword() {
        EmailRules only = EmailRulesTest.rules(List.of(), List.of("example.com"), List.of(), List.of());
        LinkRules r = rules(false, null, null, 0, true, false, false, only, null, true, false);
        assertEquals(Refusal.Kind.CREDENTIALS, kind(Policies.SESSION, session(r, "x@other.com", false, null, false)));
        assertEquals(Refusal.Kind.FORBIDDEN, kind(Policies.SESSION, session(r, "x@other.com", true, null, false)));
        assertEquals(List.of("email"), Policies.missing(Policies.SESSION, session(r, null, true, null, false)),
                "an email rule implies an email");
        assertEquals(Refusal.Kind.FORBIDDEN, kind(Policies.VIEW, visiting(r, claims(3, "x@other.com"), null,
                false)));
    }

    @Test
    void sl9_downloadsOffAndTheMostSpecificSettingWins() {
        LinkRules off = rules(false, null, null, 0, false, false, false, EmailRules.NONE, null, false, false);
        assertEquals(Refusal.Kind.FORBIDDEN, kind(Policies.DOWNLOAD, visiting(off, claims(3, null), null, false)));
        assertEquals(Refusal.Kind.FORBIDDEN, kind(Policies.DOWNLOAD, visiting(off, claims(3, null),
                Optional.of(doc(false, Permission.MANAGE)), true)));
        assertEquals(null, kind(Policies.DOWNLOAD, visiting(off, claims(3, null),
                Optional.of(doc(true, Permission.MANAGE)), true)), "an item override allows it");
    }

    @Test
    void sl10_aHiddenItemIsNotFound() {
        assertEquals(Refusal.Kind.NOT_FOUND, kind(Policies.VIEW, visiting(plain(), claims(3, null), Optional.empty(),
                false)));
    }

    @Test
    void sl13_onlyASessionOfThisLinkAndSecurityVersionPasses() {
        assertEquals(Refusal.Kind.CREDENTIALS, kind(Policies.VIEW, visiting(plain(), null, null, false)));
        assertEquals(Refusal.Kind.CREDENTIALS, kind(Policies.VIEW, visiting(plain(), claims(2, null), null, false)),
                "an older security version");
        VisitorClaims otherLink = new VisitorClaims(UUID.randomUUID(), UUID.randomUUID(), 3, null, NOW, NOW.plusSeconds(9));
        assertEquals(Refusal.Kind.CREDENTIALS, kind(Policies.VIEW, visiting(plain(), otherLink, null, false)));
        assertTrue(Policies.missing(Policies.VIEW, visiting(plain(), null, null, false)).isEmpty());
    }

    @Test
    void sl14_aWatermarkedLinkDownloadsPdfsOnly() {
        LinkRules marked = rules(false, null, null, 0, false, false, false, EmailRules.NONE, null, true, true);
        assertEquals(Refusal.Kind.FORBIDDEN, kind(Policies.DOWNLOAD, visiting(marked, claims(3, null),
                Optional.of(doc(true, Permission.MANAGE)), false)));
        assertEquals(null, kind(Policies.DOWNLOAD, visiting(marked, claims(3, null),
                Optional.of(doc(true, Permission.MANAGE)), true)));
    }

    @Test
    void sl17_everyDerivedListStartsWithTheOpenRulesAndTheSession() {
        for (List<LinkPolicy> derived : List.of(Policies.VIEW, Policies.DOWNLOAD)) {
            assertTrue(derived.containsAll(List.of(Policies.NOT_REVOKED, Policies.CREATOR_STILL_HOLDS_IT,
                    Policies.NOT_EXPIRED, Policies.VISITOR_SESSION, Policies.EMAIL_ALLOWED, Policies.ITEM_VISIBLE)));
        }
        assertTrue(Policies.DOWNLOAD.containsAll(Policies.VIEW));
    }
}
