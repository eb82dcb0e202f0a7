package io.coffer.filerequests.internal;

import io.coffer.shared.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * A request's type limit (FR-5, FR-6), in one place: entries are media types ({@code application/pdf}), families
 * ({@code image/*}) or extensions ({@code .docx}). Before the body, the file's name and declared type must fit; after
 * it is stored, the type detected from its bytes (refined by its name where the bytes name only a container, a zip
 * for a .docx) must fit too: a renamed executable is refused whatever its name says.
 */
public final class Limits {

    static final int MAX_TYPES = 100;
    private static final Pattern MEDIA = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/([a-z0-9][a-z0-9!#$&^_.+-]{0,126}|\\*)");
    private static final Pattern EXTENSION = Pattern.compile("\\.[a-z0-9][a-z0-9_+-]{0,30}");
    private static final Tika TIKA = new Tika();
    private static final MediaTypeRegistry REGISTRY = MediaTypeRegistry.getDefaultRegistry();

    private final List<String> entries;

    private Limits(List<String> entries) {
        this.entries = entries;
    }

    /** A member's list, cleaned (lower case, deduplicated); a malformed entry is a 400 on {@code allowedTypes}. */
    public static List<String> clean(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String entry : raw == null ? List.<String>of() : raw) {
            String e = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (!MEDIA.matcher(e).matches() && !EXTENSION.matcher(e).matches()) {
                throw ValidationException.of("allowedTypes",
                        "must hold media types (application/pdf), families (image/*) or extensions (.docx)");
            }
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        if (out.size() > MAX_TYPES) {
            throw ValidationException.of("allowedTypes", "must hold at most " + MAX_TYPES + " entries");
        }
        return List.copyOf(out);
    }

    /** The limit of a stored list; empty: every type. */
    public static Limits of(List<String> entries) {
        return new Limits(entries == null ? List.of() : entries);
    }

    public boolean any() {
        return entries.isEmpty();
    }

    /**
     * Before the body: does a file of this name and declared Content-Type fit? An extension entry fits the name; a
     * media entry fits the declared type or the type the name stands for.
     */
    public boolean admits(String name, String declaredType) {
        if (entries.isEmpty()) {
            return true;
        }
        String byName = TIKA.detect(name).toLowerCase(Locale.ROOT);
        return extensionFits(name) || mediaFits(byName) || declaredType != null && mediaFits(base(declaredType));
    }

    /**
     * After the body is stored: does the type detected from its bytes fit? The name refines a container's type (a
     * zip's .docx) only where the registry says the named type is one of the detected kind, so a name never makes
     * text of an executable. An extension entry fits only when the bytes agree with the extension.
     */
    public boolean accepts(String detectedType, String name) {
        if (entries.isEmpty()) {
            return true;
        }
        String effective = effective(detectedType, name);
        String byName = TIKA.detect(name).toLowerCase(Locale.ROOT);
        return mediaFits(effective) || extensionFits(name) && effective.equals(byName);
    }

    /** The detected type, or the name's when that is a specialisation of it (application/zip → a .docx). */
    static String effective(String detectedType, String name) {
        String detected = base(detectedType);
        String byName = TIKA.detect(name).toLowerCase(Locale.ROOT);
        MediaType d = MediaType.parse(detected);
        MediaType n = MediaType.parse(byName);
        if (d != null && n != null && !d.equals(n) && REGISTRY.isSpecializationOf(n, d)
                && !MediaType.OCTET_STREAM.equals(d)) { // bytes of no known kind stay unknown, whatever the name
            return byName;
        }
        return detected;
    }

    private boolean extensionFits(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return entries.stream().anyMatch(e -> e.startsWith(".") && lower.endsWith(e) && lower.length() > e.length());
    }

    private boolean mediaFits(String type) {
        for (String e : entries) {
            if (e.startsWith(".")) {
                continue;
            }
            if (e.endsWith("/*") ? type.startsWith(e.substring(0, e.length() - 1)) : e.equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String base(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
