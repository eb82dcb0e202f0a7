package io.coffer.sharelinks;

import java.util.List;
import java.util.UUID;

/** What the visitor side answers (records of the public face). */
public final class VisitorViews {
    private VisitorViews() {
    }

    /** Who asks: the link token from the path, the visitor token from {@code X-Visitor-Token}, the client address. */
    public record Request(String linkToken, String visitorToken, String clientAddress)
            implements io.coffer.tenancy.TenantOfSecret.Carrier {
        /** The link token: the secret whose tenant the visitor's call runs in. */
        @Override
        public String secret() {
            return linkToken;
        }

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
}
