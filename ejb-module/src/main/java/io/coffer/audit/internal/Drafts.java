package io.coffer.audit.internal;

import io.coffer.datarooms.DataRoomEvents;
import io.coffer.documents.DocumentEvents;
import io.coffer.identity.IdentityEvents;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.ShareLinkEvents;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What each event of the modules becomes in the audit log: actor, action, object and outcome. Visitors are named by
 * their session id (null before they have one), never by the email some events carry (AUD-7). An event type not
 * known here is still recorded (a SYSTEM entry with its type), so that no new action goes unaudited silently.
 */
final class Drafts {
    static final String USER = "USER";
    static final String VISITOR = "VISITOR";
    static final String SYSTEM = "SYSTEM";
    /** The audit's action for the refusals of members and visitors (contract). */
    static final String ACCESS_DENIED = "access.denied";

    private Drafts() {
    }

    /** Refusals: written in a transaction of their own whatever becomes of the refused one (AUD-2). */
    static boolean isDenial(CofferEvent e) {
        return e instanceof DataRoomEvents.AccessDenied || e instanceof ShareLinkEvents.AccessDenied
                || e instanceof IdentityEvents.LoginFailed;
    }

    static Optional<Draft> of(CofferEvent e) {
        Instant at = e.at();
        String type = e.type();
        if (e instanceof IdentityEvents.UserCreated x) {
            return Optional.of(byUser(at, x.actor(), type, "user", x.user().value(), null));
        } else if (e instanceof IdentityEvents.UserInvited x) {
            return Optional.of(byUser(at, x.actor(), type, "invitation", x.invitation(), null));
        } else if (e instanceof IdentityEvents.PasswordResetRequested x) {
            return Optional.of(byUser(at, x.user(), type, "user", x.user().value(), x.clientAddress()));
        } else if (e instanceof IdentityEvents.PasswordResetCompleted x) {
            return Optional.of(byUser(at, x.user(), type, "user", x.user().value(), null));
        } else if (e instanceof IdentityEvents.LoginSucceeded x) {
            return Optional.of(byUser(at, x.user(), type, "user", x.user().value(), x.clientAddress()));
        } else if (e instanceof IdentityEvents.LoginFailed x) {
            UUID user = x.user() == null ? null : x.user().value();
            return Optional.of(Draft.denied(at, USER, user, type, user == null ? null : "user", user,
                    x.clientAddress()));
        } else if (e instanceof IdentityEvents.RoleChanged x) {
            return Optional.of(byUser(at, x.actor(), type, "user", x.user().value(), null));
        } else if (e instanceof IdentityEvents.MemberRemoved x) {
            return Optional.of(byUser(at, x.actor(), type, "user", x.user().value(), null));
        } else if (e instanceof DataRoomEvents.DataRoomCreated x) {
            return Optional.of(byUser(at, x.actor(), type, "dataroom", x.room().value(), null));
        } else if (e instanceof DataRoomEvents.GrantChanged x) {
            return Optional.of(byUser(at, x.actor(), type, "dataroom", x.room().value(), null));
        } else if (e instanceof DataRoomEvents.GroupMembersChanged x) {
            return Optional.of(byUser(at, x.actor(), type, "group", x.group().value(), null));
        } else if (e instanceof DataRoomEvents.AccessDenied x) {
            return Optional.of(Draft.denied(at, USER, x.actor().value(), ACCESS_DENIED, "item", x.object(), null));
        } else if (e instanceof DocumentEvents.Uploaded x) {
            return Optional.of(byUser(at, x.actor(), type, "document", x.document().value(), null));
        } else if (e instanceof DocumentEvents.VersionAdded x) {
            return Optional.of(byUser(at, x.actor(), type, "document", x.document().value(), null));
        } else if (e instanceof DocumentEvents.Deleted x) {
            return Optional.of(byUser(at, x.actor(), type, "document", x.document().value(), null));
        } else if (e instanceof DocumentEvents.Purged x) {
            return Optional.of(Draft.allowed(at, SYSTEM, null, type, "document", x.document().value(), null));
        } else if (e instanceof DocumentEvents.Downloaded x) {
            DocumentEvents.Reader r = x.reader();
            return Optional.of(r.member() != null
                    ? byUser(at, r.member(), type, "document", x.document().value(), x.clientAddress())
                    : Draft.allowed(at, VISITOR, r.visitorSession(), type, "document", x.document().value(),
                            x.clientAddress()));
        } else if (e instanceof ShareLinkEvents.Created x) {
            return Optional.of(byUser(at, x.actor(), type, "share-link", x.link(), null));
        } else if (e instanceof ShareLinkEvents.Updated x) {
            return Optional.of(byUser(at, x.actor(), type, "share-link", x.link(), null));
        } else if (e instanceof ShareLinkEvents.Revoked x) {
            return Optional.of(byUser(at, x.actor(), type, "share-link", x.link(), null));
        } else if (e instanceof ShareLinkEvents.Opened x) {
            return Optional.of(Draft.allowed(at, VISITOR, null, type, "share-link", x.link(), x.clientAddress()));
        } else if (e instanceof ShareLinkEvents.AccessDenied x) {
            return Optional.of(Draft.denied(at, VISITOR, null, ACCESS_DENIED, "share-link", x.link(),
                    x.clientAddress()));
        } else if (e instanceof ShareLinkEvents.DocumentViewed x) {
            // A page served (seconds 0) is an access decision; a page-time beacon is analytics, not audit.
            return x.seconds() != 0 ? Optional.empty() : Optional.of(Draft.allowed(at, VISITOR, x.session(), type,
                    "document", x.document(), x.clientAddress()));
        } else if (e instanceof ShareLinkEvents.SessionStarted x) {
            // A visitor session created: the link let this visitor in (one view).
            return Optional.of(Draft.allowed(at, VISITOR, x.session(), type, "share-link", x.link(),
                    x.clientAddress()));
        } else if (e instanceof ShareLinkEvents.NdaAccepted x) {
            return Optional.of(Draft.allowed(at, VISITOR, x.session(), type, "share-link", x.link(),
                    x.clientAddress()));
        }
        return Optional.of(Draft.allowed(at, SYSTEM, null, type, null, null, null));
    }

    private static Draft byUser(Instant at, UserId actor, String type, String objectType, UUID object,
                                String clientAddress) {
        return actor == null ? Draft.allowed(at, SYSTEM, null, type, objectType, object, clientAddress)
                : Draft.allowed(at, USER, actor.value(), type, objectType, object, clientAddress);
    }
}
