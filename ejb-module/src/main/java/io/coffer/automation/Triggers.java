package io.coffer.automation;

import java.util.Set;

/** The event types a rule may be triggered by: the contract's list (also the webhook events). */
public final class Triggers {
    private Triggers() {
    }

    public static final Set<String> ALL = Set.of("user.created", "user.invited", "auth.login.succeeded",
            "auth.login.failed", "auth.password-reset.requested", "auth.password-reset.completed", "dataroom.created",
            "document.uploaded", "document.version-added", "document.deleted", "grant.changed", "share-link.created",
            "share-link.updated", "share-link.revoked", "link.opened", "link.access-denied", "document.viewed",
            "document.downloaded", "nda.accepted", "file-request.uploaded", "document.quarantined", "question.asked",
            "question.answered", "access.requested", "mfa.enabled", "mfa.disabled", "auth.sso.login",
            "privacy.erased");

    /** The triggers whose mails are debounced per link and visitor (AUTO-16). */
    public static final Set<String> VIEWS = Set.of("document.viewed", "link.opened");

    public static final Set<String> ACTIONS = Set.of("EMAIL", "WEBHOOK", "REVOKE_LINK", "NOTE");
}
