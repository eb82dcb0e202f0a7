package io.coffer.sharelinks.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The visitors' personal data in the share links' tables — {@code visitor_sessions} (email, client address),
 * {@code email_codes} (email) and {@code nda_acceptances} (email, client address) — for erasure and retention, in the
 * caller's tenant-bound transaction (row-level security holds every statement to it; each also names the tenant).
 * Sessions and acceptances are kept with their personal fields emptied (a link's views count its sessions; an
 * acceptance still says that version N was accepted); email codes, which are nothing but an email and a hash, go.
 */
@ApplicationScoped
public class VisitorPersonalRows {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** Empties {@code email} (any case) wherever it is kept; answers the visitor sessions it named. */
    public List<UUID> erase(UUID tenant, String email) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("update visitor_sessions set email = null, client_address = null"
                        + " where tenant_id = cast(?1 as uuid) and lower(email) = lower(?2) returning cast(id as text)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, email).getResultList();
        List<UUID> sessions = ids.stream().map(id -> UUID.fromString(id.toString())).toList();
        em.createNativeQuery("update nda_acceptances set email = null, client_address = null"
                        + " where tenant_id = cast(?1 as uuid) and (lower(email) = lower(?2)"
                        + " or cast(session_id as text) = any(string_to_array(?3, ',')))")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, email)
                .setParameter(3, String.join(",", sessions.stream().map(UUID::toString).toList())).executeUpdate();
        em.createNativeQuery("delete from email_codes where tenant_id = cast(?1 as uuid) and lower(email) = lower(?2)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, email).executeUpdate();
        em.createNativeQuery("delete from access_requests where tenant_id = cast(?1 as uuid) and lower(email) = lower(?2)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, email).executeUpdate(); // AR-6
        return sessions;
    }

    /** Empties the personal data of sessions, acceptances and codes made before {@code cutoff}, and decided access requests. */
    public void dropOlderThan(UUID tenant, Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        em.createNativeQuery("update visitor_sessions set email = null, client_address = null"
                        + " where tenant_id = cast(?1 as uuid) and created_at < ?2"
                        + " and (email is not null or client_address is not null)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, before).executeUpdate();
        em.createNativeQuery("update nda_acceptances set email = null, client_address = null"
                        + " where tenant_id = cast(?1 as uuid) and accepted_at < ?2"
                        + " and (email is not null or client_address is not null)")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, before).executeUpdate();
        em.createNativeQuery("delete from email_codes where tenant_id = cast(?1 as uuid) and created_at < ?2")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, before).executeUpdate();
        em.createNativeQuery("delete from access_requests where tenant_id = cast(?1 as uuid) and status <> 'PENDING'"
                        + " and decided_at < ?2")
                .setHint(NATIVE, true).setParameter(1, tenant.toString()).setParameter(2, before).executeUpdate();
    }
}
