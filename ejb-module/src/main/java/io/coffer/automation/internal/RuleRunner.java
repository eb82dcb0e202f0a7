package io.coffer.automation.internal;

import io.coffer.events.AutomationEvent;
import io.coffer.events.AutomationEvents;
import io.coffer.automation.Rule;
import io.coffer.automation.Triggers;
import io.coffer.events.EventFacts;
import io.coffer.identity.MemberContacts;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.LinkId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.sharelinks.LinkActions;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Evaluates one rule against one event and acts, in the caller's transaction bound to the event's tenant (one per
 * rule: a failing rule rolls back only its own firing, AUTO-13). The firing row is claimed before acting, so a work
 * item tried again does not act twice (AUTO-11); mails leave after this transaction commits.
 */
@ApplicationScoped
public class RuleRunner {

    private static final Logger LOG = Logger.getLogger(RuleRunner.class.getName());
    static final int DEFAULT_DEBOUNCE_MINUTES = 60;

    /** What became of a rule for an event. */
    enum Outcome { NOT_MATCHED, BELOW_COUNT, ALREADY_FIRED, DEBOUNCED, SKIPPED, ACTED }

    @Inject
    RuleStore store;

    @Inject
    Mailer mailer;

    @Inject
    MemberContacts contacts;

    @Inject
    LinkActions links;

    @Inject
    WebhookAction webhooks;

    @Inject
    CofferSettings settings;

    @EJB
    TenantDirectory tenants;

    @Inject
    Clock clock;

    @Inject
    Event<AutomationEvent> events;

