package io.coffer.sharelinks.internal;

import io.coffer.datarooms.Permission;
import io.coffer.documents.DelegatedAccess;
import io.coffer.documents.DocumentEvents;
import io.coffer.documents.Tickets;
import io.coffer.sharelinks.ShareLinkEvent;
import io.coffer.documents.Audience;
import io.coffer.documents.Content;
import io.coffer.documents.PageImage;
import io.coffer.documents.Watermark;
import io.coffer.documents.Zip;
import io.coffer.platform.PasswordHashing;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.FolderId;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.CredentialsRequiredException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.GoneException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.shared.error.ValidationException;
import io.coffer.sharelinks.ShareLinkEvents;
import io.coffer.sharelinks.VisitorViews;
import io.coffer.tenancy.TenantDirectory;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The visitor side's work inside one tenant transaction (bound by {@code TenantScope.call} in
 * {@link io.coffer.sharelinks.Visitors}). Every method loads the link, builds the {@link Visit} and asks
 * {@link LinkGate} before it does anything else.
 */
@Stateless
@PermitAll
public class VisitorWork {

    static final int FAILURES_PER_WINDOW = 20;
    static final int CODE_MAILS_PER_WINDOW = 5;

    @PersistenceContext(unitName = "coffer")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    LinkStore store;
    @EJB
    DelegatedAccess documents;
    @Inject
    VisitorTokens visitorTokens;
    @Inject
    Throttling throttle;
    @EJB
    ThrottlingGate throttleGate;
    @Inject
    PasswordHashing hashing;
    @Inject
    EmailCodes emailCodes;
    @Inject
    Tickets tickets;
    @Inject
    Event<ShareLinkEvent> events;
    @Inject
    TenantDirectory tenants;

    /** A link with the scope it reaches now. */
    record Loaded(ShareLinkEntity entity, LinkRules rules, LinkScope scope) {
    }

    private Loaded load(String linkToken) {
        ShareLinkEntity link = store.byTokenHash(Secrets.hash(linkToken))
                .orElseThrow(() -> new NotFoundException("no such link"));
        LinkRules rules = LinkRules.of(link);
        if (rules.revoked()) {
            throw new NotFoundException("no such link"); // before any other work: one answer for unknown and revoked
        }
        LinkScope scope = store.scope(link);
        return new Loaded(link, rules, scope);
    }

    // ---- open and sessions -------------------------------------------------------------------------------------

    public VisitorViews.Intro open(TenantId tenant, String linkToken, String client) {
        Loaded l = load(linkToken);
        Visit visit = Visit.open(l.rules(), clock.instant(), l.scope().onTarget());
        enforce(tenant, LinkGate.OPEN, visit, client);
        events.fire(new ShareLinkEvents.Opened(tenant, l.rules().id(), l.rules().roomId(), client, clock.instant()));
        return new VisitorViews.Intro(l.rules().name(), l.rules().targetType(), l.rules().requires(),
                l.rules().ndaText(), tenants.find(tenant).map(t -> t.name()).orElse(null));
    }

