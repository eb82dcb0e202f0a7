package io.coffer.documents.internal;

import java.util.Set;

/**
 * Which detected types are served as themselves. Everything else — HTML, SVG, XML, scripts, unknown — is served as
 * {@code application/octet-stream}, always as an attachment, with {@code nosniff}.
 */
public final class ContentTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Set<String> SERVED_AS_IS = Set.of(
            "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain",
            "application/zip",
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");

    private ContentTypes() {
    }

    public static String served(String detected) {
        return SERVED_AS_IS.contains(detected) ? detected : OCTET_STREAM;
    }
}
