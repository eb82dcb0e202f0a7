package io.coffer.sharelinks.internal;

import io.coffer.datarooms.DataRooms;
import io.coffer.datarooms.Permission;
import io.coffer.documents.DelegatedAccess;
import io.coffer.documents.Audience;
import io.coffer.documents.Content;
import io.coffer.documents.PageImage;
import io.coffer.documents.Watermark;
import io.coffer.documents.Zip;
import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.platform.PasswordHashing;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.DocumentId;
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
import io.coffer.tenancy.TenantScope;
import io.coffer.tenancy.TokenDirectory;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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

    public static final String TICKET_KIND = "LINK_TICKET";
    public static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final int CODE_TRIES = 5;
    static final int FAILURES_PER_WINDOW = 20;
    static final int CODE_MAILS_PER_WINDOW = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "coffer")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    LinkStore store;
    @EJB
    DataRooms rooms;
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
    Mailer mailer;
    @Inject
    Event<Object> events;
    @EJB
    TenantScope tenancy;
    @Inject
    TokenDirectory directory;
    @Inject
    TenantDirectory tenants;
    @EJB
    VisitorWork self;

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
            Optional<EmailCodeEntity> latest = latestCode(rules.id(), email);
            codeOk = latest.isPresent() && sameCode(latest.get().codeHash, codeHash(rules.id(), email,
                    given.emailCode())) && redeemCode(latest.get().id, now);
            if (!codeOk) {
                throttleGate.fail(linkKey, addressKey);
                if (latest.isPresent()) {
                    UUID wrong = latest.get().id;
                    tenancy.call(tenant, () -> self.countWrongCode(wrong));
                }
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
                String linkName = rules.name();
                tenancy.call(tenant, () -> self.sendCode(rules.id(), email, linkName));
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

    /**
     * In a transaction of its own: a wrong code uses up one of its tries even though the request fails. One
     * conditional UPDATE, so that concurrent wrong tries are all counted and never beyond {@link #CODE_TRIES} (SL-27).
     */
    public Void countWrongCode(UUID codeId) {
        em.createQuery("update EmailCodeEntity c set c.tries = c.tries + 1 where c.id = :id and c.usedAt is null"
                        + " and c.tries < :tries")
                .setParameter("id", codeId).setParameter("tries", CODE_TRIES).executeUpdate();
        return null;
    }

    /**
     * Uses the code up in the session's transaction: one conditional UPDATE (unused, unexpired, tries left), so that
     * of concurrent sessions with the same code exactly one wins (SL-27); undone if the session is then refused.
     */
    private boolean redeemCode(UUID codeId, Instant now) {
        return em.createQuery("update EmailCodeEntity c set c.usedAt = :now where c.id = :id and c.usedAt is null"
                        + " and c.tries < :tries and c.expiresAt > :now")
                .setParameter("now", now).setParameter("id", codeId).setParameter("tries", CODE_TRIES)
                .executeUpdate() == 1;
    }

    private static void refuseIfOver(Optional<RateLimitedException> addressOver) {
        if (addressOver.isPresent()) {
            throw addressOver.get();
        }
    }

    /** In a transaction of its own: a new 6-digit code, mailed after it commits. */
    public Void sendCode(UUID linkId, String email, String linkName) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        em.persist(new EmailCodeEntity(linkId, email, codeHash(linkId, email, code), now, now.plus(CODE_LIFETIME)));
        mailer.sendAfterCommit(new Mail(email, "Your Coffer access code",
                "Your code to open " + (linkName == null ? "a shared document" : "\"" + linkName + "\"") + ": "
                        + code + "\n\nIt works once, within 10 minutes. If you did not ask for it, ignore this mail.\n"));
        return null;
    }

    /** The newest code mailed for this link and email, in whatever state: {@link #redeemCode} decides. */
    private Optional<EmailCodeEntity> latestCode(UUID linkId, String email) {
        return em.createQuery("select c from EmailCodeEntity c where c.linkId = :link and c.email = :email"
                        + " order by c.createdAt desc", EmailCodeEntity.class)
                .setParameter("link", linkId).setParameter("email", email).setMaxResults(1).getResultStream()
                .findFirst();
    }

    static String codeHash(UUID linkId, String email, String code) {
        return Secrets.hash("email-code:" + linkId + ":" + email + ":" + code.strip());
    }

    private static boolean sameCode(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(), b.getBytes());
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
        return download(tenant, l, visit, documentId.value(), r.clientAddress(), counts);
    }

    private Content download(TenantId tenant, Loaded l, Visit visit, UUID documentId, String client,
                             boolean counts) {
        return download(tenant, l, visit, documentId, client, content -> counts);
    }

    private Content download(TenantId tenant, Loaded l, Visit visit, UUID documentId, String client,
                             Predicate<Content> counts) {
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
            events.fire(new ShareLinkEvents.DocumentDownloaded(tenant, l.rules().id(), l.rules().roomId(),
                    session.sessionId(), session.email(), documentId, l.rules().watermark(), client,
                    clock.instant()));
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
        String ticket = Secrets.newToken();
        Instant now = clock.instant();
        em.persist(new LinkTicketEntity(l.rules().id(), visit.session().orElseThrow().sessionId(), documentId,
                Secrets.hash(ticket), now, now.plus(TICKET_LIFETIME)));
        directory.register(Secrets.hash(ticket), tenant, TICKET_KIND, now.plus(TICKET_LIFETIME));
        em.flush();
        return ticket;
    }

    /** Uses a ticket up and answers the download, checked by the same gate as the content endpoint, now. */
    public Content redeem(TenantId tenant, String ticket, String client) {
        Instant now = clock.instant();
        LinkTicketEntity found = em.createQuery("select t from LinkTicketEntity t where t.tokenHash = :h",
                        LinkTicketEntity.class).setParameter("h", Secrets.hash(ticket)).getResultStream().findFirst()
                .filter(t -> t.usedAt == null && now.isBefore(t.expiresAt))
                .orElseThrow(() -> new NotFoundException("no such ticket"));
        int won = em.createQuery("update LinkTicketEntity t set t.usedAt = :now where t.id = :id and t.usedAt is null")
                .setParameter("now", now).setParameter("id", found.id).executeUpdate();
        if (won != 1) {
            throw new NotFoundException("no such ticket");
        }
        ShareLinkEntity link = store.find(found.linkId).orElseThrow(() -> new NotFoundException("no such ticket"));
        VisitorSessionEntity session = em.find(VisitorSessionEntity.class, found.sessionId);
        LinkRules rules = LinkRules.of(link);
        if (rules.revoked() || session == null) {
            throw new NotFoundException("no such ticket");
        }
        Loaded l = new Loaded(link, rules, store.scope(link));
        Visit visit = new Visit(rules, now, l.scope().onTarget(), null, null, null, false,
                Optional.of(new VisitorClaims(session.id, session.linkId, session.securityVersion, session.email,
                        session.createdAt, session.expiresAt)), null, false);
        return download(tenant, l, visit, found.documentId, client, true);
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
            events.fire(new ShareLinkEvents.DocumentDownloaded(tenant, l.rules().id(), l.rules().roomId(),
                    s.sessionId(), s.email(), e.id(), l.rules().watermark(), r.clientAddress(), clock.instant()));
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
