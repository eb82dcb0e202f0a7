package io.coffer.activity.internal;

import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes the analytics roll-ups ({@code analytics_days}, {@code analytics_visits}, {@code analytics_visit_pages},
 * liquibase/activity/changelog-3-analytics.sql) and the raw page-time rows of {@code activity_events}, in the
 * caller's transaction, which is bound to the tenant (row-level security holds every row to it). Everything is
 * written with multi-row statements (COPY is refused under row-level security), the rows of one statement
 * aggregated first and sorted by key, so that two writers of one tenant take their row locks in one order (ACT-24).
 */
@ApplicationScoped
public class AnalyticsRollups {

    /** The key part of a roll-up row that has no link (a member's download) or no document (a session's row). */
    public static final UUID NONE = new UUID(0L, 0L);
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    /** Rows per statement (each column travels as one array parameter). */
    private static final int ROWS_PER_STATEMENT = 5000;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** A page seen ({@code views} 1) or read for {@code seconds} by one visitor session. */
    public record PageTime(UUID link, UUID room, UUID session, String email, String clientAddress, String userAgent,
                           UUID document, int page, int views, int seconds, Instant at) {
    }

    /** Who counts as one unique visitor: the email, or the session when there is none (ACT-21). */
    public static String visitor(String email, UUID session) {
        return email == null || email.isBlank() ? "session:" + session : "email:" + email;
    }

    /** A visitor session was created: one view of its link (ACT-21). */
    public void sessionStarted(TenantId tenant, UUID link, UUID room, UUID session, String email, String client,
                               Instant at) {
        insert(days(tenant, List.of(new Day(day(at), link, NONE, 0, room, 1, 0, 0, 0))));
        insert(visits(tenant, List.of(new Visit(session, link, room, visitor(email, session), email, client, null, at,
                at, 0, 0, 0))));
    }

    /** A download of {@code document} (through {@code link}, or by a member when it is null). */
    public void downloaded(TenantId tenant, UUID link, UUID room, UUID session, String email, String client,
                           UUID document, Instant at) {
        insert(days(tenant, List.of(new Day(day(at), link == null ? NONE : link, document, 0, room, 0, 0, 0, 1))));
        if (link != null && session != null) {
            insert(visits(tenant, List.of(new Visit(session, link, room, visitor(email, session), email, client,
                    null, at, at, 0, 0, 1))));
        }
    }

    /** Page views and page times: the daily counts, the session's pages and the session's totals. */
    public void pages(TenantId tenant, List<PageTime> rows) {
        Map<String, Day> days = new TreeMap<>();
        Map<String, VisitPage> pages = new TreeMap<>();
        Map<UUID, Visit> visits = new TreeMap<>();
        for (PageTime r : rows) {
            days.merge(r.link() + "|" + r.document() + "|" + r.page() + "|" + day(r.at()),
                    new Day(day(r.at()), r.link(), r.document(), r.page(), r.room(), 0, r.views(), r.seconds(), 0),
                    Day::plus);
            pages.merge(r.session() + "|" + r.document() + "|" + r.page(),
                    new VisitPage(r.session(), r.document(), r.page(), r.link(), r.views(), r.seconds(), r.at()),
                    VisitPage::plus);
            visits.merge(r.session(), new Visit(r.session(), r.link(), r.room(), visitor(r.email(), r.session()),
                    r.email(), r.clientAddress(), r.userAgent(), r.at(), r.at(), r.seconds(), r.views(), 0),
                    Visit::plus);
        }
        List<Part> parts = List.of(days(tenant, new ArrayList<>(days.values())),
                visitPages(tenant, new ArrayList<>(pages.values())), visits(tenant, new ArrayList<>(visits.values())));
        if (parts.stream().allMatch(part -> part.rows().size() <= ROWS_PER_STATEMENT)) {
            together(parts); // one round trip for a page view (ACT-24's order kept: see together)
        } else {
            parts.forEach(this::insert);
        }
    }

