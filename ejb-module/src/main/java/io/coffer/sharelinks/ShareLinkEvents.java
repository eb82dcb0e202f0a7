package io.coffer.sharelinks;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of share links and their visitors (contract event types in each record's {@code TYPE}). Fired inside the
 * request's transaction; {@link AccessDenied} is fired before the refusal rolls it back, so an observer that stores it
 * observes it {@code during = AFTER_COMPLETION} (once, after a rollback or a commit) and writes in a transaction of
 * its own (audit does, AUD-2). Visitor events carry the session id and the proven email, never a token.
 */
public final class ShareLinkEvents {
    private ShareLinkEvents() {
    }

    public record Created(TenantId tenant, UUID link, UUID room, String targetType, UUID target, UserId actor,
                          Instant at) implements ShareLinkEvent {
        public static final String TYPE = "share-link.created";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code changed} names the fields whose value changed (never the values: the audit's record of who changed which
     * protection when); {@code reachBy} is who the link's reach is set by after the change (SL-18, SL-21).
     */
    public record Updated(TenantId tenant, UUID link, UUID room, boolean sessionsEnded, UserId actor, Instant at,
                          java.util.List<String> changed, UserId reachBy) implements ShareLinkEvent {
        public static final String TYPE = "share-link.updated";

        @Override
        public String type() {
            return TYPE;
        }
    }

    public record Revoked(TenantId tenant, UUID link, UUID room, UserId actor, Instant at) implements ShareLinkEvent {
        public static final String TYPE = "share-link.revoked";

        @Override
        public String type() {
            return TYPE;
        }
    }

    public record Opened(TenantId tenant, UUID link, UUID room, String clientAddress, Instant at)
            implements ShareLinkEvent {
        public static final String TYPE = "link.opened";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code policy} names the refusing policy ({@code NOT_REVOKED}, {@code PASSWORD}...). */
    public record AccessDenied(TenantId tenant, UUID link, UUID room, String policy, String email,
                               String clientAddress, Instant at) implements ShareLinkEvent {
        public static final String TYPE = "link.access-denied";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A page served to a visitor ({@code seconds} 0) or a page-time beacon ({@code seconds} as reported). */
    public record DocumentViewed(TenantId tenant, UUID link, UUID room, UUID session, String email, UUID document,
                                 int page, int seconds, String clientAddress, Instant at) implements ShareLinkEvent {
        public static final String TYPE = "document.viewed";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * A visitor session was created: one view of the link (contract, {@code POST /public/links/{token}/sessions}).
     * Analytics counts views and visitors from it (ACT-21); not one of the contract's event types.
     */
    public record SessionStarted(TenantId tenant, UUID link, UUID room, UUID session, String email,
                                 String clientAddress, Instant at) implements ShareLinkEvent {
        public static final String TYPE = "link.session-started";

        @Override
        public String type() {
            return TYPE;
        }
    }

    public record NdaAccepted(TenantId tenant, UUID link, UUID room, UUID session, int ndaVersion, String ndaSha256,
                              String email, String clientAddress, Instant at) implements ShareLinkEvent {
        public static final String TYPE = "nda.accepted";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
