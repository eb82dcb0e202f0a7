package io.coffer.automation;

import io.coffer.automation.internal.RuleStore;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.webhooks.WebhookId;
import io.coffer.webhooks.Webhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's automation rules (docs/features/automation.md): OWNER and ADMIN write and read them (AUTO-1); every
 * member sets their own daily digest (AUTO-19). A rule of another tenant is not found (row-level security and the
 * tenant in every query, AUTO-7).
 */
@Stateless
@PermitAll
public class Automations {

    static final int NAME_MAX = 200;
    static final int TEXT_MAX = 2000;
    static final int RECIPIENTS_MAX = 20;
    static final int DEBOUNCE_MAX = 7 * 24 * 60;
    static final int WINDOW_MAX = 30 * 24 * 60;

    @EJB
    CallerCheck callers;

    @Inject
    RuleStore store;

    @Inject
    Clock clock;

    @EJB
    Webhooks webhooks;

    /** Authorization before the body is read (the web layer asks first). */
    public CurrentCaller requireAdmin() {
        CurrentCaller caller = callers.current();
        if (!caller.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Automation rules need the ADMIN or OWNER role.");
        }
        return caller;
    }

    public Rule create(Rule.Input in) {
        CurrentCaller caller = requireAdmin();
        if (in.name() == null || in.trigger() == null || in.action() == null) {
            throw ValidationException.of(in.name() == null ? "name" : in.trigger() == null ? "trigger" : "action",
                    "is required");
        }
        Rule.Conditions conditions = in.conditions() == null ? Rule.Conditions.NONE : in.conditions();
        check(in.name(), in.trigger(), conditions, in.action());
        requireWebhook(in.action());
        Instant now = clock.instant();
        Rule rule = new Rule(new RuleId(UUID.randomUUID()), in.name().strip(), in.trigger(), conditions, in.action(),
                in.enabled() == null || in.enabled(), null, caller.user().value(), now, now);
        return store.insert(caller.tenant(), rule);
    }

    public Rule.Page list(int limit, RuleId after) {
        CurrentCaller caller = requireAdmin();
        store.ensureBuiltIns(caller.tenant(), clock.instant());
        List<Rule> page = store.page(caller.tenant(), after, limit + 1);
        boolean more = page.size() > limit;
        List<Rule> items = more ? page.subList(0, limit) : page;
        return new Rule.Page(List.copyOf(items), more ? items.get(items.size() - 1).id() : null);
    }

    public Rule get(RuleId id) {
        CurrentCaller caller = requireAdmin();
        return found(caller, id);
    }

    /** Changes the fields named in {@code present}; a built-in rule changes only {@code enabled} (AUTO-22). */
    public Rule update(RuleId id, Rule.Input in, Set<String> present) {
        CurrentCaller caller = requireAdmin();
        Rule old = found(caller, id);
        if (old.builtIn() != null && !Set.of("enabled").containsAll(present)) {
            throw ValidationException.of(present.stream().filter(f -> !f.equals("enabled")).findFirst()
                    .orElse("body"), "a built-in rule can only be enabled or disabled");
        }
        for (String required : List.of("name", "trigger", "action", "enabled")) {
            if (present.contains(required) && switch (required) {
                case "name" -> in.name() == null;
                case "trigger" -> in.trigger() == null;
                case "action" -> in.action() == null;
                default -> in.enabled() == null;
            }) {
                throw ValidationException.of(required, "cannot be null");
            }
        }
        Rule changed = new Rule(old.id(),
                present.contains("name") ? in.name().strip() : old.name(),
                present.contains("trigger") ? in.trigger() : old.trigger(),
                present.contains("conditions") ? (in.conditions() == null ? Rule.Conditions.NONE : in.conditions())
                        : old.conditions(),
                present.contains("action") ? in.action() : old.action(),
                present.contains("enabled") ? in.enabled() : old.enabled(),
                old.builtIn(), old.createdBy(), old.createdAt(), old.updatedAt());
        if (old.builtIn() == null) {
            check(changed.name(), changed.trigger(), changed.conditions(), changed.action());
            if (present.contains("action")) {
                requireWebhook(changed.action());
            }
        }
        store.update(caller.tenant(), changed, clock.instant());
        return found(caller, id);
    }

    /** Deletes a rule; a built-in one is disabled instead, never deleted (409, AUTO-22). */
    public void delete(RuleId id) {
        CurrentCaller caller = requireAdmin();
        Rule rule = found(caller, id);
        if (rule.builtIn() != null) {
            throw new ConflictException("A built-in rule cannot be deleted; disable it instead.");
        }
        store.delete(caller.tenant(), id);
    }

