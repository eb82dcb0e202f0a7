package io.coffer.sharelinks;

import io.coffer.datarooms.Delegation;
import io.coffer.datarooms.Permission;
import io.coffer.documents.Audience;
import io.coffer.documents.Content;
import io.coffer.documents.DelegatedAccess;
import io.coffer.documents.DocumentEvents;
import io.coffer.documents.PageImage;
import io.coffer.documents.Search;
import io.coffer.documents.Tickets;
import io.coffer.documents.Watermark;
import io.coffer.documents.Zip;
import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.LinkId;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;

import io.coffer.sharelinks.internal.LinkRules;
import io.coffer.sharelinks.internal.LinkScope;
import io.coffer.sharelinks.internal.LinkStore;
import io.coffer.sharelinks.internal.Policies;
import io.coffer.sharelinks.internal.Refusal;
import io.coffer.sharelinks.internal.SessionRows;
import io.coffer.sharelinks.internal.ShareLinkEntity;
import io.coffer.sharelinks.internal.Visit;
import io.coffer.sharelinks.internal.VisitorClaims;
import io.coffer.sharelinks.internal.VisitorGate;
import io.coffer.sharelinks.internal.Watermarks;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantOfSecret;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What a visitor with a session sees of a share link (contract "Share links", visitor table): the tree, page images
 * (watermarked into the pixels when the link says so), downloads, tickets, zips and page-time beacons. No bearer token:
 * the link token is the capability, and tenancy binds its tenant before a method runs ({@link TenantOfSecret}); a
 * ticket's tenant is its own ({@link Tickets#redeemForVisitor}). Every method loads the link, builds the visit and asks
 * the link's gate before it does anything else; what the link serves it asks of documents with the link's {@link Delegation}, computed
 * once per request with the scope the link reaches now ({@link DelegatedAccess}).
 */
@Stateless
@PermitAll
public class Visitors {

    @EJB
    TenantScope tenancy;
    @Inject
    Clock clock;
    @Inject
    VisitorGate gate;
    @Inject
    LinkStore store;
    @Inject
    SessionRows sessions;
    @EJB
    DelegatedAccess documents;
    @Inject
    Tickets tickets;
    @Inject
    Event<ShareLinkEvent> events;
    @Inject
    BeaconChecks beaconChecks;
    @EJB
    Search search;

    /** Uses a visitor's download ticket up (documents' {@link Tickets}) and serves it through the link's gate. */
    public Content redeemTicket(String ticket, String client) {
        return tickets.redeemForVisitor(ticket, found -> redeem(found, client));
    }

    @TenantOfSecret(SecretKind.SHARE_LINK)
    public List<VisitorViews.Node> tree(VisitorViews.Request r) {
        VisitorGate.Visiting v = gate.viewing(tenancy.require(), r);
        return nodes(v.tenant(), v.link(), v.visit(), v.link().scope().top());
    }