    public VisitorViews.Session createSession(TenantId tenant, String linkToken, VisitorViews.Credentials given,
                                              String client) {
        Loaded l = load(linkToken);
        LinkRules rules = l.rules();
        Instant now = clock.instant();
        enforce(tenant, LinkGate.OPEN, Visit.open(rules, now, l.scope().onTarget()), client);
        String email = EmailRules.normalEmail(given.email());
        String linkKey = Throttling.key("link-secret", rules.id().toString());
        String addressKey = Throttling.addressKey("link-secret", client);
        // Per link: refused before any hash (SL-11). Per client address, across links: decided after the check, so
        // that it refuses failures and never a correct password or code of another link (SL-26).
        Optional<RateLimitedException> addressOver = Optional.empty();
        if (rules.hasPassword() && given.password() != null
                || rules.verifyEmail() && email != null && given.emailCode() != null) {
            throttle.check(linkKey, FAILURES_PER_WINDOW);
            addressOver = throttle.refusal(addressKey, FAILURES_PER_WINDOW);
        }
        Boolean passwordOk = null;
        if (rules.hasPassword() && given.password() != null) {
            passwordOk = hashing.matches(given.password(), rules.passwordHash());
            if (!passwordOk) {
                throttleGate.fail(linkKey, addressKey);
                refuseIfOver(addressOver);
            }
        }
        Boolean codeOk = null;
        if (rules.verifyEmail() && email != null && given.emailCode() != null) {
            codeOk = emailCodes.redeem(new LinkId(rules.id()), email, given.emailCode());
            if (!codeOk) {
                throttleGate.fail(linkKey, addressKey);
                emailCodes.countWrong(tenant, new LinkId(rules.id()), email);
                refuseIfOver(addressOver);
            }
        }
        Visit visit = new Visit(rules, now, l.scope().onTarget(), email, passwordOk, codeOk,
                Boolean.TRUE.equals(given.ndaAccepted()), Optional.empty(), null, false);
        Optional<Refusal> refusal = LinkGate.decide(LinkGate.SESSION, visit);
        if (refusal.isPresent()) {
            List<String> missing = LinkGate.missing(LinkGate.SESSION, visit);
            if (refusal.get().kind() == Refusal.Kind.CREDENTIALS && rules.verifyEmail() && email != null
                    && given.emailCode() == null && missing.contains("emailCode") && !missing.contains("password")
                    && !missing.contains("email") && rules.emailRules().allows(email)) {
                String mailKey = Throttling.key("link-code-mail", rules.id().toString(), email);
                throttle.check(mailKey, CODE_MAILS_PER_WINDOW);
                throttleGate.fail(mailKey);
                emailCodes.send(tenant, new LinkId(rules.id()), email, rules.name());
            }
            deny(tenant, rules, refusal.get(), missing, visit.visitorEmail(), client);
        }
        int won = em.createQuery("update ShareLinkEntity l set l.viewCount = l.viewCount + 1 where l.id = :id"
                        + " and (l.maxViews is null or l.viewCount < l.maxViews)")
                .setParameter("id", rules.id()).executeUpdate();
        if (won != 1) {
            deny(tenant, rules, Refusal.gone(Policies.VIEWS_LEFT.name(), "This link has reached its view limit."),
                    List.of(), email, client);
        }
        Instant expires = now.plus(VisitorTokens.LIFETIME);
        VisitorSessionEntity session = new VisitorSessionEntity(rules.id(), email, Boolean.TRUE.equals(codeOk),
                client, rules.securityVersion(), now, expires);
        em.persist(session);
        em.flush(); // the session row first: the NDA acceptance refers to it
        if (rules.hasNda()) {
            String sha = Secrets.hash(rules.ndaText());
            em.persist(new NdaAcceptanceEntity(rules.id(), session.id, rules.ndaVersion(), sha, email, client, now));
            events.fire(new ShareLinkEvents.NdaAccepted(tenant, rules.id(), rules.roomId(), session.id,
                    rules.ndaVersion(), sha, email, client, now));
        }
        em.flush();
        return new VisitorViews.Session(visitorTokens.issue(tenant, session.id, rules.id(), rules.securityVersion(),
                email, now, expires), VisitorTokens.LIFETIME.toSeconds());
    }

    private static void refuseIfOver(Optional<RateLimitedException> addressOver) {
        if (addressOver.isPresent()) {
            throw addressOver.get();
        }
    }

    // ---- derived views ------------------------------------------------------------------------------------------

    private Visit visit(TenantId tenant, Loaded l, String visitorToken) {
        Instant now = clock.instant();
        return new Visit(l.rules(), now, l.scope().onTarget(), null, null, null, false,
                visitorTokens.verify(tenant, visitorToken, now), null, false);
    }

    public List<VisitorViews.Node> tree(TenantId tenant, VisitorViews.Request r) {
        Loaded l = load(r.linkToken());
        Visit visit = visit(tenant, l, r.visitorToken());
        enforce(tenant, LinkGate.VIEW, visit, r.clientAddress());
        return nodes(tenant, l, visit, l.scope().top());
    }

    private List<VisitorViews.Node> nodes(TenantId tenant, Loaded l, Visit visit, List<LinkScope.Entry> level) {
        List<VisitorViews.Node> out = new ArrayList<>();
        for (LinkScope.Entry e : level) {
            if (e.isDocument()) {
                boolean pdf = l.rules().watermark() && isPdf(l, e);
                boolean download = LinkGate.decide(LinkGate.DOWNLOAD, visit.withItem(Optional.of(e), pdf)).isEmpty();
                out.add(new VisitorViews.Node(e.id(), e.kind(), e.name(), e.index(), download, null));
            } else {
                out.add(new VisitorViews.Node(e.id(), e.kind(), e.name(), e.index(),
                        LinkGate.decide(LinkGate.DOWNLOAD, visit.withItem(Optional.of(e), true)).isEmpty(),
                        nodes(tenant, l, visit, l.scope().children(e))));
            }
        }
        return out;
    }

    private boolean isPdf(Loaded l, LinkScope.Entry e) {
        return documents.document(new UserId(l.rules().createdBy()), new DocumentId(e.id()), Permission.VIEW)
                .map(DelegatedAccess.Delegated::isPdf).orElse(false);
    }

