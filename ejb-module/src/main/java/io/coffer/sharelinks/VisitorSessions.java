package io.coffer.sharelinks;

import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.RateLimitedException;
import io.coffer.sharelinks.internal.EmailCodes;
import io.coffer.sharelinks.internal.EmailRules;

import io.coffer.sharelinks.internal.LinkRules;
import io.coffer.sharelinks.internal.Policies;
import io.coffer.sharelinks.internal.Refusal;
import io.coffer.sharelinks.internal.SessionRows;
import io.coffer.sharelinks.internal.Visit;
import io.coffer.sharelinks.internal.VisitorGate;
import io.coffer.sharelinks.internal.VisitorTokens;
import io.coffer.platform.PasswordHashing;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.LinkId;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantOfSecret;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A visitor's first steps on a share link (contract "Share links", visitor table): the open ({@code link.opened})
 * and the session (password, email and its code, NDA; each created session is one view). No bearer token: the link
 * token is the capability, and tenancy binds its tenant before a method runs ({@link TenantOfSecret}). Every request
 * passes the same composed policies ({@code Policies}); unknown and revoked links are one 404.
 */
@Stateless
@PermitAll
public class VisitorSessions {

    static final int FAILURES_PER_WINDOW = 20;
    static final int CODE_MAILS_PER_WINDOW = 5;

    @EJB
    TenantScope tenancy;
    @Inject
    Clock clock;
    @Inject
    VisitorGate gate;
    @Inject
    SessionRows sessions;
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
    Event<ShareLinkEvent> events;
    @EJB
    TenantDirectory tenants;

    @TenantOfSecret(SecretKind.SHARE_LINK)
    public VisitorViews.Intro open(String linkToken, String client) {
        TenantId tenant = tenancy.require();
        VisitorGate.Loaded l = gate.load(linkToken);
        Visit visit = Visit.open(l.rules(), clock.instant(), l.scope().onTarget());
        gate.enforce(tenant, Policies.OPEN, visit, client);
        events.fire(new ShareLinkEvents.Opened(tenant, l.rules().id(), l.rules().roomId(), client, clock.instant()));
        return new VisitorViews.Intro(l.rules().name(), l.rules().targetType(), l.rules().requires(),
                l.rules().ndaText(), tenants.find(tenant).map(t -> t.name()).orElse(null));
    }

    @TenantOfSecret(SecretKind.SHARE_LINK)
    public VisitorViews.Session createSession(String linkToken, VisitorViews.Credentials given,
                                              String client) {
        TenantId tenant = tenancy.require();
        VisitorGate.Loaded l = gate.load(linkToken);
        LinkRules rules = l.rules();
        Instant now = clock.instant();
        gate.enforce(tenant, Policies.OPEN, Visit.open(rules, now, l.scope().onTarget()), client);
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
        Optional<Refusal> refusal = Policies.decide(Policies.SESSION, visit);
        if (refusal.isPresent()) {
            List<String> missing = Policies.missing(Policies.SESSION, visit);
            if (refusal.get().kind() == Refusal.Kind.CREDENTIALS && rules.verifyEmail() && email != null
                    && given.emailCode() == null && missing.contains("emailCode") && !missing.contains("password")
                    && !missing.contains("email") && rules.emailRules().allows(email)) {
                String mailKey = Throttling.key("link-code-mail", rules.id().toString(), email);
                throttle.check(mailKey, CODE_MAILS_PER_WINDOW);
                throttleGate.fail(mailKey);
                emailCodes.send(tenant, new LinkId(rules.id()), email, rules.name());
            }
            gate.deny(tenant, rules, refusal.get(), missing, visit.visitorEmail(), client);
        }
        if (!sessions.countView(rules.id())) {
            gate.deny(tenant, rules, Refusal.gone(Policies.VIEWS_LEFT.name(), "This link has reached its view limit."),
                    List.of(), email, client);
        }
        Instant expires = now.plus(VisitorTokens.LIFETIME);
        UUID session = sessions.open(rules.id(), email, Boolean.TRUE.equals(codeOk), client, rules.securityVersion(),
                now, expires);
        events.fire(new ShareLinkEvents.SessionStarted(tenant, rules.id(), rules.roomId(), session, email, client, now));
        if (rules.hasNda()) {
            String sha = Secrets.hash(rules.ndaText());
            sessions.acceptNda(rules.id(), session, rules.ndaVersion(), sha, email, client, now);
            events.fire(new ShareLinkEvents.NdaAccepted(tenant, rules.id(), rules.roomId(), session,
                    rules.ndaVersion(), sha, email, client, now));
        }
        return new VisitorViews.Session(visitorTokens.issue(tenant, session, rules.id(), rules.securityVersion(),
                email, now, expires), VisitorTokens.LIFETIME.toSeconds());
    }

    private static void refuseIfOver(Optional<RateLimitedException> addressOver) {
        if (addressOver.isPresent()) {
            throw addressOver.get();
        }
    }
}