    /**
     * A visitor's search (search, SR-5): past the gate as for the tree, over the documents the link shows and lets the
     * visitor view (hidden overrides and anything outside the target are not in its scope); a link without
     * {@code allowSearch} answers as an unknown link.
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public Search.Results search(VisitorViews.Request r, String query, Integer limit, String cursor) {
        VisitorGate.Visiting v = gate.viewing(tenancy.require(), r);
        if (!v.link().rules().allowSearch()) {
            throw new NotFoundException("no such link");
        }
        List<Search.Visible> visible = new ArrayList<>();
        for (LinkScope.Entry e : v.link().scope().documentsBelow(null)) {
            if (Policies.decide(Policies.VIEW, v.visit().withItem(Optional.of(e), false)).isEmpty()) {
                int cut = e.path().lastIndexOf('/');
                visible.add(new Search.Visible(e.id(), v.link().rules().roomId(), e.name(),
                        cut < 0 ? "" : e.path().substring(0, cut)));
            }
        }
        return search.within(visible, query, limit, cursor);
    }

    /**
     * What a visitor may ask about (questions, QA-4, QA-5): past the gate as for the tree, the documents the link shows
     * and lets the visitor view; a link without {@code allowQuestions} answers as an unknown link.
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public VisitorViews.QuestionScope questionScope(VisitorViews.Request r) {
        VisitorGate.Visiting v = gate.viewing(tenancy.require(), r);
        if (!v.link().rules().allowQuestions()) {
            throw new NotFoundException("no such link");
        }
        java.util.Map<UUID, String> visible = new java.util.LinkedHashMap<>();
        for (LinkScope.Entry e : v.link().scope().documentsBelow(null)) {
            if (Policies.decide(Policies.VIEW, v.visit().withItem(Optional.of(e), false)).isEmpty()) {
                visible.put(e.id(), e.name());
            }
        }
        VisitorClaims s = v.visit().session().orElseThrow();
        return new VisitorViews.QuestionScope(v.tenant(), v.link().rules().id(), v.link().rules().roomId(),
                s.sessionId(), s.email(), java.util.Collections.unmodifiableMap(visible));
    }

    /**
     * The email a visitor session carries, if any (questions: the asker of an answered question is mailed, QA-8). In
     * the caller's tenant transaction; an erased or aged-out session has none.
     */
    public Optional<String> sessionEmail(UUID sessionId) {
        return sessions.claims(sessionId).map(VisitorClaims::email).filter(e -> !e.isBlank());
    }

    private List<VisitorViews.Node> nodes(TenantId tenant, VisitorGate.Loaded l, Visit visit, List<LinkScope.Entry> level) {
        List<VisitorViews.Node> out = new ArrayList<>();
        for (LinkScope.Entry e : level) {
            if (e.isDocument()) {
                boolean pdf = l.rules().watermark() && isPdf(l, e);
                boolean download = Policies.decide(Policies.DOWNLOAD, visit.withItem(Optional.of(e), pdf)).isEmpty();
                out.add(new VisitorViews.Node(e.id(), e.kind(), e.name(), e.index(), download, null));
            } else {
                out.add(new VisitorViews.Node(e.id(), e.kind(), e.name(), e.index(),
                        Policies.decide(Policies.DOWNLOAD, visit.withItem(Optional.of(e), true)).isEmpty(),
                        nodes(tenant, l, visit, l.scope().children(e))));
            }
        }
        return out;
    }

    private boolean isPdf(VisitorGate.Loaded l, LinkScope.Entry e) {
        return documents.document(l.scope().delegation(), new DocumentId(e.id()), Permission.VIEW)
                .map(DelegatedAccess.Delegated::isPdf).orElse(false);
    }


    /** The page image a visitor sees: watermarked into the pixels when the link says so, kept for the session. */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public PageImage page(VisitorViews.Request r, DocumentId documentId, int page) {
        VisitorGate.Visiting v = gate.visitingForPage(tenancy.require(), r.linkToken(), r.visitorToken()); // SL-46
        Optional<LinkScope.Entry> item = v.document(documentId.value());
        gate.enforce(v.tenant(), Policies.VIEW, v.visit().withItem(item, false), r.clientAddress());
        VisitorClaims session = v.visit().session().orElseThrow();
        PageImage image = documents.page(v.link().scope().delegation(), documentId, page,
                        watermark(v.link(), session, r.clientAddress()), new Audience(session.sessionId()))
                .orElseThrow(() -> new NotFoundException("no such page"));
        events.fire(new ShareLinkEvents.DocumentViewed(v.tenant(), v.link().rules().id(), v.link().rules().roomId(),
                session.sessionId(), session.email(), documentId.value(), page, 0, r.clientAddress(),
                clock.instant()));
        return image;
    }