    /** The page image a visitor sees: watermarked into the pixels when the link says so, kept for the session. */
    public PageImage page(TenantId tenant, VisitorViews.Request r, DocumentId documentId, int page) {
        Loaded l = load(r.linkToken());
        Visit visit = visit(tenant, l, r.visitorToken());
        Optional<LinkScope.Entry> item = l.scope().entry(documentId.value()).filter(LinkScope.Entry::isDocument);
        enforce(tenant, LinkGate.VIEW, visit.withItem(item, false), r.clientAddress());
        VisitorClaims session = visit.session().orElseThrow();
        PageImage image = documents.page(new UserId(l.rules().createdBy()), documentId, page,
                        watermark(l, session, r.clientAddress()), new Audience(session.sessionId()))
                .orElseThrow(() -> new NotFoundException("no such page"));
        events.fire(new ShareLinkEvents.DocumentViewed(tenant, l.rules().id(), l.rules().roomId(),
                session.sessionId(), session.email(), documentId.value(), page, 0, r.clientAddress(),
                clock.instant()));
        return image;
    }

    /**
     * What a visitor downloads: the bytes, or a PDF with the watermark stamped on every page. {@code counts} says,
     * from the content, whether the answer the web layer makes of it is a download (recorded as
     * {@code document.downloaded}).
     */
    public Content content(TenantId tenant, VisitorViews.Request r, DocumentId documentId,
                           Predicate<Content> counts) {
        Loaded l = load(r.linkToken());
        Visit visit = visit(tenant, l, r.visitorToken());
        return download(tenant, l, visit, documentId.value(), r.clientAddress(), counts, DocumentEvents.Via.LINK);
    }

    private Content download(TenantId tenant, Loaded l, Visit visit, UUID documentId, String client,
                             Predicate<Content> counts, DocumentEvents.Via via) {
        DocumentId document = new DocumentId(documentId);
        UserId creator = new UserId(l.rules().createdBy());
        Optional<LinkScope.Entry> item = l.scope().entry(documentId).filter(LinkScope.Entry::isDocument);
        Optional<DelegatedAccess.Delegated> doc = item.isEmpty() ? Optional.empty()
                : documents.document(creator, document, Permission.VIEW);
        enforce(tenant, LinkGate.DOWNLOAD, visit.withItem(item, doc.map(DelegatedAccess.Delegated::isPdf)
                .orElse(false)), client);
        VisitorClaims session = visit.session().orElseThrow();
        Content content = documents.content(creator, document, watermark(l, session, client),
                new Audience(session.sessionId())).orElseThrow(() -> new ForbiddenException(
                "Downloads are not allowed here."));
        if (counts.test(content)) {
            documents.recordDownload(creator, document, DocumentEvents.Reader.visitor(new LinkId(l.rules().id()),
                    session.sessionId(), session.email()), via, l.rules().watermark(), client);
        }
        return content;
    }

    /** The watermark this visitor's renditions carry, when the link has one (the wording is the link's, SL-14). */
    private static Optional<Watermark> watermark(Loaded l, VisitorClaims session, String client) {
        return l.rules().watermark() ? Optional.of(new Watermark(Watermarks.text(l.rules().watermarkText(),
                session.email(), session.issuedAt(), client, l.rules().name()))) : Optional.empty();
    }

    /** A single-use, 60 s download URL's secret for the visitor's session (checked like a download now and at use). */
    public String ticket(TenantId tenant, VisitorViews.Request r, UUID documentId) {
        Loaded l = load(r.linkToken());
        Visit visit = visit(tenant, l, r.visitorToken());
        Optional<LinkScope.Entry> item = l.scope().entry(documentId).filter(LinkScope.Entry::isDocument);
        boolean pdf = item.isPresent() && documents.document(new UserId(l.rules().createdBy()),
                new DocumentId(documentId), Permission.VIEW).map(DelegatedAccess.Delegated::isPdf).orElse(false);
        enforce(tenant, LinkGate.DOWNLOAD, visit.withItem(item, pdf), r.clientAddress());
        return tickets.issueForVisitor(new LinkId(l.rules().id()), visit.session().orElseThrow().sessionId(),
                new DocumentId(documentId));
    }

    /**
     * The download of a visitor ticket that documents' {@link Tickets} has just redeemed (in this transaction),
     * checked by the same gate as the content endpoint, now, for the ticket's link and session (SL-40).
     */
    public Content redeem(Tickets.VisitorTicket found, String client) {
        Instant now = clock.instant();
        TenantId tenant = found.tenant();
        ShareLinkEntity link = store.find(found.link().value())
                .orElseThrow(() -> new NotFoundException("no such ticket"));
        VisitorSessionEntity session = em.find(VisitorSessionEntity.class, found.visitorSession());
        LinkRules rules = LinkRules.of(link);
        if (rules.revoked() || session == null) {
            throw new NotFoundException("no such ticket");
        }
        Loaded l = new Loaded(link, rules, store.scope(link));
        Visit visit = new Visit(rules, now, l.scope().onTarget(), null, null, null, false,
                Optional.of(new VisitorClaims(session.id, session.linkId, session.securityVersion, session.email,
                        session.createdAt, session.expiresAt)), null, false);
        return download(tenant, l, visit, found.document().value(), client, content -> true,
                DocumentEvents.Via.LINK_TICKET);
    }

