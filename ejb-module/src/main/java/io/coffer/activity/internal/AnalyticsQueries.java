package io.coffer.activity.internal;

import io.coffer.activity.VisitsRow;
import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the analytics roll-ups, never {@code activity_events} (ACT-26): each query is served by an index of
 * liquibase/activity/changelog-3-analytics.sql. Row-level security holds them to the caller's tenant; they name it
 * as well.
 */
@ApplicationScoped
public class AnalyticsQueries {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** What the analytics are of: a link, a document or a room. */
    public enum Scope {
        LINK("link_id", "p.link_id = cast(?2 as uuid)", "v.link_id = cast(?2 as uuid)"),
        DOCUMENT("document_id", "p.document_id = cast(?2 as uuid)",
                "v.session_id in (select session_id from analytics_visit_pages where tenant_id = cast(?1 as uuid)"
                        + " and document_id = cast(?2 as uuid))"),
        ROOM("room_id", "v.room_id = cast(?2 as uuid)", "v.room_id = cast(?2 as uuid)");

        final String dayColumn;
        final String pageFilter;
        final String visitFilter;

        Scope(String dayColumn, String pageFilter, String visitFilter) {
            this.dayColumn = dayColumn;
            this.pageFilter = pageFilter;
            this.visitFilter = visitFilter;
        }
    }

    public record Totals(long sessions, long seconds, long downloads) {
    }

    public record PageRow(UUID document, int page, long views, long seconds) {
    }

    public record VisitorRow(String visitor, String email, Instant firstSeen, Instant lastSeen, long seconds,
                             long sessions, long downloads) {
    }

    /** Distinct pages one visitor saw of one document, and the seconds they read it. */
    public record VisitorDocument(String visitor, UUID document, long pages, long seconds) {
    }

    public record LinkRow(UUID link, long views, long seconds) {
    }

    public Totals totals(TenantId tenant, Scope scope, UUID id) {
        Object[] r = (Object[]) query("select coalesce(sum(sessions), 0), coalesce(sum(seconds), 0),"
                + " coalesce(sum(downloads), 0) from analytics_days where tenant_id = cast(?1 as uuid) and "
                + scope.dayColumn + " = cast(?2 as uuid)", tenant, id).getSingleResult();
        return new Totals(number(r[0]), number(r[1]), number(r[2]));
    }

    /** Sessions that saw a page of the document (a document's views: each session is one view). */
    public long documentSessions(TenantId tenant, UUID document) {
        return number(query("select count(distinct session_id) from analytics_visit_pages"
                + " where tenant_id = cast(?1 as uuid) and document_id = cast(?2 as uuid)", tenant, document)
                .getSingleResult());
    }

    public List<PageRow> pages(TenantId tenant, Scope scope, UUID id) {
        List<PageRow> out = new ArrayList<>();
        for (Object o : query("select document_id, page, sum(views), sum(seconds) from analytics_days"
                + " where tenant_id = cast(?1 as uuid) and " + scope.dayColumn + " = cast(?2 as uuid) and page > 0"
                + " group by document_id, page order by document_id, page limit 10000", tenant, id).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new PageRow(uuid(r[0]), (int) number(r[1]), number(r[2]), number(r[3])));
        }
        return out;
    }

    public long uniqueVisitors(TenantId tenant, Scope scope, UUID id) {
        return number(query("select count(distinct visitor) from analytics_visits v where v.tenant_id = cast(?1 as uuid)"
                + " and " + scope.visitFilter, tenant, id).getSingleResult());
    }

    /** The visitors, earliest first (at most {@code limit}). */
    public List<VisitorRow> visitors(TenantId tenant, Scope scope, UUID id, int limit) {
        List<VisitorRow> out = new ArrayList<>();
        for (Object o : query("select visitor, max(email), min(started_at), max(last_seen), sum(seconds), count(*),"
                + " sum(downloads) from analytics_visits v where v.tenant_id = cast(?1 as uuid) and "
                + scope.visitFilter + " group by visitor order by min(started_at), visitor limit " + limit, tenant, id)
                .getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new VisitorRow((String) r[0], (String) r[1], instant(r[2]), instant(r[3]), number(r[4]),
                    number(r[5]), number(r[6])));
        }
        return out;
    }

    public List<VisitorDocument> visitorDocuments(TenantId tenant, Scope scope, UUID id) {
        List<VisitorDocument> out = new ArrayList<>();
        for (Object o : query("select v.visitor, p.document_id, count(distinct p.page), sum(p.seconds)"
                + " from analytics_visit_pages p join analytics_visits v on v.tenant_id = p.tenant_id"
                + " and v.session_id = p.session_id where p.tenant_id = cast(?1 as uuid) and " + scope.pageFilter
                + " group by v.visitor, p.document_id", tenant, id).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new VisitorDocument((String) r[0], uuid(r[1]), number(r[2]), number(r[3])));
        }
        return out;
    }

    /** A room's or a document's links: views (sessions) and seconds each. */
    public List<LinkRow> byLink(TenantId tenant, Scope scope, UUID id) {
        List<LinkRow> out = new ArrayList<>();
        String sql = scope == Scope.DOCUMENT
                ? "select p.link_id, count(distinct p.session_id), sum(p.seconds) from analytics_visit_pages p"
                        + " where p.tenant_id = cast(?1 as uuid) and p.document_id = cast(?2 as uuid)"
                        + " group by p.link_id order by p.link_id"
                : "select link_id, sum(sessions), sum(seconds) from analytics_days where tenant_id = cast(?1 as uuid)"
                        + " and " + scope.dayColumn + " = cast(?2 as uuid) and link_id <> cast('"
                        + AnalyticsRollups.NONE + "' as uuid) group by link_id order by link_id";
        for (Object o : query(sql, tenant, id).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new LinkRow(uuid(r[0]), number(r[1]), number(r[2])));
        }
        return out;
    }

    /** One page of a link's sessions, oldest first, after the session {@code after} (null: from the start). */
    public List<VisitsRow> visits(TenantId tenant, UUID link, VisitsRow after, int limit) {
        String sql = "select v.session_id, v.email, v.client_address, v.user_agent, v.started_at, v.last_seen,"
                + " v.seconds, (select count(*) from analytics_visit_pages p where p.tenant_id = v.tenant_id"
                + " and p.session_id = v.session_id), v.downloads from analytics_visits v"
                + " where v.tenant_id = cast(?1 as uuid) and v.link_id = cast(?2 as uuid)"
                + (after == null ? "" : " and (v.started_at, v.session_id) > (cast(?3 as timestamptz), cast(?4 as uuid))")
                + " order by v.started_at, v.session_id limit " + limit;
        Query q = query(sql, tenant, link);
        if (after != null) {
            q.setParameter(3, after.start().toString()).setParameter(4, after.sessionId().toString());
        }
        List<VisitsRow> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new VisitsRow(uuid(r[0]), (String) r[1], (String) r[2], (String) r[3], instant(r[4]),
                    instant(r[5]), number(r[6]), number(r[7]), number(r[8])));
        }
        return out;
    }

    private Query query(String sql, TenantId tenant, UUID id) {
        return em.createNativeQuery(sql).setHint(NATIVE, true).setParameter(1, tenant.toString())
                .setParameter(2, id.toString());
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    private static Instant instant(Object o) {
        return io.coffer.platform.InstantConverter.fromColumn(o);
    }
}
