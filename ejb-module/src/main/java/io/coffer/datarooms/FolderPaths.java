package io.coffer.datarooms;

import io.coffer.shared.error.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths of {@code POST /datarooms/{id}/paths} (DR-12): {@code /}-separated folder names, each one a folder name
 * by {@link Names#clean} (the one rule folder creation uses: NFC, trimmed, 1 to 255 characters, no {@code .}/{@code ..},
 * no {@code \}, no control or bidirectional-override characters); one leading and one trailing {@code /} are allowed
 * and mean nothing; an empty segment ({@code a//b}, or a path that is only slashes) is refused. At most
 * {@link #MAX_PATHS} paths a request, {@link #MAX_DEPTH} segments and {@link #MAX_LENGTH} characters a path. Every
 * bad path is named by its index and its text ({@code [2]}), so that the caller knows which one to fix; one bad path
 * refuses the whole request.
 */
public final class FolderPaths {
    public static final int MAX_PATHS = 1000;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_LENGTH = 4096;

    private FolderPaths() {
    }

    /** One requested path: as the caller wrote it, and its clean segments from the room's top. */
    public record Requested(String path, List<String> segments) {
        public Requested {
            segments = List.copyOf(segments);
        }
    }

    /** Parses every path, or refuses the whole list with one error per bad path (field {@code [i]}). */
    public static List<Requested> parse(List<String> paths) {
        if (paths == null) {
            throw ValidationException.of("body", "must be an array of paths");
        }
        if (paths.size() > MAX_PATHS) {
            throw ValidationException.of("body", "must hold at most " + MAX_PATHS + " paths");
        }
        List<Requested> parsed = new ArrayList<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            try {
                parsed.add(new Requested(paths.get(i), segments(paths.get(i))));
            } catch (ValidationException bad) {
                String message = bad.errors().isEmpty() ? bad.getMessage() : bad.errors().get(0).message();
                errors.add(new ValidationException.FieldError("[" + i + "]", quoted(paths.get(i)) + ": " + message));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Some paths are not valid; no folder was created.", errors);
        }
        return parsed;
    }

    /** The clean segments of one path. */
    static List<String> segments(String path) {
        if (path == null) {
            throw ValidationException.of("path", "must be a string");
        }
        if (path.length() > MAX_LENGTH) {
            throw ValidationException.of("path", "must be at most " + MAX_LENGTH + " characters");
        }
        String p = path;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw ValidationException.of("path", "must name at least one folder");
        }
        String[] parts = p.split("/", -1);
        if (parts.length > MAX_DEPTH) {
            throw ValidationException.of("path", "must be at most " + MAX_DEPTH + " folders deep");
        }
        List<String> segments = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                throw ValidationException.of("path", "must not have an empty folder name (//)");
            }
            segments.add(Names.clean(part, "path"));
        }
        return segments;
    }

    /** The path in quotes for an error message, cut short when long (never more than 100 characters of it). */
    private static String quoted(String path) {
        if (path == null) {
            return "null";
        }
        String shown = path.length() > 100 ? path.substring(0, 100) + "…" : path;
        StringBuilder safe = new StringBuilder("\"");
        shown.codePoints().forEach(c -> safe.append(Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C ? "\uFFFD"
                : Character.toString(c)));
        return safe.append('"').toString();
    }
}
