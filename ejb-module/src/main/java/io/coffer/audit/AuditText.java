package io.coffer.audit;

/**
 * The one encoding of the audit log's text values (AUD-3): a backslash and every control character (C0, DEL, C1 —
 * so CR, LF and the ESC of ANSI sequences) become {@code \\uXXXX} escapes, so that no stored value and no line of the
 * CSV export can be forged or repaint a terminal. Applied when an entry is written and again when a CSV field is.
 */
public final class AuditText {
    private AuditText() {
    }

    public static String encode(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A CSV field (RFC 4180, always quoted): encoded as above, quotes doubled, and a leading {@code = + - @} is
     * prefixed with {@code '} so that a spreadsheet never runs it as a formula.
     */
    public static String csvField(String value) {
        if (value == null) {
            return "\"\"";
        }
        String encoded = encode(value);
        if (!encoded.isEmpty() && "=+-@".indexOf(encoded.charAt(0)) >= 0) {
            encoded = "'" + encoded;
        }
        return '"' + encoded.replace("\"", "\"\"") + '"';
    }
}
