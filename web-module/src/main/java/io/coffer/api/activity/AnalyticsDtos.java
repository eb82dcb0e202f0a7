package io.coffer.api.activity;

import io.coffer.activity.AnalyticsReport;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer bodies of the analytics (contract "Share links" and "Activity, automation, audit"; ACT-21). */
public final class AnalyticsDtos {
    private AnalyticsDtos() {
    }

    @Schema(name = "AnalyticsPage", description = "One page of one document: page views and seconds read.")
    public record Page(@Schema(required = true, format = "uuid") String documentId,
                       @Schema(required = true, minimum = "1") int page,
                       @Schema(required = true, minimum = "0") long views,
                       @Schema(required = true, minimum = "0") long seconds) {
        static Page of(AnalyticsReport.Page p) {
            return new Page(p.documentId().toString(), p.page(), p.views(), p.seconds());
        }
    }

    @Schema(name = "AnalyticsVisitor", description = "One visitor (by email, or by session without one).")
    public record Visitor(@Schema(nullable = true, maxLength = 320) String email,
                          @Schema(required = true) Instant firstSeen,
                          @Schema(required = true) Instant lastSeen,
                          @Schema(required = true, minimum = "0") long seconds,
                          @Schema(required = true, minimum = "1", description = "Visitor sessions (views).") long sessions,
                          @Schema(required = true, minimum = "0", description = "Distinct pages seen.") long pagesSeen,
                          @Schema(nullable = true, minimum = "0", maximum = "1",
                                  description = "Pages seen / pages of the documents opened.") Double completion,
                          @Schema(required = true, minimum = "0") long downloads) {
        static Visitor of(AnalyticsReport.Visitor v) {
            return new Visitor(v.email(), v.firstSeen(), v.lastSeen(), v.seconds(), v.sessions(), v.pagesSeen(),
                    v.completion(), v.downloads());
        }
    }

    @Schema(name = "AnalyticsByLink")
    public record Link(@Schema(required = true, format = "uuid") String linkId,
                       @Schema(nullable = true, maxLength = 200) String name,
                       @Schema(required = true, minimum = "0") long views,
                       @Schema(required = true, minimum = "0") long seconds) {
        static Link of(AnalyticsReport.Link l) {
            return new Link(l.linkId().toString(), l.name(), l.views(), l.seconds());
        }
    }

    @Schema(name = "LinkAnalytics", description = "A link's analytics: views are visitor sessions.")
    @JsonbPropertyOrder({"views", "uniqueVisitors", "totalSeconds", "downloads", "completion", "pages", "visitors"})
    public record LinkReport(@Schema(required = true, minimum = "0") long views,
                             @Schema(required = true, minimum = "0") long uniqueVisitors,
                             @Schema(required = true, minimum = "0") long totalSeconds,
                             @Schema(required = true, minimum = "0") long downloads,
                             @Schema(nullable = true, minimum = "0", maximum = "1",
                                     description = "The mean of the visitors' completions.") Double completion,
                             @Schema(required = true, maxItems = 10000) List<Page> pages,
                             @Schema(required = true, maxItems = AnalyticsReport.MAX_VISITORS) List<Visitor> visitors) {
        static LinkReport of(AnalyticsReport r) {
            return new LinkReport(r.views(), r.uniqueVisitors(), r.totalSeconds(), r.downloads(), r.completion(),
                    r.pages().stream().map(Page::of).toList(), r.visitors().stream().map(Visitor::of).toList());
        }
    }

    @Schema(name = "Analytics", description = "A document's or a room's analytics, with each link's share.")
    @JsonbPropertyOrder({"views", "uniqueVisitors", "totalSeconds", "downloads", "completion", "pages", "visitors",
        "byLink"})
    public record Report(@Schema(required = true, minimum = "0") long views,
                         @Schema(required = true, minimum = "0") long uniqueVisitors,
                         @Schema(required = true, minimum = "0") long totalSeconds,
                         @Schema(required = true, minimum = "0") long downloads,
                         @Schema(nullable = true, minimum = "0", maximum = "1") Double completion,
                         @Schema(required = true, maxItems = 10000) List<Page> pages,
                         @Schema(required = true, maxItems = AnalyticsReport.MAX_VISITORS) List<Visitor> visitors,
                         @Schema(required = true, maxItems = 10000) List<Link> byLink) {
        static Report of(AnalyticsReport r) {
            return new Report(r.views(), r.uniqueVisitors(), r.totalSeconds(), r.downloads(), r.completion(),
                    r.pages().stream().map(Page::of).toList(), r.visitors().stream().map(Visitor::of).toList(),
                    r.byLink().stream().map(Link::of).toList());
        }
    }
}
