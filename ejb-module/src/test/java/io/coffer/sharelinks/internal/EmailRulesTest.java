package io.coffer.sharelinks.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.shared.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SL-7: allow and deny lists, case-insensitive, exact domains, subdomains only with "*.". */
class EmailRulesTest {

    static EmailRules rules(List<String> allowEmails, List<String> allowDomains, List<String> denyEmails,
                            List<String> denyDomains) {
        return new EmailRules(EmailRules.emails(allowEmails, "allowEmails"),
                EmailRules.domains(allowDomains, "allowDomains"), EmailRules.emails(denyEmails, "denyEmails"),
                EmailRules.domains(denyDomains, "denyDomains"));
    }

    @Test
    void sl7_domainsMatchExactlyAndWildcardsOnlySubdomains() {
        EmailRules r = rules(List.of(), List.of("Example.COM", "*.partner.org"), List.of(), List.of());
        assertTrue(r.allows("a@example.com"));
        assertTrue(r.allows("A@EXAMPLE.com"));
        assertFalse(r.allows("a@sub.example.com"));
        assertFalse(r.allows("a@badexample.com"));
        assertFalse(r.allows("a@example.com.evil.io"));
        assertTrue(r.allows("a@x.partner.org"));
        assertTrue(r.allows("a@y.x.partner.org"));
        assertFalse(r.allows("a@partner.org"));
        assertFalse(r.allows("a@xpartner.org"));
    }

    @Test
    void sl7_denyWinsOverAllowAndEmailsAreCaseInsensitive() {
        EmailRules r = rules(List.of("Boss@Example.com"), List.of("example.com"), List.of("MALLORY@example.com"),
                List.of("*.rival.com"));
        assertTrue(r.allows("boss@example.com"));
        assertFalse(r.allows("mallory@EXAMPLE.com"));
        assertFalse(r.allows("x@sub.rival.com"));
        assertFalse(r.allows("someone@else.net"));
        EmailRules denyOnly = rules(List.of(), List.of(), List.of(), List.of("rival.com"));
        assertTrue(denyOnly.allows("friend@else.net"));
        assertFalse(denyOnly.allows("spy@Rival.com"));
        assertTrue(denyOnly.allows("spy@sub.rival.com"));
    }

    @Test
    void sl7_malformedEntriesAndAddressesAreRefused() {
        assertThrows(ValidationException.class, () -> EmailRules.emails(List.of("not an email"), "allowEmails"));
        assertThrows(ValidationException.class, () -> EmailRules.domains(List.of("bad domain!"), "allowDomains"));
        assertThrows(ValidationException.class, () -> EmailRules.domains(List.of("*.*.x.com"), "allowDomains"));
        assertFalse(EmailRules.NONE.allows("nobody"));
        assertTrue(EmailRules.NONE.allows("any@one.org"));
    }
}
