package io.coffer.sharelinks.internal;

import io.coffer.shared.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Allow and deny lists of emails and domains (SL-7): case-insensitive; a domain matches exactly; a domain written
 * {@code *.example.com} matches its subdomains only ({@code a.example.com}, {@code b.a.example.com}, never
 * {@code example.com} nor {@code badexample.com}). Deny wins over allow; with any allow entry, only allowed addresses
 * pass.
 */
public record EmailRules(List<String> allowEmails, List<String> allowDomains, List<String> denyEmails,
                         List<String> denyDomains) {

    private static final String HOST = io.coffer.shared.Emails.HOST;
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?" + HOST);

    public static final EmailRules NONE = new EmailRules(List.of(), List.of(), List.of(), List.of());

    public boolean any() {
        return !allowEmails.isEmpty() || !allowDomains.isEmpty() || !denyEmails.isEmpty() || !denyDomains.isEmpty();
    }

    public boolean allows(String email) {
        String e = normalEmail(email);
        if (e == null) {
            return false;
        }
        String domain = e.substring(e.indexOf('@') + 1);
        if (denyEmails.contains(e) || denyDomains.stream().anyMatch(d -> domainMatches(d, domain))) {
            return false;
        }
        if (allowEmails.isEmpty() && allowDomains.isEmpty()) {
            return true;
        }
        return allowEmails.contains(e) || allowDomains.stream().anyMatch(d -> domainMatches(d, domain));
    }

    static boolean domainMatches(String rule, String domain) {
        if (rule.startsWith("*.")) {
            return domain.endsWith(rule.substring(1)) && domain.length() > rule.length() - 1;
        }
        return rule.equals(domain);
    }

    /** A visitor's email in the one form that is compared and stored, or null when it is not an email address. */
    public static String normalEmail(String email) {
        return io.coffer.shared.Emails.normal(email); // the one reading (AB-4)
    }

    /** Cleans an owner's list of emails; a malformed entry is a 400 on {@code field}. */
    public static List<String> emails(List<String> raw, String field) {
        List<String> clean = new ArrayList<>();
        for (String entry : raw == null ? List.<String>of() : raw) {
            String e = normalEmail(entry);
            if (e == null) {
                throw ValidationException.of(field, "must hold email addresses");
            }
            if (!clean.contains(e)) {
                clean.add(e);
            }
        }
        if (clean.size() > 1000) {
            throw ValidationException.of(field, "must hold at most 1000 entries");
        }
        return List.copyOf(clean);
    }

    /** Cleans an owner's list of domains ({@code example.com} or {@code *.example.com}). */
    public static List<String> domains(List<String> raw, String field) {
        List<String> clean = new ArrayList<>();
        for (String entry : raw == null ? List.<String>of() : raw) {
            String d = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (d.startsWith("@")) {
                d = d.substring(1);
            }
            if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
                throw ValidationException.of(field, "must hold domains such as example.com or *.example.com");
            }
            if (!clean.contains(d)) {
                clean.add(d);
            }
        }
        if (clean.size() > 1000) {
            throw ValidationException.of(field, "must hold at most 1000 entries");
        }
        return List.copyOf(clean);
    }

    static List<String> lines(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
    }

    static String store(List<String> list) {
        return String.join("\n", list);
    }
}