    /** The raw page-time rows ({@code document.viewed} with the seconds read) of {@code activity_events}. */
    public void events(TenantId tenant, List<PageTime> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (PageTime r : rows) {
            values.add(new Object[]{UUID.randomUUID().toString(), tenant.toString(), micros(r.at()),
                "document.viewed", "VISITOR", r.session().toString(), r.email(), text(r.room()),
                r.document().toString(), r.link().toString(), r.session().toString(), r.page(), r.seconds(),
                r.clientAddress(), r.userAgent()});
        }
        insert(new Part("insert into activity_events (id, tenant_id, at, type, actor_type, actor_id, actor_email,"
                        + " room_id, document_id, link_id, session_id, page, seconds, client_address, user_agent) ",
                new String[]{"uuid", "uuid", "timestamptz", "text", "text", "uuid", "text", "uuid", "uuid", "uuid",
                    "uuid", "integer", "integer", "text", "text"}, values, ""));
    }

    private record Day(String day, UUID link, UUID document, int page, UUID room, long sessions, long views,
                       long seconds, long downloads) {
        Day plus(Day o) {
            return new Day(day, link, document, page, room == null ? o.room : room, sessions + o.sessions,
                    views + o.views, seconds + o.seconds, downloads + o.downloads);
        }
    }

    private record VisitPage(UUID session, UUID document, int page, UUID link, long views, long seconds,
                             Instant firstSeen) {
        VisitPage plus(VisitPage o) {
            return new VisitPage(session, document, page, link, views + o.views, seconds + o.seconds,
                    firstSeen.isBefore(o.firstSeen) ? firstSeen : o.firstSeen);
        }
    }

    private record Visit(UUID session, UUID link, UUID room, String visitor, String email, String client,
                         String userAgent, Instant started, Instant lastSeen, long seconds, long pageViews,
                         long downloads) {
        Visit plus(Visit o) {
            return new Visit(session, link, room, visitor, email, client, userAgent == null ? o.userAgent : userAgent,
                    started.isBefore(o.started) ? started : o.started,
                    lastSeen.isAfter(o.lastSeen) ? lastSeen : o.lastSeen, seconds + o.seconds,
                    pageViews + o.pageViews, downloads + o.downloads);
        }
    }

