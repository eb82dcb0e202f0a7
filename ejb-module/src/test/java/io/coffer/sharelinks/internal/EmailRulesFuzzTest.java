package io.coffer.sharelinks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coffer.shared.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * AB-4: a link's allow and deny lists (SL-7). Cleaning a list refuses it with a 400 or gives entries that are clean
 * already, each once, that survive the column they are stored in; a visitor's email is either no address (refused) or
 * one whose domain is a host name; and {@code allows} never throws and agrees with a reference written on labels:
 * deny wins, then with any allow entry only allowed addresses pass, {@code *.d} matching the subdomains of d only.
 */
class EmailRulesFuzzTest {

    private static final String[] LABELS = {"example", "com", "a", "b-c", "x1", "", "-", "*", "EXAMPLE", "ex", "\u212A"};

    static String domain(FuzzedDataProvider d) {
        if (d.consumeInt(0, 7) == 0) {
            return d.consumeString(20);
        }
        List<String> labels = new ArrayList<>();
        int n = d.consumeInt(1, 4);
        for (int i = 0; i < n; i++) {
            labels.add(LABELS[d.consumeInt(0, LABELS.length - 1)]);
        }
        return (d.consumeInt(0, 3) == 0 ? "*." : "") + String.join(".", labels);
    }

    static String email(FuzzedDataProvider d) {
        String local = d.consumeBoolean() ? "me" : d.consumeString(6);
        return local + (d.consumeInt(0, 7) == 0 ? "" : "@") + domain(d).replace("*.", d.consumeBoolean() ? "" : "*.");
    }

    static List<String> list(FuzzedDataProvider d, boolean emails) {
        List<String> out = new ArrayList<>();
        int n = d.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            out.add(emails ? email(d) : domain(d));
        }
        return out;
    }

    /** The reference: on labels, never on string suffixes. */
    static boolean matches(String rule, String domain) {
        List<String> host = Arrays.asList(domain.split("\\.", -1));
        if (rule.startsWith("*.")) {
            List<String> base = Arrays.asList(rule.substring(2).split("\\.", -1));
            return host.size() > base.size() && host.subList(host.size() - base.size(), host.size()).equals(base);
        }
        return rule.equals(domain);
    }

    static boolean hostName(String domain) {
        return domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    }

    static List<String> cleaned(List<String> raw, boolean emails) {
        List<String> clean = emails ? EmailRules.emails(raw, "allowEmails") : EmailRules.domains(raw, "allowDomains");
        assertEquals(clean, emails ? EmailRules.emails(clean, "f") : EmailRules.domains(clean, "f"), "idempotent");
        assertEquals(clean.size(), clean.stream().distinct().count(), "each entry once");
        assertEquals(clean, EmailRules.lines(EmailRules.store(clean)), "stored and read back the same");
        for (String e : clean) {
            String domain = emails ? e.substring(e.indexOf('@') + 1) : e.startsWith("*.") ? e.substring(2) : e;
            assertTrue(hostName(domain), "a host name: " + e);
        }
        return clean;
    }

    @FuzzTest(maxDuration = "4s")
    void ab4_emailRulesAreCleanedOrRefusedAndDecideLikeTheReference(FuzzedDataProvider d) {
        List<String> allowEmails;
        List<String> allowDomains;
        List<String> denyEmails;
        List<String> denyDomains;
        try {
            allowEmails = cleaned(list(d, true), true);
            allowDomains = cleaned(list(d, false), false);
            denyEmails = cleaned(list(d, true), true);
            denyDomains = cleaned(list(d, false), false);
        } catch (ValidationException e) {
            assertNotNull(e.getMessage());
            return; // the documented refusal: 400 on the list
        }
        EmailRules rules = new EmailRules(allowEmails, allowDomains, denyEmails, denyDomains);
        String visitor = email(d);
        String normal = EmailRules.normalEmail(visitor);
        boolean allowed = rules.allows(visitor);
        if (normal == null) {
            assertFalse(allowed, "no address, no entry");
            return;
        }
        assertEquals(normal, EmailRules.normalEmail(normal), "normal form is stable");
        assertEquals(normal.strip().toLowerCase(Locale.ROOT), normal, "lower case, trimmed");
        String domain = normal.substring(normal.indexOf('@') + 1);
        assertTrue(hostName(domain), "a visitor's address has a host name: " + normal);
        boolean denied = denyEmails.contains(normal) || denyDomains.stream().anyMatch(r -> matches(r, domain));
        boolean anyAllow = !allowEmails.isEmpty() || !allowDomains.isEmpty();
        boolean listed = allowEmails.contains(normal) || allowDomains.stream().anyMatch(r -> matches(r, domain));
        assertEquals(!denied && (!anyAllow || listed), allowed, "allows(" + visitor + ") under " + rules);
    }
}
