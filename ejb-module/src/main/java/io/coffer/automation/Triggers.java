package io.coffer.automation;

import java.util.Set;

/** The event types a rule may be triggered by: the contract's list (also the webhook events). */
public final class Triggers {
    private Triggers() {
    }

    public static final Set<String> ALL = io.coffer.events.EventTypes.CONTRACT;

    /** The triggers whose mails are debounced per link and visitor (AUTO-16). */
    public static final Set<String> VIEWS = Set.of("document.viewed", "link.opened");

    public static final Set<String> ACTIONS = Set.of("EMAIL", "WEBHOOK", "REVOKE_LINK", "NOTE");
}