    /** The caller's daily digest opt-in (any member, for themselves only). */
    public boolean digest() {
        CurrentCaller caller = callers.current();
        return store.subscribed(caller.tenant(), caller.user().value());
    }

    public boolean digest(boolean enabled) {
        CurrentCaller caller = callers.current();
        if (caller.readOnly()) {
            throw new ForbiddenException("A read-only key cannot change settings.");
        }
        store.subscribe(caller.tenant(), caller.user().value(), enabled, clock.instant());
        return enabled;
    }

    /** A WEBHOOK action names a webhook of the caller's tenant (another tenant's id is no webhook here). */
    private void requireWebhook(Rule.Action a) {
        if ("WEBHOOK".equals(a.type()) && a.webhookId() != null && !webhooks.exists(new WebhookId(a.webhookId()))) {
            throw ValidationException.of("action.webhookId", "is no webhook of this tenant");
        }
    }

    private Rule found(CurrentCaller caller, RuleId id) {
        return store.find(caller.tenant(), id).orElseThrow(() -> new NotFoundException("no such rule"));
    }

    /** AUTO-2..5: a known trigger and action, well-formed conditions and recipients. */
    static void check(String name, String trigger, Rule.Conditions c, Rule.Action a) {
        if (name.isBlank() || name.length() > NAME_MAX) {
            throw ValidationException.of("name", "must be 1 to " + NAME_MAX + " characters");
        }
        if (!Triggers.ALL.contains(trigger)) {
            throw ValidationException.of("trigger", "is not a known event type");
        }
        if (a.type() == null || !Triggers.ACTIONS.contains(a.type())) {
            throw ValidationException.of("action.type", "must be EMAIL, WEBHOOK, REVOKE_LINK or NOTE");
        }
        if (c.email() != null && !c.email().contains("@")) {
            throw ValidationException.of("conditions.email", "must be an email address");
        }
        if (c.emailDomain() != null && (c.emailDomain().isBlank() || c.emailDomain().contains("@"))) {
            throw ValidationException.of("conditions.emailDomain", "must be a domain (without @)");
        }
        if (c.count() != null && (c.count().atLeast() < 1 || c.count().atLeast() > 10_000
                || c.count().withinMinutes() < 1 || c.count().withinMinutes() > WINDOW_MAX)) {
            throw ValidationException.of("conditions.count", "needs atLeast 1..10000 and withinMinutes 1.."
                    + WINDOW_MAX);
        }
        switch (a.type()) {
            case "EMAIL" -> {
                if (a.to().isEmpty() || a.to().size() > RECIPIENTS_MAX) {
                    throw ValidationException.of("action.to", "needs 1 to " + RECIPIENTS_MAX
                            + " email addresses or member ids");
                }
                for (String to : a.to()) {
                    if (!isUuid(to) && !to.matches("[^@\\s]{1,64}@[^@\\s]{1,253}")) {
                        throw ValidationException.of("action.to", "must hold email addresses or member ids");
                    }
                }
                if (a.debounceMinutes() != null && (a.debounceMinutes() < 0 || a.debounceMinutes() > DEBOUNCE_MAX)) {
                    throw ValidationException.of("action.debounceMinutes", "must be 0.." + DEBOUNCE_MAX);
                }
                only(a, "to", "debounceMinutes");
            }
            case "WEBHOOK" -> {
                if (a.webhookId() == null) {
                    throw ValidationException.of("action.webhookId", "is required");
                }
                only(a, "webhookId");
            }
            case "NOTE" -> {
                if (a.text() == null || a.text().isBlank() || a.text().length() > TEXT_MAX) {
                    throw ValidationException.of("action.text", "must be 1 to " + TEXT_MAX + " characters");
                }
                only(a, "text");
            }
            default -> only(a);
        }
    }

    /** An action carries only the fields of its type (AUTO-4). */
    private static void only(Rule.Action a, String... allowed) {
        Set<String> ok = Set.of(allowed);
        if (!a.to().isEmpty() && !ok.contains("to")) {
            throw ValidationException.of("action.to", "is not a field of a " + a.type() + " action");
        }
        if (a.webhookId() != null && !ok.contains("webhookId")) {
            throw ValidationException.of("action.webhookId", "is not a field of a " + a.type() + " action");
        }
        if (a.text() != null && !ok.contains("text")) {
            throw ValidationException.of("action.text", "is not a field of a " + a.type() + " action");
        }
        if (a.debounceMinutes() != null && !ok.contains("debounceMinutes")) {
            throw ValidationException.of("action.debounceMinutes", "is not a field of a " + a.type() + " action");
        }
    }

    static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
