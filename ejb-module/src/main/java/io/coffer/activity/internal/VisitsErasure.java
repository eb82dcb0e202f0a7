package io.coffer.activity.internal;

import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * The personal data of the analytics tables (ACT-12, ACT-14): only {@code analytics_visits} holds any (email, client address,
 * user agent, and the email inside {@code visitor}); the roll-ups hold counts and ids. Erasure and retention blank it
 * and keep the counts: the visitor key becomes one random {@code erased:<uuid>} per email, so that unique visitors
 * stay exact and nothing leads back to the email. Runs in the caller's transaction, bound to {@code tenant}.
 * One of the {@link PersonalData} holders that erasure and retention call.
 */
@ApplicationScoped
public class VisitsErasure implements PersonalData {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** Blanks every visit of {@code email} in the tenant. */
    @Override
    public void erase(TenantId tenant, String email) {
        if (email == null || email.isBlank()) {
            return;
        }
        em.createNativeQuery("update analytics_visits set email = null, client_address = null,"
                        + " user_agent = null, visitor = cast(?3 as text) where tenant_id = cast(?1 as uuid)"
                        + " and (lower(email) = lower(?2) or visitor = cast(?4 as text))")
                .setHint(NATIVE, true)
                .setParameter(1, tenant.toString())
                .setParameter(2, email)
                .setParameter(3, "erased:" + UUID.randomUUID())
                .setParameter(4, AnalyticsRollups.visitor(email.toLowerCase(java.util.Locale.ROOT), null))
                .executeUpdate();
    }

    /**
     * Retention: blanks the personal data of visits last seen before {@code cutoff} (one random key per visitor, so
     * that their sessions still count as one); the counts stay.
     */
    @Override
    public void dropOlderThan(TenantId tenant, Instant cutoff) {
        em.createNativeQuery("update analytics_visits v set email = null, client_address = null,"
                        + " user_agent = null, visitor = k.erased from (select visitor, 'erased:' || gen_random_uuid()"
                        + " as erased from analytics_visits where tenant_id = cast(?1 as uuid)"
                        + " and last_seen < cast(?2 as timestamptz) and visitor not like 'erased:%'"
                        + " group by visitor) k where v.tenant_id = cast(?1 as uuid) and v.visitor = k.visitor"
                        + " and v.last_seen < cast(?2 as timestamptz)")
                .setHint(NATIVE, true)
                .setParameter(1, tenant.toString())
                .setParameter(2, cutoff.toString())
                .executeUpdate();
    }
}
