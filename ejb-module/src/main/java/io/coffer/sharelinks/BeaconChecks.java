package io.coffer.sharelinks;

import io.coffer.datarooms.Permission;
import io.coffer.documents.DelegatedAccess;
import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.internal.BeaconFacts;
import io.coffer.sharelinks.internal.LinkRules;
import io.coffer.sharelinks.internal.LinkScope;
import io.coffer.sharelinks.internal.LinkStore;
import io.coffer.sharelinks.internal.Policies;
import io.coffer.sharelinks.internal.ShareLinkEntity;
import io.coffer.sharelinks.internal.Visit;
import io.coffer.sharelinks.internal.VisitorClaims;
import io.coffer.sharelinks.internal.VisitorTokens;
import io.coffer.tenancy.AccessGenerations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks of page-time beacons, in two steps (docs/features/activity.md, ACT-20, ACT-29..31). A beacon serves
 * nothing, so what must hold is what is <em>stored</em>; the request only has to be answered truthfully and cheaply:
 * <ol>
 * <li>{@link #inMemory}: at the request, against what the last full check of the link found in this instance
 * (at most {@link BeaconFacts#FRESH_NANOS} old, and only while the tenant's access generation is the one read before
 * that check: FD-34, SL-45) and the visitor token (signature, expiry, link) — one read of the generation, nothing
 * else. Memory only accepts: when anything fails or is unknown (no fresh facts, a token it cannot read, a refusal, a
 * document or page count it has not seen) it answers empty and the request takes {@link Visitors#beacons}, the full
 * way, which refuses as every visitor request does and refreshes the facts.</li>
 * <li>{@link #confirm}: before storing, in the flusher's transaction of the tenant, every batch again against the link
 * as it is now (revoked, security version, the creator's rights, scope, page counts — a new version's page count is
 * the one thing the generation does not cover): once per link and flush, not once per request. What fails is not
 * stored.</li>
 * </ol>
 * Both apply the same rules: {@link Policies#VIEW} on the visit the token makes and {@link #problem} on the entries.
 */
@ApplicationScoped
public class BeaconChecks {

    @Inject
    Clock clock;
    @Inject
    BeaconFacts facts;
    @Inject
    VisitorTokens tokens;
    @Inject
    LinkStore store;
    @EJB
    DelegatedAccess documents;
    @Inject
    AccessGenerations generations;

    /**
     * The checked batch, accepted from memory (and one read of the tenant's access generation); empty when the full
     * way must decide. Memory only accepts: every refusal, and everything it has not seen, goes the full way.
     */
    public Optional<VisitorViews.BeaconBatch> inMemory(VisitorViews.Request r, List<VisitorViews.Beacon> beacons) {
        if (r.linkToken() == null || r.visitorToken() == null || beacons.size() > VisitorViews.BeaconBatch.MAX_ENTRIES) {
            return Optional.empty();
        }
        Optional<BeaconFacts.Facts> found = facts.fresh(Secrets.hash(r.linkToken()), System.nanoTime());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BeaconFacts.Facts f = found.get();
        Instant now = clock.instant();
        Optional<VisitorClaims> claims = tokens.verifyInMemory(f.tenant(), r.visitorToken(), now)
                .flatMap(Function.identity());
        if (claims.isEmpty() || !claims.get().linkId().equals(f.rules().id())
                || refused(f.rules(), f.scope(), claims.get(), now)
                || problem(beacons, id -> shows(f.scope(), id), id -> f.pageCount(id).orElse(null)).isPresent()
                || generations.current(f.tenant()) != f.generation()) {
            return Optional.empty();
        }
        return Optional.of(batch(f.tenant(), f.rules(), claims.get(), r.clientAddress(), now, beacons));
    }

    /**
     * Every batch checked again against its link as it is now (called in the tenant's transaction, by the flusher):
     * the answer has one batch per given batch, in order, with the entries that still hold (none when the link is gone,
     * revoked, changed its security version, or no longer shows the document). Refreshes the facts of each link.
     */
    public List<VisitorViews.BeaconBatch> confirm(TenantId tenant, List<VisitorViews.BeaconBatch> batches) {
        long generation = generations.current(tenant); // before what it guards (FD-34)
        Map<LinkId, Checked> links = new LinkedHashMap<>();
        for (VisitorViews.BeaconBatch b : batches) {
            links.computeIfAbsent(b.link(), id -> load(id, batches));
        }
        links.forEach((id, c) -> c.remember(tenant, generation, facts));
        List<VisitorViews.BeaconBatch> out = new ArrayList<>(batches.size());
        for (VisitorViews.BeaconBatch b : batches) {
            Checked c = links.get(b.link());
            VisitorClaims claims = new VisitorClaims(b.session(), b.link().value(), b.securityVersion(), b.email(),
                    b.sessionIssued(), b.sessionExpires());
            if (c.link == null || refused(c.rules, c.scope, claims, b.at())) {
                out.add(b.with(List.of()));
                continue;
            }
            List<VisitorViews.Beacon> kept = new ArrayList<>();
            for (VisitorViews.Beacon e : b.entries()) {
                Integer pages = c.pages.get(e.docId());
                if (shows(c.scope, e.docId()) && pages != null && e.page() >= 1 && e.page() <= pages) {
                    kept.add(e);
                }
            }
            out.add(b.with(kept));
        }
        return out;
    }

    /**
     * ACT-20, the one check of a batch's entries: each names a document the link shows and a page within its page
     * count, each reports 0 to {@link VisitorViews.BeaconBatch#MAX_SECONDS_PER_PAGE} seconds, together at most
     * {@link VisitorViews.BeaconBatch#MAX_SECONDS_PER_BATCH}, and there are at most
     * {@link VisitorViews.BeaconBatch#MAX_ENTRIES}. The answer names the first field that fails (empty: all hold); the
     * full way throws it, memory sends the request the full way.
     */
    static Optional<ValidationException> problem(List<VisitorViews.Beacon> beacons, Predicate<UUID> shown,
                                                 Function<UUID, Integer> pageCount) {
        if (beacons.size() > VisitorViews.BeaconBatch.MAX_ENTRIES) {
            return Optional.of(ValidationException.of("body", "must hold at most "
                    + VisitorViews.BeaconBatch.MAX_ENTRIES + " beacons"));
        }
        Map<UUID, Integer> pages = new HashMap<>();
        long total = 0;
        for (VisitorViews.Beacon b : beacons) {
            if (b == null || b.docId() == null || !shown.test(b.docId())) {
                return Optional.of(ValidationException.of("docId", "each beacon needs a document this link shows"));
            }
            Integer count = pages.computeIfAbsent(b.docId(), pageCount);
            if (b.page() < 1 || count == null || b.page() > count) {
                return Optional.of(ValidationException.of("page",
                        "must be a page of the document (1 to its page count)"));
            }
            if (b.seconds() < 0 || b.seconds() > VisitorViews.BeaconBatch.MAX_SECONDS_PER_PAGE) {
                return Optional.of(ValidationException.of("seconds", "must be from 0 to "
                        + VisitorViews.BeaconBatch.MAX_SECONDS_PER_PAGE));
            }
            total += b.seconds();
        }
        if (total > VisitorViews.BeaconBatch.MAX_SECONDS_PER_BATCH) {
            return Optional.of(ValidationException.of("seconds", "must add up to at most "
                    + VisitorViews.BeaconBatch.MAX_SECONDS_PER_BATCH + " per batch"));
        }
        return Optional.empty();
    }

    /** The batch {@link Visitors#beacons} and {@link #inMemory} answer. */
    static VisitorViews.BeaconBatch batch(TenantId tenant, LinkRules rules, VisitorClaims s, String client,
                                          Instant now, List<VisitorViews.Beacon> beacons) {
        return new VisitorViews.BeaconBatch(tenant, new LinkId(rules.id()),
                rules.roomId() == null ? null : new RoomId(rules.roomId()), s.sessionId(), s.email(), client, now,
                beacons, s.securityVersion(), s.issuedAt(), s.expiresAt());
    }

    /** The link's page count of a document it shows (0 when documents does not serve it through the link). */
    Integer pageCount(LinkScope scope, UUID document) {
        return documents.document(scope.delegation(), new DocumentId(document), Permission.VIEW)
                .map(DelegatedAccess.Delegated::pageCount).orElse(0);
    }

    /** The tenant's access generation, read by the full way before its check (FD-34). */
    long generation(TenantId tenant) {
        return generations.current(tenant);
    }

    /**
     * Remembers what a full check of a visitor request found ({@code generation}: read before it; its page counts:
     * the documents it checked).
     */
    void remember(String linkToken, TenantId tenant, long generation, LinkRules rules, LinkScope scope,
                  Map<UUID, Integer> pages) {
        facts.remember(Secrets.hash(linkToken), new BeaconFacts.Facts(tenant, generation, rules, scope, pages,
                System.nanoTime()));
    }

    private static boolean shows(LinkScope scope, UUID document) {
        return scope.entry(document).filter(LinkScope.Entry::isDocument).isPresent();
    }

    private static boolean refused(LinkRules rules, LinkScope scope, VisitorClaims claims, Instant at) {
        return Policies.decide(Policies.VIEW, new Visit(rules, at, scope.onTarget(), null, null, null, false,
                Optional.of(claims), null, false)).isPresent();
    }

    private Checked load(LinkId id, List<VisitorViews.BeaconBatch> batches) {
        Optional<ShareLinkEntity> found = store.find(id.value());
        if (found.isEmpty()) {
            return new Checked(null, null, null, Map.of());
        }
        LinkRules rules = LinkRules.of(found.get());
        LinkScope scope = store.scope(found.get());
        Map<UUID, Integer> pages = new HashMap<>();
        for (VisitorViews.BeaconBatch b : batches) {
            if (b.link().equals(id)) {
                for (VisitorViews.Beacon e : b.entries()) {
                    if (shows(scope, e.docId())) {
                        pages.computeIfAbsent(e.docId(), d -> pageCount(scope, d));
                    }
                }
            }
        }
        return new Checked(found.get(), rules, scope, pages);
    }

    /** One link as {@link #confirm} found it (link null: gone). */
    private record Checked(ShareLinkEntity link, LinkRules rules, LinkScope scope, Map<UUID, Integer> pages) {
        void remember(TenantId tenant, long generation, BeaconFacts facts) {
            if (link == null) {
                return;
            }
            facts.remember(link.tokenHash(), new BeaconFacts.Facts(tenant, generation, rules, scope, pages,
                    System.nanoTime()));
        }
    }
}
