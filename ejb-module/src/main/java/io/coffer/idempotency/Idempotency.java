package io.coffer.idempotency;

import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.platform.SecretBox;
import io.coffer.idempotency.internal.IdempotencyKeyEntity;
import io.coffer.idempotency.internal.IdempotencyStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys of the calling user, each call in a transaction of its own (the request it guards runs between
 * them, in its own transactions). Keys live {@link #KEPT}; a claim left unfinished for {@link #ABANDONED} (a server
 * that died mid-request) can be taken over. Every kept answer is sealed with the platform's {@link SecretBox}
 * (AES-256-GCM) before it is stored: answers carry secrets shown once (an API key, a share-link token, an access
 * token), and none of them may sit in clear in {@code idempotency_keys} for 24 hours (FD-21). All answers are sealed,
 * not a chosen few, so that no endpoint that returns a secret can be forgotten.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Idempotency {

    public static final Duration KEPT = Duration.ofHours(24);
    static final Duration ABANDONED = Duration.ofMinutes(15);

    @EJB
    CallerCheck callers;

    @Inject
    IdempotencyStore store;

    @Inject
    Clock clock;

    @Inject
    SecretBox box;

    /** What a keyed request should do. */
    public enum Kind { NEW, REPLAY, KEY_REUSED, IN_PROGRESS }

    /** The outcome of {@link #claim}: for {@code NEW} the claim's id, for {@code REPLAY} the first answer. */
    public record Claim(Kind kind, UUID id, int status, String contentType, byte[] body) {
        static Claim of(Kind kind) {
            return new Claim(kind, null, 0, null, null);
        }
    }

    /** Claims {@code key} for a request whose fingerprint (method, path, query, body) is {@code fingerprint}. */
    public Claim claim(String key, String fingerprint) {
        CurrentCaller caller = callers.current();
        // the request as this caller acts (ID-25): an API-key token never replays what its user's session was answered
        fingerprint = io.coffer.shared.Secrets.hash(fingerprint + " as " + caller.role()
                + (caller.readOnly() ? " read" : ""));
        Instant now = clock.instant();
        store.forgetOlder(caller.user().value(), now.minus(KEPT));
        Optional<IdempotencyKeyEntity> existing = store.find(caller.user().value(), key);
        if (existing.isPresent()) {
            IdempotencyKeyEntity found = existing.get();
            if (!found.fingerprint().equals(fingerprint)) {
                return Claim.of(Kind.KEY_REUSED);
            }
            if (found.completed()) {
                byte[] sealed = found.body();
                return new Claim(Kind.REPLAY, found.id(), found.status(), found.contentType(),
                        sealed == null ? null : box.open(sealed));
            }
            if (found.createdAt().isAfter(now.minus(ABANDONED))) {
                return Claim.of(Kind.IN_PROGRESS);
            }
            store.remove(found); // its server died mid-request: the client may run it again
        }
        IdempotencyKeyEntity claim = new IdempotencyKeyEntity(caller.user().value(), key, fingerprint, now);
        try {
            store.add(claim);
        } catch (PersistenceException raced) {
            throw new io.coffer.shared.error.ConflictException(
                    "A request with this Idempotency-Key is being processed; retry later.");
        }
        return new Claim(Kind.NEW, claim.id(), 0, null, null);
    }

    /** Stores the first answer of a claimed request, its body sealed. */
    public void complete(UUID claim, int status, String contentType, byte[] body) {
        store.find(claim).ifPresent(found -> found.complete(status, contentType,
                body == null || body.length == 0 ? null : box.seal(body), clock.instant()));
    }

    /** Forgets a claim whose request failed on the server's side (5xx), so that it can be retried. */
    public void release(UUID claim) {
        store.find(claim).ifPresent(store::remove);
    }
}