    private Part days(TenantId tenant, List<Day> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Day d : rows) {
            values.add(new Object[]{tenant.toString(), d.day(), d.link().toString(), d.document().toString(),
                d.page(), text(d.room()), d.sessions(), d.views(), d.seconds(), d.downloads()});
        }
        return new Part("insert into analytics_days as a (tenant_id, day, link_id, document_id, page, room_id, sessions, views,"
                        + " seconds, downloads) ",
                new String[]{"uuid", "date", "uuid", "uuid", "integer", "uuid", "bigint", "bigint", "bigint", "bigint"},
                values, " on conflict (tenant_id, link_id, document_id, page, day) do update set"
                        + " sessions = a.sessions + excluded.sessions, views = a.views + excluded.views,"
                        + " seconds = a.seconds + excluded.seconds, downloads = a.downloads + excluded.downloads,"
                        + " room_id = coalesce(a.room_id, excluded.room_id)");
    }

    private Part visitPages(TenantId tenant, List<VisitPage> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (VisitPage p : rows) {
            values.add(new Object[]{tenant.toString(), p.session().toString(), p.document().toString(), p.page(),
                p.link().toString(), p.views(), p.seconds(), micros(p.firstSeen())});
        }
        return new Part("insert into analytics_visit_pages as p (tenant_id, session_id, document_id, page, link_id, views,"
                        + " seconds, first_seen) ",
                new String[]{"uuid", "uuid", "uuid", "integer", "uuid", "bigint", "bigint", "timestamptz"}, values,
                " on conflict (tenant_id, session_id, document_id, page) do update set views = p.views + excluded.views,"
                        + " seconds = p.seconds + excluded.seconds, first_seen = least(p.first_seen, excluded.first_seen)");
    }

    /**
     * Upserts sessions' rows. The personal data (email, address) is written only when the row is made, never by a
     * later update: a beacon of a session whose visitor was erased meanwhile brings nothing back (ACT-32).
     */
    private Part visits(TenantId tenant, List<Visit> rows) {
        List<Visit> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Visit::session));
        List<Object[]> values = new ArrayList<>(sorted.size());
        for (Visit v : sorted) {
            values.add(new Object[]{tenant.toString(), v.session().toString(), v.link().toString(), text(v.room()),
                v.visitor(), v.email(), v.client(), v.userAgent(), micros(v.started()), micros(v.lastSeen()),
                v.seconds(), v.pageViews(), v.downloads()});
        }
        return new Part("insert into analytics_visits as v (tenant_id, session_id, link_id, room_id, visitor, email,"
                        + " client_address, user_agent, started_at, last_seen, seconds, page_views, downloads) ",
                new String[]{"uuid", "uuid", "uuid", "uuid", "text", "text", "text", "text", "timestamptz",
                    "timestamptz", "bigint", "bigint", "bigint"}, values,
                " on conflict (tenant_id, session_id) do update set seconds = v.seconds + excluded.seconds,"
                        + " page_views = v.page_views + excluded.page_views,"
                        + " downloads = v.downloads + excluded.downloads,"
                        + " started_at = least(v.started_at, excluded.started_at),"
                        + " last_seen = greatest(v.last_seen, excluded.last_seen),"
                        + " user_agent = case when v.visitor like 'erased:%' then null"
                        + " else coalesce(v.user_agent, excluded.user_agent) end");
    }

    /**
     * One multi-row upsert: {@code head} + {@code select * from unnest(cast(?1 as t1[]), ...)} + {@code tail}, each
     * column one array parameter. A statement of thousands of positional parameters costs more to prepare than to run
     * (measured: the flusher fell behind at a few hundred rows a second); one array per column keeps it at a dozen
     * parameters whatever the number of rows.
     */
    private record Part(String head, String[] casts, List<Object[]> rows, String tail) {

        /** The statement, its array parameters numbered from {@code first}. */
        String sql(int first) {
            StringBuilder sql = new StringBuilder(head).append("select * from unnest(");
            for (int c = 0; c < casts.length; c++) {
                sql.append(c == 0 ? "" : ", ").append("cast(?").append(first + c).append(" as ").append(casts[c])
                        .append("[])");
            }
            return sql.append(')').append(tail).toString();
        }

        /** The array literal of column {@code c}. */
        String column(int c) {
            StringBuilder array = new StringBuilder("{");
            for (int r = 0; r < rows.size(); r++) {
                Object value = rows.get(r)[c];
                array.append(r == 0 ? "" : ",");
                if (value == null) {
                    array.append("NULL");
                } else {
                    array.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                            .append('"');
                }
            }
            return array.append('}').toString();
        }

        Part chunk(int from, int to) {
            return new Part(head, casts, rows.subList(from, to), tail);
        }
    }

    /** {@code part} in statements of at most {@value #ROWS_PER_STATEMENT} rows. */
    private void insert(Part part) {
        for (int from = 0; from < part.rows().size(); from += ROWS_PER_STATEMENT) {
            run(List.of(part.chunk(from, Math.min(part.rows().size(), from + ROWS_PER_STATEMENT))));
        }
    }

    /** The parts in one statement (each small enough): {@link #run}. */
    private void together(List<Part> parts) {
        run(parts.stream().filter(p -> !p.rows().isEmpty()).toList());
    }

    /**
     * One statement for the parts: the first as the main statement, the others as data-modifying {@code WITH}
     * clauses. PostgreSQL runs clauses whose output nobody reads after the main statement, the last one first; so
     * they are listed in reverse, and the rows are locked in the order of {@code parts} (ACT-24: every writer of a
     * page view takes days, then the session's pages, then the session). Each table is named once per statement, so
     * no two clauses touch one row (which PostgreSQL forbids within one statement).
     */
    private void run(List<Part> parts) {
        if (parts.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        int[] first = new int[parts.size()];
        int next = 1;
        for (int i = 0; i < parts.size(); i++) {
            first[i] = next;
            next += parts.get(i).casts().length;
        }
        for (int i = parts.size() - 1; i >= 1; i--) {
            sql.append(i == parts.size() - 1 ? "with " : ", ").append("w").append(i).append(" as (")
                    .append(parts.get(i).sql(first[i])).append(')');
        }
        sql.append(parts.size() > 1 ? " " : "").append(parts.get(0).sql(first[0]));
        Query q = em.createNativeQuery(sql.toString()).setHint(NATIVE, true);
        for (int i = 0; i < parts.size(); i++) {
            for (int c = 0; c < parts.get(i).casts().length; c++) {
                q.setParameter(first[i] + c, parts.get(i).column(c));
            }
        }
        q.executeUpdate();
    }

    static String day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String micros(Instant at) {
        return MICROS.format(at.truncatedTo(ChronoUnit.MICROS));
    }

    private static String text(UUID id) {
        return Objects.toString(id, null);
    }
}
