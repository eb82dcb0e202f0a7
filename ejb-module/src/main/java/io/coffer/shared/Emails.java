package io.coffer.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one reading of an email address a person typed: stripped, lower case, and an address or nothing. */
public final class Emails {
    private Emails() {
    }

    /** A host name: labels of letters, digits and inner hyphens. */
    public static final String HOST = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";
    /** The domain part a host name (AB-4): {@code a@.example.com} or {@code a@-.com} are no addresses. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@(?=.{1,253}$)" + HOST);

    /** The normal form of {@code email}, or null when it is no address. */
    public static String normal(String email) {
        if (email == null) {
            return null;
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        return e.length() <= 254 && EMAIL.matcher(e).matches() ? e : null;
    }
}
