package io.coffer.activity;

import io.coffer.activity.internal.AnalyticsQueries;
import io.coffer.activity.internal.AnalyticsQueries.Scope;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.Permissions;
import io.coffer.documents.Documents;
import io.coffer.identity.CallerCheck;
import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.CofferException;
import io.coffer.sharelinks.ShareLinks;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The analytics of links, documents and rooms, read from the roll-ups (ACT-21, ACT-26). Authorization first, as
 * everywhere: MANAGE on the link's room, on the document, on the room (ACT-27); an id the caller may not see answers
 * 404 like an unknown one, through the modules that own them.
 */
@Stateless
@PermitAll
public class Analytics {

    @EJB
    CallerCheck callers;

    @EJB
    ShareLinks links;

    @EJB
    Documents documents;

    @EJB
    Permissions permissions;

    @Inject
    AnalyticsQueries queries;

    /** Authorization of a link's analytics and visits before anything is read (MANAGE on its room). */
    public void requireLink(LinkId link) {
        links.requireManage(link);
    }

    public AnalyticsReport link(LinkId link) {
        links.requireManage(link);
        return report(Scope.LINK, link.value(), false);
    }

    public AnalyticsReport document(DocumentId document) {
        documents.require(document.value(), Permission.MANAGE);
        return report(Scope.DOCUMENT, document.value(), true);
    }

    public AnalyticsReport room(RoomId room) {
        permissions.require(room, Permission.MANAGE);
        return report(Scope.ROOM, room.value(), true);
    }

    /** One page of a link's visitor sessions, oldest first, after {@code after} (null: the first page). */
    public List<VisitsRow> visits(LinkId link, VisitsRow after, int limit) {
        links.requireManage(link);
        return queries.visits(tenant(), link.value(), after, Math.max(1, Math.min(1000, limit)));
    }

    private AnalyticsReport report(Scope scope, UUID id, boolean withLinks) {
        TenantId tenant = tenant();
        AnalyticsQueries.Totals totals = queries.totals(tenant, scope, id);
        long views = scope == Scope.DOCUMENT ? queries.documentSessions(tenant, id) : totals.sessions();
        List<AnalyticsReport.Page> pages = queries.pages(tenant, scope, id).stream()
                .map(p -> new AnalyticsReport.Page(p.document(), p.page(), p.views(), p.seconds())).toList();
        Map<String, List<AnalyticsQueries.VisitorDocument>> seen = new HashMap<>();
        for (AnalyticsQueries.VisitorDocument d : queries.visitorDocuments(tenant, scope, id)) {
            seen.computeIfAbsent(d.visitor(), v -> new ArrayList<>()).add(d);
        }
        Map<UUID, Optional<Integer>> pageCounts = new HashMap<>();
        List<AnalyticsReport.Visitor> visitors = new ArrayList<>();
        double completionSum = 0;
        int completions = 0;
        for (AnalyticsQueries.VisitorRow v : queries.visitors(tenant, scope, id, AnalyticsReport.MAX_VISITORS)) {
            long pagesSeen = 0;
            long knownSeen = 0;
            long knownPages = 0;
            long documentSeconds = 0;
            for (AnalyticsQueries.VisitorDocument d : seen.getOrDefault(v.visitor(), List.of())) {
                pagesSeen += d.pages();
                documentSeconds += d.seconds();
                Optional<Integer> count = pageCounts.computeIfAbsent(d.document(), this::pageCount);
                if (count.isPresent()) {
                    knownSeen += Math.min(d.pages(), count.get());
                    knownPages += count.get();
                }
            }
            Double completion = knownPages == 0 ? null : (double) knownSeen / knownPages;
            if (completion != null) {
                completionSum += completion;
                completions++;
            }
            visitors.add(new AnalyticsReport.Visitor(v.email(), v.firstSeen(), v.lastSeen(),
                    scope == Scope.DOCUMENT ? documentSeconds : v.seconds(), v.sessions(), pagesSeen, completion,
                    v.downloads()));
        }
        List<AnalyticsReport.Link> byLink = null;
        if (withLinks) {
            byLink = new ArrayList<>();
            for (AnalyticsQueries.LinkRow l : queries.byLink(tenant, scope, id)) {
                byLink.add(new AnalyticsReport.Link(l.link(), linkName(l.link()), l.views(), l.seconds()));
            }
        }
        return new AnalyticsReport(views, queries.uniqueVisitors(tenant, scope, id), totals.seconds(),
                totals.downloads(), completions == 0 ? null : completionSum / completions, pages, visitors, byLink);
    }

    /** The page count of a document's newest version, when the caller still sees it. */
    private Optional<Integer> pageCount(UUID document) {
        try {
            return Optional.ofNullable(documents.get(document).pageCount()).filter(n -> n > 0);
        } catch (CofferException e) {
            return Optional.empty(); // deleted meanwhile, or out of the caller's sight
        }
    }

    private String linkName(UUID link) {
        try {
            return links.get(new LinkId(link)).name();
        } catch (CofferException e) {
            return null;
        }
    }

    private TenantId tenant() {
        return callers.current().tenant();
    }
}
