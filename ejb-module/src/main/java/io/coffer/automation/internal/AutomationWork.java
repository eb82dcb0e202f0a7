package io.coffer.automation.internal;

import io.coffer.automation.Rule;
import io.coffer.outbox.OutboxHandler;
import io.coffer.outbox.OutboxWork;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The outbox handler of kind {@code automation}: one work item per event whose tenant had an enabled rule of its type.
 * Each enabled rule of that type is evaluated and acted on in a transaction of its own ({@link RuleRunner}); a rule
 * that fails is logged with its reason and makes the item be tried again, where the rules that acted already do not
 * act twice (AUTO-11, AUTO-13).
 */
@ApplicationScoped
public class AutomationWork implements OutboxHandler {

    private static final Logger LOG = Logger.getLogger(AutomationWork.class.getName());

    @Inject
    RuleStore store;

    @Inject
    RuleRunner runner;

    @EJB
    TenantScope tenants;

    @Override
    public String kind() {
        return AutomationObservers.KIND;
    }

    @Override
    public void handle(OutboxWork work) {
        FactsJson.Work w = FactsJson.read(work.payload());
        List<Rule> rules = tenants.call(work.tenant(), () -> store.enabledFor(work.tenant(), w.facts().type()));
        List<String> failed = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                tenants.call(work.tenant(), () -> runner.fire(rule, w.eventId(), w.facts()));
            } catch (RuntimeException e) {
                LOG.warning("Automation rule " + rule.id() + " (" + rule.action().type() + ") failed for event "
                        + w.eventId() + " (" + w.facts().type() + "): " + e.getMessage());
                failed.add(rule.id().toString());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("automation rules failed: " + failed);
        }
    }

    @Override
    public void dead(OutboxWork work, String lastError) {
        LOG.warning("Automation work " + work.id() + " given up: " + lastError);
    }
}
