package io.coffer.events;

import java.util.Set;

/**
 * The contract's event types ("Activity, automation, audit": the automation triggers and the webhook events), in
 * one place: automation's triggers and webhooks' subscriptions are both this list. Types the modules fire beyond it
 * ({@code member.role-changed}, {@code link.session-started}...) are stored and audited, not offered.
 */
public final class EventTypes {
    private EventTypes() {
    }

    public static final Set<String> CONTRACT = Set.of("user.created", "user.invited", "auth.login.succeeded",
            "auth.login.failed", "auth.password-reset.requested", "auth.password-reset.completed", "dataroom.created",
            "document.uploaded", "document.version-added", "document.deleted", "grant.changed", "share-link.created",
            "share-link.updated", "share-link.revoked", "link.opened", "link.access-denied", "document.viewed",
            "document.downloaded", "nda.accepted", "file-request.uploaded", "document.quarantined", "question.asked",
            "question.answered", "access.requested", "mfa.enabled", "mfa.disabled", "auth.sso.login",
            "privacy.erased");
}
