package io.coffer.documents;

import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The events documents publishes ({@link DocumentEvent}); ids only, past tense. */
public final class DocumentEvents {
    private DocumentEvents() {
    }

    /** {@code document.uploaded}: version 1 of a new document. */
    public record Uploaded(TenantId tenant, RoomId room, DocumentId document, int version, long size, UserId actor,
                           Instant at) implements DocumentEvent {
        @Override
        public String type() {
            return "document.uploaded";
        }
    }

    /** {@code document.version-added}. */
    public record VersionAdded(TenantId tenant, RoomId room, DocumentId document, int version, long size, UserId actor, Instant at)
            implements DocumentEvent {
        @Override
        public String type() {
            return "document.version-added";
        }
    }

    /** Who read a document's bytes: a member (by the API or a ticket), or a share link's visitor session. */
    public record Reader(UserId member, LinkId link, UUID visitorSession, String visitorEmail) {
        public Reader {
            if ((member == null) == (link == null)) {
                throw new IllegalArgumentException("a reader is a member or a link's visitor");
            }
        }

        public static Reader member(UserId user) {
            return new Reader(Objects.requireNonNull(user), null, null, null);
        }

        /** A visitor: the link, the visitor session and the email it proved (null when the link asks none). */
        public static Reader visitor(LinkId link, UUID session, String email) {
            return new Reader(null, Objects.requireNonNull(link), Objects.requireNonNull(session), email);
        }
    }

    /** How the bytes went out. */
    public enum Via { API, TICKET, LINK, LINK_TICKET, LINK_ZIP }

    /**
     * {@code document.downloaded}, the one record for members and visitors: the bytes of the newest version were
     * served ({@code watermarked}: a PDF stamped for a visitor). What counts as a download is one rule of the web
     * layer (FD-33): a GET answered from the first byte; a HEAD, a 304, a 416 and a later range are none.
     * {@code clientAddress} is null where the module is not told it (members' API downloads).
     */
    public record Downloaded(TenantId tenant, RoomId room, DocumentId document, int version, String sha256,
                             Reader reader, Via via, boolean watermarked, String clientAddress, Instant at)
            implements DocumentEvent {
        @Override
        public String type() {
            return "document.downloaded";
        }
    }

    /** {@code document.purged}: a trashed document's 30 days are over; its versions and the item are gone for good. */
    public record Purged(TenantId tenant, DocumentId document, long bytes, Instant at) implements DocumentEvent {
        @Override
        public String type() {
            return "document.purged";
        }
    }

    /**
     * {@code document.quarantined}: the virus scanner found {@code finding} in a version (FR-8); it is never served.
     * {@code room} is null when the document was purged before the verdict.
     */
    public record Quarantined(TenantId tenant, RoomId room, DocumentId document, int version, String sha256,
                              String finding, Instant at) implements DocumentEvent {
        @Override
        public String type() {
            return "document.quarantined";
        }
    }

    /** {@code document.deleted} (moved to the trash). */
    public record Deleted(TenantId tenant, RoomId room, DocumentId document, UserId actor, Instant at) implements DocumentEvent {
        @Override
        public String type() {
            return "document.deleted";
        }
    }
}
