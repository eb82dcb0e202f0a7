package io.coffer.automation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.events.AutomationEvents;
import io.coffer.automation.Rule;
import io.coffer.events.EventFacts;
import io.coffer.shared.TenantId;
import io.coffer.sharelinks.ShareLinkEvents;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Conditions, the count/debounce subject and the outbox payload of automation (docs/features/automation.md). */
class RuleRunnerTest {

    static final TenantId TENANT = new TenantId(UUID.randomUUID());
    static final UUID LINK = UUID.randomUUID();
    static final UUID ROOM = UUID.randomUUID();
    static final UUID DOC = UUID.randomUUID();
    static final UUID SESSION = UUID.randomUUID();

    static EventFacts viewed(String email) {
        return EventFacts.of(new ShareLinkEvents.DocumentViewed(TENANT, LINK, ROOM, SESSION, email, DOC, 2, 0,
                "203.0.113.9", Instant.parse("2026-12-02T10:00:00Z")));
    }

    static Rule.Conditions when(UUID room, UUID link, UUID doc, String email, String domain) {
        return new Rule.Conditions(room, link, doc, email, domain, null);
    }

    @Test
    void auto14_everyNamedConditionMustHold() {
        EventFacts f = viewed("Ann@Example.COM");
        assertTrue(RuleRunner.matches(Rule.Conditions.NONE, f));
        assertTrue(RuleRunner.matches(when(ROOM, LINK, DOC, "ann@example.com", "example.com"), f));
        assertFalse(RuleRunner.matches(when(UUID.randomUUID(), null, null, null, null), f), "room");
        assertFalse(RuleRunner.matches(when(null, UUID.randomUUID(), null, null, null), f), "link");
        assertFalse(RuleRunner.matches(when(null, null, UUID.randomUUID(), null, null), f), "document");
        assertFalse(RuleRunner.matches(when(null, null, null, "bob@example.com", null), f), "email");
        assertFalse(RuleRunner.matches(when(null, null, null, null, "ample.com"), f), "domain is a whole domain");
        assertFalse(RuleRunner.matches(when(null, null, null, null, "example.com"), viewed(null)),
                "an event without an email matches no email condition");
    }

    @Test
    void auto15_auto16_theSubjectIsTheLinkAndTheVisitor() {
        assertEquals(LINK + "|ann@example.com", RuleRunner.subject(viewed("Ann@example.com")));
        assertEquals(LINK + "|session:" + SESSION, RuleRunner.subject(viewed(null)));
        EventFacts opened = EventFacts.of(new ShareLinkEvents.Opened(TENANT, LINK, ROOM, "203.0.113.9",
                Instant.now()));
        assertEquals(LINK + "|address:203.0.113.9", RuleRunner.subject(opened));
    }

    @Test
    void auto11_thePayloadCarriesTheEventIdAndItsFacts() {
        UUID event = UUID.randomUUID();
        EventFacts f = viewed("ann@example.com");
        FactsJson.Work w = FactsJson.read(FactsJson.write(event, f));
        assertEquals(event, w.eventId());
        assertEquals(new EventFacts(f.tenant(), f.type(), f.at(), f.actorType(), f.actorId(), f.visitorEmail(),
                f.roomId(), f.documentId(), f.linkId(), f.sessionId(), f.page(), f.seconds(), f.clientAddress(),
                f.objectType(), f.objectId(), f.denied(), java.util.Map.of()), w.facts());
    }

    @Test
    void auto25_aNoteIsReadByEventFacts() {
        UUID rule = UUID.randomUUID();
        EventFacts f = EventFacts.of(new AutomationEvents.Note(TENANT, rule, "Watch", "opened again", "link.opened",
                ROOM, LINK, null, Instant.now()));
        assertEquals("automation.note", f.type());
        assertEquals(EventFacts.SYSTEM, f.actorType());
        assertEquals("automation-rule", f.objectType());
        assertEquals(rule, f.objectId());
        assertEquals(LINK, f.linkId());
        assertEquals("opened again", f.data().get("text"));
    }
}