    /**
     * What a visitor downloads: the bytes, or a PDF with the watermark stamped on every page. {@code counts} says,
     * from the content, whether the answer the web layer makes of it is a download (recorded as
     * {@code document.downloaded}).
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public Content content(VisitorViews.Request r, DocumentId documentId,
                           Predicate<Content> counts) {
        VisitorGate.Visiting v = gate.visiting(tenancy.require(), r.linkToken(), r.visitorToken());
        return download(v.tenant(), v.link(), v.visit(), documentId.value(), r.clientAddress(), counts,
                DocumentEvents.Via.LINK);
    }

    private Content download(TenantId tenant, VisitorGate.Loaded l, Visit visit, UUID documentId, String client,
                             Predicate<Content> counts, DocumentEvents.Via via) {
        DocumentId document = new DocumentId(documentId);
        Delegation delegation = l.scope().delegation();
        Optional<LinkScope.Entry> item = l.scope().entry(documentId).filter(LinkScope.Entry::isDocument);
        Optional<DelegatedAccess.Delegated> doc = item.isEmpty() ? Optional.empty()
                : documents.document(delegation, document, Permission.VIEW);
        gate.enforce(tenant, Policies.DOWNLOAD, visit.withItem(item, doc.map(DelegatedAccess.Delegated::isPdf)
                .orElse(false)), client);
        VisitorClaims session = visit.session().orElseThrow();
        Content content = documents.content(delegation, document, watermark(l, session, client),
                new Audience(session.sessionId())).orElseThrow(() -> new ForbiddenException(
                "Downloads are not allowed here."));
        if (counts.test(content)) {
            documents.recordDownload(delegation, document, DocumentEvents.Reader.visitor(new LinkId(l.rules().id()),
                    session.sessionId(), session.email()), via, l.rules().watermark(), client);
        }
        return content;
    }


    /** The watermark this visitor's renditions carry, when the link has one (the wording is the link's, SL-14). */
    private static Optional<Watermark> watermark(VisitorGate.Loaded l, VisitorClaims session, String client) {
        return l.rules().watermark() ? Optional.of(new Watermark(Watermarks.text(l.rules().watermarkText(),
                session.email(), session.issuedAt(), client, l.rules().name()))) : Optional.empty();
    }


    /** A single-use, 60 s download URL's secret for the visitor's session (checked like a download now and at use). */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public String ticket(VisitorViews.Request r, UUID documentId) {
        VisitorGate.Visiting v = gate.visiting(tenancy.require(), r.linkToken(), r.visitorToken());
        Optional<LinkScope.Entry> item = v.document(documentId);
        boolean pdf = item.isPresent() && documents.document(v.link().scope().delegation(),
                new DocumentId(documentId), Permission.VIEW).map(DelegatedAccess.Delegated::isPdf).orElse(false);
        gate.enforce(v.tenant(), Policies.DOWNLOAD, v.visit().withItem(item, pdf), r.clientAddress());
        return tickets.issueForVisitor(new LinkId(v.link().rules().id()), v.visit().session().orElseThrow().sessionId(),
                new DocumentId(documentId));
    }


    /**
     * The download of a visitor ticket that documents' {@link Tickets} has just redeemed (in this transaction),
     * checked by the same gate as the content endpoint, now, for the ticket's link and session (SL-40).
     */
    private Content redeem(Tickets.VisitorTicket found, String client) {
        Instant now = clock.instant();
        TenantId tenant = found.tenant();
        ShareLinkEntity link = store.find(found.link().value())
                .orElseThrow(() -> new NotFoundException("no such ticket"));
        Optional<VisitorClaims> session = sessions.claims(found.visitorSession());
        LinkRules rules = LinkRules.of(link);
        if (rules.revoked() || session.isEmpty()) {
            throw new NotFoundException("no such ticket");
        }
        VisitorGate.Loaded l = gate.loaded(link);
        Visit visit = new Visit(rules, now, l.scope().onTarget(), null, null, null, false, session, null, false);
        return download(tenant, l, visit, found.document().value(), client, content -> true,
                DocumentEvents.Via.LINK_TICKET);
    }


