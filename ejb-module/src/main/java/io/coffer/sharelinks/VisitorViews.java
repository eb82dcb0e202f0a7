package io.coffer.sharelinks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/** What the visitor side answers (records of the public face). */
public final class VisitorViews {
    private VisitorViews() {
    }

    /** Who asks: the link token from the path, the visitor token from {@code X-Visitor-Token}, the client address. */
    public record Request(String linkToken, String visitorToken, String clientAddress) {
        @Override
        public String toString() {
            return "VisitorRequest[" + clientAddress + "]"; // never a token
        }
    }

    /** What a visitor gives to start a session. */
    public record Credentials(String password, String email, String emailCode, Boolean ndaAccepted) {
        @Override
        public String toString() {
            return "Credentials[" + email + "]";
        }
    }

    /** {@code GET /public/links/{token}}. */
    public record Intro(String name, String targetType, List<String> requires, String ndaText, String brandName) {
    }

    /** A created session: the visitor token and its lifetime in seconds. */
    public record Session(String visitorToken, long expiresIn) {
        @Override
        public String toString() {
            return "Session[" + expiresIn + "]";
        }
    }

    /** One item of what a link shows. */
    public record Node(UUID id, String kind, String name, String index, boolean allowDownload, List<Node> children) {
    }

    /** A page-time beacon. */
    public record Beacon(UUID docId, int page, int seconds) {
    }

    /** Bytes a visitor downloads: their size, ETag, served type and file name, readable by range. */
    public record File(String fileName, String servedType, long size, String etag, Source source) {
    }

    /** Opens {@code length} bytes from {@code start}. */
    @FunctionalInterface
    public interface Source {
        InputStream open(long start, long length) throws IOException;
    }

    /** A zip of the visible, downloadable documents, written entry by entry (never built in memory). */
    public interface Zip {
        String fileName();

        List<String> entryNames();

        void writeTo(OutputStream out) throws IOException;
    }
}
