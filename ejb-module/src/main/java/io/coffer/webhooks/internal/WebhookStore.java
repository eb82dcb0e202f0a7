package io.coffer.webhooks.internal;

import io.coffer.platform.SecretBox;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.AccessGenerations;
import io.coffer.tenancy.GenerationMemo;
import jakarta.annotation.PostConstruct;
import io.coffer.webhooks.Webhook;
import io.coffer.webhooks.WebhookId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rows of {@code webhooks} and {@code webhook_deliveries}, in the caller's transaction, which is bound to the
 * tenant (row-level security holds every query to it; the tenant is also named in every statement). Secrets and
 * bodies are sealed with {@link SecretBox} (WH-4).
 */
@ApplicationScoped
public class WebhookStore {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String DELIVERY_COLUMNS = "id::text, webhook_id::text, event_id::text, event_type, status,"
            + " attempts, last_status, last_error, created_at, updated_at, delivered_at";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    SecretBox box;

    @Inject
    AccessGenerations generations;

    /** Per tenant: the event types some webhook subscribed to, while its access generation stays (WH-16, FD-34). */
    private GenerationMemo<Set<String>> subscribed;

    @PostConstruct
    void init() {
        subscribed = new GenerationMemo<>(generations, 10_000);
    }

    /**
     * Whether some webhook of the tenant subscribed to {@code type}: from memory while the tenant's access generation
     * stays the one this transaction read (webhooks raise it: automation-2), else one query for all types. Every
     * event asks it; only a subscribed one reads the subscriptions ({@link #all}).
     */
    public boolean subscribed(TenantId tenant, String type) {
        return subscribed.get(tenant, () -> {
            Set<String> types = new HashSet<>();
            for (Object events : em.createNativeQuery("select events from webhooks where tenant_id = cast(?1 as uuid)")
                    .setHint(NATIVE, true).setParameter(1, tenant.toString()).getResultList()) {
                types.addAll(Arrays.asList(((String) events).split(",")));
            }
            return Set.copyOf(types);
        }).contains(type);
    }

    /** A subscription with its secret in clear, for a delivery. */
    public record Target(Webhook webhook, String secret) {
        @Override
        public String toString() {
            return "Target[" + webhook.id() + "]";
        }
    }

    /** A delivery with what a try needs. */
    public record Pending(Webhook.Delivery delivery, byte[] body) {
    }

    public void insert(TenantId tenant, WebhookId id, String url, List<String> events, String secret, UUID createdBy,
                       Instant now) {
        subscribed.changedInThisTransaction();
        em.createNativeQuery("insert into webhooks (id, tenant_id, url, events, secret_sealed, created_by, created_at)"
                        + " values (cast(?1 as uuid), cast(?2 as uuid), ?3, ?4, ?5, cast(?6 as uuid), ?7)")
                .setHint(NATIVE, true)
                .setParameter(1, id.toString()).setParameter(2, tenant.toString()).setParameter(3, url)
                .setParameter(4, String.join(",", events))
                .setParameter(5, box.seal(secret.getBytes(StandardCharsets.UTF_8)))
                .setParameter(6, createdBy == null ? null : createdBy.toString()).setParameter(7, Timestamp.from(now))
                .executeUpdate();
    }