    Outcome fire(Rule rule, UUID eventId, EventFacts f) {
        TenantId tenant = f.tenant();
        if (!matches(rule.conditions(), f)) {
            return Outcome.NOT_MATCHED;
        }
        String subject = subject(f);
        if (rule.conditions().count() != null) {
            Rule.Count c = rule.conditions().count();
            long seen = store.countWithin(tenant, rule.id(), subject, eventId, f.at(),
                    Duration.ofMinutes(c.withinMinutes()));
            if (seen < c.atLeast()) {
                return Outcome.BELOW_COUNT;
            }
        }
        if (!store.claimFiring(tenant, rule.id(), eventId, clock.instant())) {
            return Outcome.ALREADY_FIRED;
        }
        try {
            return act(rule, eventId, f, subject);
        } catch (RuntimeException e) {
            throw new RuleFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private Outcome act(Rule rule, UUID eventId, EventFacts f, String subject) {
        TenantId tenant = f.tenant();
        Rule.Action a = rule.action();
        switch (a.type()) {
            case "EMAIL" -> {
                if (RuleStore.ONBOARDING.equals(rule.builtIn())) {
                    return welcome(f) ? Outcome.ACTED : Outcome.SKIPPED;
                }
                int window = a.debounceMinutes() == null ? DEFAULT_DEBOUNCE_MINUTES : a.debounceMinutes();
                if (Triggers.VIEWS.contains(f.type()) && window > 0
                        && !store.claimDebounce(tenant, rule.id(), subject, clock.instant(),
                        Duration.ofMinutes(window))) {
                    return Outcome.DEBOUNCED;
                }
                notify(rule, f);
            }
            case "WEBHOOK" -> webhooks.deliver(tenant, a.webhookId(), f);
            case "REVOKE_LINK" -> {
                if (f.linkId() == null) {
                    LOG.info("Rule " + rule.id() + ": " + f.type() + " names no link to revoke");
                    return Outcome.SKIPPED;
                }
                if (!links.revokeAsSystem(tenant, new LinkId(f.linkId()))) {
                    LOG.info("Rule " + rule.id() + ": link " + f.linkId() + " was revoked already");
                    return Outcome.SKIPPED;
                }
            }
            case "NOTE" -> events.fire(new AutomationEvents.Note(tenant, rule.id().value(), rule.name(), a.text(),
                    f.type(), f.roomId(), f.linkId(), f.documentId(), clock.instant()));
            default -> throw new IllegalStateException("unknown action " + a.type());
        }
        return Outcome.ACTED;
    }

    /** AUTO-14: every condition named must hold; an event that lacks the field does not match it. */
    static boolean matches(Rule.Conditions c, EventFacts f) {
        if (c.dataroomId() != null && !c.dataroomId().equals(f.roomId())) {
            return false;
        }
        if (c.linkId() != null && !c.linkId().equals(f.linkId())) {
            return false;
        }
        if (c.documentId() != null && !c.documentId().equals(f.documentId())) {
            return false;
        }
        String email = f.visitorEmail() == null ? null : f.visitorEmail().toLowerCase(Locale.ROOT);
        if (c.email() != null && !c.email().toLowerCase(Locale.ROOT).equals(email)) {
            return false;
        }
        return c.emailDomain() == null
                || (email != null && email.endsWith("@" + c.emailDomain().toLowerCase(Locale.ROOT)));
    }

    /** Whom a count and a debounce are about: the event's link and its visitor (or actor). */
    static String subject(EventFacts f) {
        String who = f.visitorEmail() != null ? f.visitorEmail().toLowerCase(Locale.ROOT)
                : f.sessionId() != null ? "session:" + f.sessionId()
                : f.actorId() != null ? "actor:" + f.actorId()
                : f.clientAddress() != null ? "address:" + f.clientAddress() : "-";
        return (f.linkId() == null ? "-" : f.linkId().toString()) + "|" + who;
    }

    private void notify(Rule rule, EventFacts f) {
        Set<String> to = new LinkedHashSet<>();
        for (String r : rule.action().to()) {
            if (r.contains("@")) {
                to.add(r);
            } else {
                contacts.of(new UserId(UUID.fromString(r))).ifPresentOrElse(c -> to.add(c.email()),
                        () -> LOG.info("Rule " + rule.id() + ": member " + r + " is gone; not mailed"));
            }
        }
        String body = text(rule, f);
        for (String address : to) {
            mailer.sendAfterCommit(new Mail(address, "Coffer: " + rule.name() + " (" + f.type() + ")", body));
        }
    }

    /** The notification: what happened, where, who — names where known, ids otherwise, never a secret. */
    String text(Rule rule, EventFacts f) {
        List<String> lines = new ArrayList<>();
        lines.add("Your automation rule \"" + rule.name() + "\" fired.");
        lines.add("");
        lines.add("Event: " + f.type());
        lines.add("Time: " + f.at() + " (UTC)");
        if (f.linkId() != null) {
            String name = links.name(new LinkId(f.linkId())).orElse(null);
            lines.add("Link: " + (name == null ? "" : name + " ") + "(" + f.linkId() + ")");
        }
        if (f.roomId() != null) {
            lines.add("Data room: " + f.roomId());
        }
        if (f.documentId() != null) {
            lines.add("Document: " + f.documentId() + (f.page() == null ? "" : ", page " + f.page()));
        }
        if (f.visitorEmail() != null) {
            lines.add("Visitor: " + f.visitorEmail());
        }
        lines.add("");
        lines.add("Manage your rules at " + settings.publicUrl() + "/settings/automations");
        return String.join("\n", lines) + "\n";
    }

    /**
     * The onboarding welcome (AUTO-21): to a new member whose email is proven (invited users: the invitation mail
     * proved it). A signup's owner is unverified when created: their verification mail is their welcome, so they
     * never get two mails at once.
     */
    private boolean welcome(EventFacts f) {
        if (f.objectId() == null) {
            return false;
        }
        MemberContacts.Contact c = contacts.of(new UserId(f.objectId())).orElse(null);
        if (c == null || !c.verified()) {
            return false;
        }
        String tenant = tenants.find(f.tenant()).map(Tenant::name).orElse("your team");
        mailer.sendAfterCommit(new Mail(c.email(), "Welcome to " + tenant + " on Coffer",
                "Hello " + c.displayName() + ",\n\nyour account in " + tenant + " is ready. Sign in at "
                        + settings.publicUrl() + "/login to see the data rooms shared with you.\n"));
        return true;
    }
}