    /** The zip plan of a folder (null: the whole link): every visible document this visitor may download. */
    public Zip zip(TenantId tenant, VisitorViews.Request r, FolderId folderId) {
        Loaded l = load(r.linkToken());
        Visit visit = visit(tenant, l, r.visitorToken());
        Optional<LinkScope.Entry> folder = folderId == null ? null
                : l.scope().entry(folderId.value()).filter(e -> !e.isDocument());
        enforce(tenant, LinkGate.VIEW, visit.withItem(folder, false), r.clientAddress());
        UserId creator = new UserId(l.rules().createdBy());
        List<Zip.Entry> entries = new ArrayList<>();
        String prefix = folder == null || folder.isEmpty() ? "" : folder.get().path() + "/";
        for (LinkScope.Entry e : l.scope().documentsBelow(folderId == null ? null : folderId.value())) {
            Optional<DelegatedAccess.Delegated> doc = documents.document(creator, new DocumentId(e.id()),
                    Permission.VIEW);
            boolean pdf = doc.map(DelegatedAccess.Delegated::isPdf).orElse(false);
            if (LinkGate.decide(LinkGate.DOWNLOAD, visit.withItem(Optional.of(e), pdf)).isPresent()) {
                continue;
            }
            Optional<DelegatedAccess.Delegated> readable = documents.document(creator, new DocumentId(e.id()),
                    Permission.DOWNLOAD);
            if (readable.isEmpty()) {
                continue;
            }
            String name = e.path().startsWith(prefix) ? e.path().substring(prefix.length()) : e.name();
            entries.add(new Zip.Entry(name, new DocumentId(e.id())));
            VisitorClaims s = visit.session().orElseThrow();
            documents.recordDownload(creator, new DocumentId(e.id()), DocumentEvents.Reader.visitor(
                    new LinkId(l.rules().id()), s.sessionId(), s.email()), DocumentEvents.Via.LINK_ZIP,
                    l.rules().watermark(), r.clientAddress());
        }
        if (entries.isEmpty()) {
            deny(tenant, l.rules(), Refusal.forbidden(Policies.DOWNLOAD_ALLOWED.name(),
                    "Nothing here may be downloaded."), List.of(), visit.visitorEmail(), r.clientAddress());
        }
        VisitorClaims s = visit.session().orElseThrow();
        String zipName = (folder == null || folder.isEmpty()
                ? (l.rules().name() == null ? "documents" : l.rules().name()) : folder.get().name()) + ".zip";
        return documents.zip(creator, zipName, entries, watermark(l, s, r.clientAddress()),
                new Audience(s.sessionId()));
    }

    /** Page-time beacons of documents this visitor sees, fired as {@code document.viewed} events. */
    public void beacons(TenantId tenant, VisitorViews.Request r, List<VisitorViews.Beacon> beacons) {
        Loaded l = load(r.linkToken());
        Visit visit = visit(tenant, l, r.visitorToken());
        enforce(tenant, LinkGate.VIEW, visit, r.clientAddress());
        VisitorClaims s = visit.session().orElseThrow();
        for (VisitorViews.Beacon b : beacons) {
            if (b == null || b.docId() == null || l.scope().entry(b.docId()).filter(LinkScope.Entry::isDocument)
                    .isEmpty() || b.page() < 1 || b.seconds() < 0 || b.seconds() > 3600) {
                throw ValidationException.of("events", "each needs a docId this link shows, page >= 1 and"
                        + " seconds from 0 to 3600");
            }
        }
        for (VisitorViews.Beacon b : beacons) {
            events.fire(new ShareLinkEvents.DocumentViewed(tenant, l.rules().id(), l.rules().roomId(), s.sessionId(),
                    s.email(), b.docId(), b.page(), b.seconds(), r.clientAddress(), clock.instant()));
        }
    }

    // ---- refusals -----------------------------------------------------------------------------------------------

    private void enforce(TenantId tenant, List<LinkPolicy> policies, Visit visit, String client) {
        Optional<Refusal> refusal = LinkGate.decide(policies, visit);
        if (refusal.isPresent()) {
            deny(tenant, visit.link(), refusal.get(), LinkGate.missing(policies, visit), visit.visitorEmail(),
                    client);
        }
    }

    private void deny(TenantId tenant, LinkRules rules, Refusal refusal, List<String> missing, String email,
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