    public List<Target> all(TenantId tenant) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id::text, url, events, secret_sealed, created_at from webhooks"
                        + " where tenant_id = cast(?1 as uuid) order by created_at, id")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).getResultList();
        List<Target> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(target(r));
        }
        return out;
    }

    public Optional<Target> find(TenantId tenant, WebhookId id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id::text, url, events, secret_sealed, created_at from webhooks"
                        + " where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, id.toString())
                .getResultList();
        return rows.stream().findFirst().map(this::target);
    }

    public boolean delete(TenantId tenant, WebhookId id) {
        subscribed.changedInThisTransaction();
        return em.createNativeQuery("delete from webhooks where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, id.toString())
                .executeUpdate() == 1;
    }

    private Target target(Object[] r) {
        Webhook w = new Webhook(WebhookId.of((String) r[0]), (String) r[1], Arrays.asList(((String) r[2]).split(",")),
                ((Timestamp) r[4]).toInstant());
        return new Target(w, new String(box.open((byte[]) r[3]), StandardCharsets.UTF_8));
    }

    public void insertDelivery(TenantId tenant, UUID id, WebhookId webhook, UUID eventId, String eventType, String body,
                               Instant now) {
        em.createNativeQuery("insert into webhook_deliveries (id, tenant_id, webhook_id, event_id, event_type,"
                        + " body_sealed, status, attempts, created_at, updated_at) values (cast(?1 as uuid),"
                        + " cast(?2 as uuid), cast(?3 as uuid), cast(?4 as uuid), ?5, ?6, 'PENDING', 0, ?7, ?7)")
                .setHint(NATIVE, true)
                .setParameter(1, id.toString()).setParameter(2, tenant.toString()).setParameter(3, webhook.toString())
                .setParameter(4, eventId.toString()).setParameter(5, eventType)
                .setParameter(6, box.seal(body.getBytes(StandardCharsets.UTF_8))).setParameter(7, Timestamp.from(now))
                .executeUpdate();
    }

    public Optional<Pending> delivery(TenantId tenant, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + DELIVERY_COLUMNS + ", body_sealed from webhook_deliveries"
                        + " where tenant_id = cast(?1 as uuid) and id = cast(?2 as uuid)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, id.toString())
                .getResultList();
        return rows.stream().findFirst().map(r -> new Pending(delivery(r), box.open((byte[]) r[11])));
    }

    /** Deliveries of one webhook, newest first, after the cursor ({@code createdAt} and id of the last one seen). */
    public List<Webhook.Delivery> deliveries(TenantId tenant, WebhookId webhook, Instant beforeAt, UUID beforeId,
                                             int limit) {
        String sql = "select " + DELIVERY_COLUMNS + " from webhook_deliveries where tenant_id = cast(?1 as uuid)"
                + " and webhook_id = cast(?2 as uuid)"
                + (beforeAt == null ? "" : " and (created_at, id) < (?4, cast(?5 as uuid))")
                + " order by created_at desc, id desc limit ?3";
        var q = em.createNativeQuery(sql).setHint(NATIVE, true)
                .setParameter(1, tenant.toString()).setParameter(2, webhook.toString()).setParameter(3, limit);
        if (beforeAt != null) {
            q.setParameter(4, Timestamp.from(beforeAt)).setParameter(5, beforeId.toString());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(WebhookStore::delivery).toList();
    }

    /** Records a try's outcome: {@code status} DELIVERED, FAILED or DEAD. */
    public void recordTry(TenantId tenant, UUID id, String status, int httpStatus, String error, Instant now) {
        em.createNativeQuery("update webhook_deliveries set status = ?1, attempts = attempts + 1,"
                        + " last_status = nullif(?2, 0), last_error = nullif(?3, ''), updated_at = ?4,"
                        + " delivered_at = case when ?1 = 'DELIVERED' then ?4 else delivered_at end"
                        + " where tenant_id = cast(?5 as uuid) and id = cast(?6 as uuid)")
                .setHint(NATIVE, true)
                .setParameter(1, status).setParameter(2, httpStatus).setParameter(3, error == null ? "" : error)
                .setParameter(4, Timestamp.from(now)).setParameter(5, tenant.toString()).setParameter(6, id.toString())
                .executeUpdate();
    }

    /** The status alone (a dead letter, a replay). */
    public boolean setStatus(TenantId tenant, UUID id, String status, Instant now) {
        return em.createNativeQuery("update webhook_deliveries set status = ?1, updated_at = ?2"
                        + " where tenant_id = cast(?3 as uuid) and id = cast(?4 as uuid)")
                .setHint(NATIVE, true)
                .setParameter(1, status).setParameter(2, Timestamp.from(now)).setParameter(3, tenant.toString())
                .setParameter(4, id.toString())
                .executeUpdate() == 1;
    }

    private static Webhook.Delivery delivery(Object[] r) {
        return new Webhook.Delivery(UUID.fromString((String) r[0]), WebhookId.of((String) r[1]),
                UUID.fromString((String) r[2]), (String) r[3], (String) r[4], ((Number) r[5]).intValue(),
                r[6] == null ? null : ((Number) r[6]).intValue(), (String) r[7], ((Timestamp) r[8]).toInstant(),
                ((Timestamp) r[9]).toInstant(), r[10] == null ? null : ((Timestamp) r[10]).toInstant());
    }
}
