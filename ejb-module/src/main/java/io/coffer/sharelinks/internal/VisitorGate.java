package io.coffer.sharelinks.internal;

import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.CredentialsRequiredException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.GoneException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.sharelinks.ShareLinkEvent;
import io.coffer.sharelinks.ShareLinkEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What every visitor request does first: load the link by its token (unknown and revoked are one 404), build the
 * {@link Visit}, and ask {@link Policies}; a refusal is published ({@code link.access-denied}, before the rollback:
 * see {@link ShareLinkEvents.AccessDenied}) and thrown as the contract's answer for its kind.
 */
@ApplicationScoped
public class VisitorGate {

    @Inject
    Clock clock;
    @Inject
    LinkStore store;
    @Inject
    VisitorTokens visitorTokens;
    @Inject
    Event<ShareLinkEvent> events;
    @Inject
    BeaconFacts facts;
    @Inject
    io.coffer.tenancy.AccessGenerations generations;

    /** A link with the scope it reaches now. */
    public record Loaded(ShareLinkEntity entity, LinkRules rules, LinkScope scope) {
    }

    /** A visitor's request, past its first step: the link as it is now and the visit its visitor token makes. */
    public record Visiting(TenantId tenant, Loaded link, Visit visit) {
        /** The document of the link's scope named {@code id} (empty: the link does not show it). */
        public Optional<LinkScope.Entry> document(UUID id) {
            return link.scope().entry(id).filter(LinkScope.Entry::isDocument);
        }
    }

    /** Loads the link of {@code linkToken} and reads {@code visitorToken} into the visit (not checked yet). */
    public Visiting visiting(TenantId tenant, String linkToken, String visitorToken) {
        Loaded l = load(linkToken);
        return new Visiting(tenant, l, visit(tenant, l, visitorToken));
    }

    /**
     * {@link #visiting} for a page image (SL-46): the link's rules and scope as the last full check in this instance
     * found them ({@link BeaconFacts}), while the tenant's access generation is still the one read before that check
     * (FD-34, SL-45: nothing a link's decision rests on has changed since), else the full way, which then remembers
     * what it found. The visitor token and the policies are checked at each request all the same, against the clock;
     * what the generation does not cover — a new version, its page count — documents checks at each request. The
     * visit's link entity is absent when remembered: the page path reads only its rules and scope.
     */
    public Visiting visitingForPage(TenantId tenant, String linkToken, String visitorToken) {
        String hash = Secrets.hash(linkToken);
        long generation = generations.current(tenant); // before what it guards
        Optional<BeaconFacts.Facts> known = facts.fresh(hash, System.nanoTime())
                .filter(f -> f.tenant().equals(tenant) && f.generation() == generation);
        Loaded l;
        if (known.isPresent()) {
            if (known.get().rules().revoked()) {
                throw new NotFoundException("no such link"); // as load answers it
            }
            l = new Loaded(null, known.get().rules(), known.get().scope());
        } else {
            l = load(linkToken);
            facts.remember(hash, new BeaconFacts.Facts(tenant, generation, l.rules(), l.scope(), java.util.Map.of(),
                    System.nanoTime()));
        }
        return new Visiting(tenant, l, visit(tenant, l, visitorToken));
    }

    /** {@link #visiting}, then the VIEW policies on the whole link (the tree, beacons). */
    public Visiting viewing(TenantId tenant, io.coffer.sharelinks.VisitorViews.Request r) {
        Visiting v = visiting(tenant, r.linkToken(), r.visitorToken());
        enforce(tenant, Policies.VIEW, v.visit(), r.clientAddress());
        return v;
    }

    /** A link found otherwise (a ticket names it), with the scope it reaches now. */
    public Loaded loaded(ShareLinkEntity link) {
        return new Loaded(link, LinkRules.of(link), store.scope(link));
    }

    public Loaded load(String linkToken) {
        ShareLinkEntity link = store.byTokenHash(Secrets.hash(linkToken))
                .orElseThrow(() -> new NotFoundException("no such link"));
        LinkRules rules = LinkRules.of(link);
        if (rules.revoked()) {
            throw new NotFoundException("no such link"); // before any other work: one answer for unknown and revoked
        }
        LinkScope scope = store.scope(link);
        return new Loaded(link, rules, scope);
    }

    public Visit visit(TenantId tenant, Loaded l, String visitorToken) {
        Instant now = clock.instant();
        return new Visit(l.rules(), now, l.scope().onTarget(), null, null, null, false,
                visitorTokens.verify(tenant, visitorToken, now), null, false);
    }

    public void enforce(TenantId tenant, List<LinkPolicy> policies, Visit visit, String client) {
        Optional<Refusal> refusal = Policies.decide(policies, visit);
        if (refusal.isPresent()) {
            deny(tenant, visit.link(), refusal.get(), Policies.missing(policies, visit), visit.visitorEmail(),
                    client);
        }
    }

    public void deny(TenantId tenant, LinkRules rules, Refusal refusal, List<String> missing, String email,
                      String client) {
        events.fire(new ShareLinkEvents.AccessDenied(tenant, rules.id(), rules.roomId(), refusal.policy(), email,
                client, clock.instant()));
        switch (refusal.kind()) {
            case NOT_FOUND:
                throw new NotFoundException("no such link");
            case GONE:
                throw new GoneException(refusal.detail());
            case FORBIDDEN:
                throw new ForbiddenException(refusal.detail());
            default:
                throw new CredentialsRequiredException(missing);
        }
    }
}
