package io.coffer.sharelinks.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The wording of a link's watermark (SL-14): the link's template with the placeholders {@code {email}},
 * {@code {date}}, {@code {time}}, {@code {ip}}, {@code {link}} filled for one visitor. Drawing it into page images and
 * stamping it on PDFs is documents' ({@code documents.Watermark}).
 */
public final class Watermarks {

    public static final String DEFAULT_TEXT = "{email} | {date} {time} UTC | {ip} | {link}";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private Watermarks() {
    }

    /** The watermark line for one visitor. */
    public static String text(String template, String email, Instant at, String ip, String linkName) {
        String t = template == null || template.isBlank() ? DEFAULT_TEXT : template;
        return t.replace("{email}", email == null ? "anonymous visitor" : email)
                .replace("{date}", DATE.format(at)).replace("{time}", TIME.format(at))
                .replace("{ip}", ip == null ? "unknown address" : ip)
                .replace("{link}", linkName == null ? "" : linkName).strip();
    }
}
