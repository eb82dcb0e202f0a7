package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.LoginSessionEntity;
import io.coffer.identity.internal.TokenStore;
import io.coffer.shared.error.NotFoundException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller's own sessions (docs/features/identity.md, ID-39..ID-43): where they are signed in, and ending one of
 * them. Only from a session: an API-key token is refused (ID-43). Ending all of a member's sessions is
 * {@link Members#endSessions}.
 */
@Stateless
@PermitAll
public class MySessions {

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    TokenStore tokens;

    @Inject
    Event<IdentityEvent> events;

    @Inject
    Clock clock;

    /** One session as its owner sees it; {@code current}: the session of the token of this call. */
    public record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, String userAgent, String clientAddress,
                              boolean current) {
    }

    /** ID-40: the caller's live sessions, last used first. */
    public List<SessionView> mine() {
        Caller.Actor actor = requireSession();
        Optional<UUID> current = Caller.sessionOf(context.getCallerPrincipal());
        return tokens.liveSessions(actor.user().userId().value()).stream()
                .map(s -> view(s, current)).toList();
    }

    /**
     * ID-41: ends one live session of the caller (its refresh token and, at their next request, its access tokens);
     * 404 for any id that is not one.
     */
    public void end(UUID session) {
        Caller.Actor actor = requireSession();
        Instant now = clock.instant();
        LoginSessionEntity found = tokens.session(session)
                .filter(s -> s.userId().equals(actor.user().userId().value()) && s.liveAt(now))
                .orElseThrow(() -> new NotFoundException("no such session"));
        tokens.revokeFamily(found.id());
        events.fire(new IdentityEvents.SessionsRevoked(caller.tenant(), actor.user().userId(),
                actor.user().userId(), found.id(), now));
    }

    private static SessionView view(LoginSessionEntity s, Optional<UUID> current) {
        return new SessionView(s.id(), s.createdAt(), s.lastUsedAt(), s.userAgent(), s.clientAddress(),
                current.filter(s.id()::equals).isPresent());
    }

    /** The caller, when the caller is a session (ID-43: not an API-key token). */
    private Caller.Actor requireSession() {
        return caller.requireSession(context.getCallerPrincipal(),
                "Sessions are managed from a signed-in session, not with an API key.");
    }
}
