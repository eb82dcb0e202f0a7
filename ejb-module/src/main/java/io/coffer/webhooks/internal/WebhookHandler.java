package io.coffer.webhooks.internal;

import io.coffer.platform.SsrfGuard;
import io.coffer.outbox.OutboxHandler;
import io.coffer.outbox.OutboxWork;
import io.coffer.platform.CofferSettings;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tries one delivery (outbox kind {@value #KIND}): reads it and its webhook in the tenant's transaction, sends outside
 * any transaction, records the outcome in another (WH-17); a failure is thrown so that the outbox tries again after
 * its backoff (WH-18), and after {@code coffer.webhook.max-attempts} tries the delivery is DEAD (WH-19).
 */
@ApplicationScoped
public class WebhookHandler implements OutboxHandler {

    public static final String KIND = "webhook";

    @Inject
    WebhookStore store;

    @EJB
    TenantScope tenants;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coffer.webhook.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "coffer.webhook.timeout", defaultValue = "PT10S")
    String timeout;

    private WebhookSender sender;

    @PostConstruct
    void open() {
        Timeout t = Timeout.ofMilliseconds(Duration.parse(timeout).toMillis());
        sender = new WebhookSender(new SsrfGuard(settings.webhookAllowPrivate(), SsrfGuard.SYSTEM), t, t);
    }

    @PreDestroy
    void close() {
        try {
            sender.close();
        } catch (IOException e) {
            // closing idle connections at shutdown: nothing to do about it
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    private record Attempt(WebhookStore.Pending pending, WebhookStore.Target target) {
    }

    @Override
    public void handle(OutboxWork work) {
        UUID id = UUID.fromString(work.payload());
        Optional<Attempt> attempt = tenants.call(work.tenant(), () -> store.delivery(work.tenant(), id)
                .flatMap(p -> store.find(work.tenant(), p.delivery().webhookId()).map(t -> new Attempt(p, t))));
        if (attempt.isEmpty()) {
            return; // the webhook was deleted with its deliveries: nothing to do
        }
        WebhookSender.Outcome outcome = sender.send(attempt.get().target().webhook().url(), id,
                attempt.get().target().secret(), clock.instant().getEpochSecond(), attempt.get().pending().body());
        String status = outcome.delivered() ? "DELIVERED" : "FAILED";
        tenants.call(work.tenant(), () -> {
            store.recordTry(work.tenant(), id, status, outcome.status(), outcome.error(), clock.instant());
            return null;
        });
        if (!outcome.delivered()) {
            throw new IllegalStateException(outcome.error());
        }
    }

    @Override
    public void dead(OutboxWork work, String lastError) {
        tenants.call(work.tenant(), () -> store.setStatus(work.tenant(), UUID.fromString(work.payload()), "DEAD",
                clock.instant()));
    }
}
