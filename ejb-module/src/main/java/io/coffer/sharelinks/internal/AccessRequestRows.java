package io.coffer.sharelinks.internal;

import io.coffer.sharelinks.AccessRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code access_requests}, in the caller's tenant transaction (RLS binds the tenant). */
@ApplicationScoped
public class AccessRequestRows {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String COLUMNS = "cast(id as text), cast(link_id as text), email, message, status,"
            + " created_at, decided_at";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** A request as stored. */
    public record Row(UUID id, UUID linkId, String email, String status) {
    }

    /** Stores a pending request; false when one is pending for this link and email already (AR-5). */
    public boolean addPending(UUID link, String email, String message, Instant now) {
        return em.createNativeQuery("insert into access_requests (id, tenant_id, link_id, email, message, status,"
                        + " created_at) select cast(?1 as uuid), l.tenant_id, l.id, ?3, ?4, 'PENDING', cast(?5 as"
                        + " timestamptz) from share_links l where l.id = cast(?2 as uuid)"
                        + " on conflict (tenant_id, link_id, lower(email)) where status = 'PENDING' do nothing")
                .setHint(NATIVE, true).setParameter(1, UUID.randomUUID().toString()).setParameter(2, link.toString())
                .setParameter(3, email).setParameter(4, message).setParameter(5, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    public Optional<Row> find(UUID id) {
        List<?> rows = em.createNativeQuery("select cast(id as text), cast(link_id as text), email, status"
                        + " from access_requests where id = cast(?1 as uuid) for update")
                .setHint(NATIVE, true).setParameter(1, id.toString()).getResultList();
        return rows.stream().map(o -> (Object[]) o).findFirst().map(r -> new Row(UUID.fromString((String) r[0]),
                UUID.fromString((String) r[1]), (String) r[2], (String) r[3]));
    }

    /** A link's requests, newest first (at most 1,000: older ones are the link's history, not its work). */
    public List<AccessRequests.Request> of(UUID link) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from access_requests"
                        + " where link_id = cast(?1 as uuid) order by created_at desc, id limit 1000")
                .setHint(NATIVE, true).setParameter(1, link.toString()).getResultList();
        List<AccessRequests.Request> out = new ArrayList<>();
        for (Object o : rows) {
            out.add(request((Object[]) o));
        }
        return out;
    }

    public void decide(UUID id, String status, UUID by, Instant now) {
        em.createNativeQuery("update access_requests set status = ?2, decided_by = cast(?3 as uuid),"
                        + " decided_at = cast(?4 as timestamptz) where id = cast(?1 as uuid)")
                .setHint(NATIVE, true).setParameter(1, id.toString()).setParameter(2, status)
                .setParameter(3, by.toString()).setParameter(4, Timestamp.from(now)).executeUpdate();
    }

    private static AccessRequests.Request request(Object[] r) {
        return new AccessRequests.Request(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                (String) r[2], (String) r[3], (String) r[4], instant(r[5]), instant(r[6]));
    }

    private static Instant instant(Object o) {
        return io.coffer.platform.InstantConverter.fromColumn(o);
    }
}
