package io.coffer.webhooks;

import io.coffer.events.EventFacts;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Role;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.platform.SsrfGuard;
import io.coffer.webhooks.internal.WebhookDispatch;
import io.coffer.webhooks.internal.WebhookStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's webhooks (docs/features/webhooks.md): managed by its OWNERs and ADMINs (WH-1), and the way events become
 * signed deliveries — {@link #deliver} for the subscriptions of an event's type, {@link #deliverTo} for one webhook
 * (an automation rule's WEBHOOK action). Both enqueue in the caller's transaction when it is bound to the tenant.
 */
@Stateless
@PermitAll
public class Webhooks {

    /** The event types a webhook may subscribe to: the contract's list (WH-3). */
    public static final Set<String> EVENT_TYPES = io.coffer.events.EventTypes.CONTRACT;
    public static final int MAX_EVENTS = 50;
    public static final int MAX_URL = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    CallerCheck callers;

    @Inject
    WebhookStore store;

    @Inject
    WebhookDispatch dispatch;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    /** Guard used at creation; tests of the face never reach it (the IT server allows private targets). */
    SsrfGuard guard() {
        return new SsrfGuard(settings.webhookAllowPrivate(), SsrfGuard.SYSTEM);
    }

    /**
     * Subscribes {@code url} to {@code events}; {@code secret} null generates one (shown in this answer only, WH-4).
     * The URL is refused when it is not http(s) or when its host resolves to a forbidden address (WH-10, WH-11).
     */
    public Webhook.Created create(String url, List<String> events, String secret) {
        CurrentCaller caller = requireAdmin();
        validateEvents(events);
        if (secret != null && (secret.length() < 16 || secret.length() > 200 || secret.isBlank())) {
            throw ValidationException.of("secret", "must be 16 to 200 characters");
        }
        String checked;
        try {
            checked = SsrfGuard.checkedUrl(url).toString();
            guard().resolve(SsrfGuard.checkedUrl(url).getHost());
        } catch (SsrfGuard.Refused refused) {
            throw ValidationException.of("url", refused.getMessage());
        }
        String key = secret != null ? secret : "whsec_" + random();
        WebhookId id = new WebhookId(UUID.randomUUID());
        List<String> types = List.copyOf(new LinkedHashSet<>(events));
        Instant now = clock.instant();
        store.insert(caller.tenant(), id, checked, types, key, caller.user().value(), now);
        return new Webhook.Created(new Webhook(id, checked, types, now), key);
    }

    public List<Webhook> list() {
        CurrentCaller caller = requireAdmin();
        return store.all(caller.tenant()).stream().map(WebhookStore.Target::webhook).toList();
    }

    /** Deletes the webhook and its deliveries; pending tries find nothing and stop (WH-21). */
    public void delete(WebhookId id) {
        CurrentCaller caller = requireAdmin();
        if (!store.delete(caller.tenant(), id)) {
            throw new NotFoundException("no such webhook");
        }
    }

    /** The webhook's deliveries, newest first, after the cursor (created-at and id of the last one seen). */
    public List<Webhook.Delivery> deliveries(WebhookId id, Instant beforeAt, UUID beforeId, int limit) {
        CurrentCaller caller = requireAdmin();
        store.find(caller.tenant(), id).orElseThrow(() -> new NotFoundException("no such webhook"));
        return store.deliveries(caller.tenant(), id, beforeAt, beforeId, limit);
    }

    /** A new try of a delivery, whatever its status (WH-20); its id stays, so a receiver can tell it is the same. */
    public void replay(UUID delivery) {
        CurrentCaller caller = requireAdmin();
        if (!dispatch.replay(caller.tenant(), delivery)) {
            throw new NotFoundException("no such delivery");
        }
    }

    /**
     * For automation: the event goes to every webhook of {@code tenant} subscribed to its type; the deliveries made.
     * In the caller's transaction when it is bound to {@code tenant}, else in one of its own.
     */
    public List<UUID> deliver(TenantId tenant, EventFacts facts) {
        return dispatch.toSubscribers(tenant, facts);
    }

    /**
     * For automation (a rule's WEBHOOK action): the event goes to this webhook of {@code tenant}, subscribed or not;
     * none when it does not exist (any more). Same transaction rule as {@link #deliver}.
     */
    public List<UUID> deliverTo(TenantId tenant, WebhookId webhook, EventFacts facts) {
        return dispatch.toWebhook(tenant, webhook, facts);
    }

    /** Whether {@code webhook} exists in the caller's tenant (automation validates a rule's WEBHOOK action with it). */
    public boolean exists(WebhookId webhook) {
        return store.find(callers.current().tenant(), webhook).isPresent();
    }

    private static void validateEvents(List<String> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ValidationException.of("events", "must list 1 to " + MAX_EVENTS + " event types");
        }
        for (String e : events) {
            if (e == null || !EVENT_TYPES.contains(e)) {
                throw ValidationException.of("events", "holds an unknown event type");
            }
        }
    }

    private CurrentCaller requireAdmin() {
        CurrentCaller caller = callers.current();
        if (!caller.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Webhooks are managed by the OWNER and ADMIN roles.");
        }
        return caller;
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