    /** The zip plan of a folder (null: the whole link): every visible document this visitor may download. */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public Zip zip(VisitorViews.Request r, FolderId folderId) {
        VisitorGate.Visiting v = gate.visiting(tenancy.require(), r.linkToken(), r.visitorToken());
        Optional<LinkScope.Entry> folder = folderId == null ? null
                : v.link().scope().entry(folderId.value()).filter(e -> !e.isDocument());
        gate.enforce(v.tenant(), Policies.VIEW, v.visit().withItem(folder, false), r.clientAddress());
        Delegation delegation = v.link().scope().delegation();
        List<Zip.Entry> entries = new ArrayList<>();
        String prefix = folder == null || folder.isEmpty() ? "" : folder.get().path() + "/";
        for (LinkScope.Entry e : v.link().scope().documentsBelow(folderId == null ? null : folderId.value())) {
            Optional<DelegatedAccess.Delegated> doc = documents.document(delegation, new DocumentId(e.id()),
                    Permission.VIEW);
            boolean pdf = doc.map(DelegatedAccess.Delegated::isPdf).orElse(false);
            // the DOWNLOAD policies read the holders' joint level from the scope (ITEM_DOWNLOADABLE): the same
            // delegation documents reads again when it writes the entry, so nothing is asked a second time here
            if (doc.isEmpty()
                    || Policies.decide(Policies.DOWNLOAD, v.visit().withItem(Optional.of(e), pdf)).isPresent()) {
                continue;
            }
            String name = e.path().startsWith(prefix) ? e.path().substring(prefix.length()) : e.name();
            entries.add(new Zip.Entry(name, new DocumentId(e.id())));
            VisitorClaims s = v.visit().session().orElseThrow();
            documents.recordDownload(delegation, new DocumentId(e.id()), DocumentEvents.Reader.visitor(
                    new LinkId(v.link().rules().id()), s.sessionId(), s.email()), DocumentEvents.Via.LINK_ZIP,
                    v.link().rules().watermark(), r.clientAddress());
        }
        if (entries.isEmpty()) {
            gate.deny(v.tenant(), v.link().rules(), Refusal.forbidden(Policies.DOWNLOAD_ALLOWED.name(),
                    "Nothing here may be downloaded."), List.of(), v.visit().visitorEmail(), r.clientAddress());
        }
        VisitorClaims s = v.visit().session().orElseThrow();
        String zipName = (folder == null || folder.isEmpty()
                ? (v.link().rules().name() == null ? "documents" : v.link().rules().name()) : folder.get().name()) + ".zip";
        return documents.zip(delegation, zipName, entries, watermark(v.link(), s, r.clientAddress()),
                new Audience(s.sessionId()));
    }


    /**
     * Checks page-time beacons of documents this visitor sees, the full way: the link loaded, the visit's VIEW
     * policies, the entries by {@link BeaconChecks#problem} (ACT-20), and answers them as one batch. Nothing is recorded
     * here: the batch goes to the activity module's queue (web {@code api.activity}), which stores it without holding
     * up the visitor's pages, after {@link BeaconChecks#confirm}. What this check found is remembered for the requests
     * that follow ({@link BeaconChecks#inMemory}), so that most beacons do not come this way.
     */
    @TenantOfSecret(SecretKind.SHARE_LINK)
    public VisitorViews.BeaconBatch beacons(VisitorViews.Request r, List<VisitorViews.Beacon> beacons) {
        long generation = beaconChecks.generation(tenancy.require()); // before what it guards (FD-34)
        VisitorGate.Visiting v = gate.viewing(tenancy.require(), r);
        VisitorClaims s = v.visit().session().orElseThrow();
        java.util.Map<UUID, Integer> pages = new java.util.HashMap<>();
        BeaconChecks.problem(beacons, id -> v.document(id).isPresent(),
                id -> pages.computeIfAbsent(id, d -> beaconChecks.pageCount(v.link().scope(), d))).ifPresent(e -> {
                    throw e;
                });
        beaconChecks.remember(r.linkToken(), v.tenant(), generation, v.link().rules(), v.link().scope(), pages);
        return BeaconChecks.batch(v.tenant(), v.link().rules(), s, r.clientAddress(), clock.instant(), beacons);
    }
}
