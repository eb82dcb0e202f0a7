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

    /**
     * What a visitor of a link with {@code allowQuestions} may ask about and read of Q&A (questions, QA-4, QA-5): the
     * session, the email it carries (null when none was given) and the documents the link shows and lets this visitor
     * view now (id → name; hidden overrides and anything outside the target are not in it).
     */
    public record QuestionScope(io.coffer.shared.TenantId tenant, UUID linkId, UUID roomId, UUID sessionId,
                                String email, java.util.Map<UUID, String> documents) {
        @Override
        public String toString() {
            return "QuestionScope[" + linkId + ", " + documents.size() + "]"; // never the email
        }
    }

    /** A page-time beacon. */
    public record Beacon(UUID docId, int page, int seconds) {
    }

    /**
     * A batch of beacons checked by {@link Visitors#beacons} or {@link BeaconChecks#inMemory}: every document is one
     * the link shows, every page within its page count, the seconds within {@link #MAX_SECONDS_PER_PAGE} each and
     * {@link #MAX_SECONDS_PER_BATCH} together (ACT-20). Who sent it (session, proven email, client address, and the
     * session's security version, issue and expiry, which {@link BeaconChecks#confirm} checks again before it is
     * stored) and when it was received.
     */
    public record BeaconBatch(io.coffer.shared.TenantId tenant, io.coffer.shared.LinkId link,
                              io.coffer.shared.RoomId room, UUID session, String email, String clientAddress,
                              java.time.Instant at, List<Beacon> entries, int securityVersion,
                              java.time.Instant sessionIssued, java.time.Instant sessionExpires) {
        public static final int MAX_ENTRIES = 500;
        public static final int MAX_SECONDS_PER_PAGE = 3600;
        public static final int MAX_SECONDS_PER_BATCH = 3600;

        public BeaconBatch {
            entries = List.copyOf(entries);
        }

        /** The same batch with only these of its entries. */
        public BeaconBatch with(List<Beacon> kept) {
            return new BeaconBatch(tenant, link, room, session, email, clientAddress, at, kept, securityVersion,
                    sessionIssued, sessionExpires);
        }

        @Override
        public String toString() {
            return "BeaconBatch[" + link + ", " + entries.size() + "]"; // never the email
        }
    }
}
