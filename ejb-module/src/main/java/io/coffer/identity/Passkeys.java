package io.coffer.identity;

import io.coffer.identity.IdentityEvents.MfaDisabled;
import io.coffer.identity.IdentityEvents.MfaEnabled;
import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.SecondFactors;
import io.coffer.identity.internal.TokenStore;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.WebAuthn;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's own passkeys (docs/features/passkeys.md): registration options and their verified response (PK-1..3),
 * the list, and deletion (PK-9). Only from a session: an API-key token is refused (PK-1, as MFA-11).
 */
@Stateless
@PermitAll
public class Passkeys {

    /** The relying party's name the browser shows. */
    static final String RP_NAME = "Coffer";
    /** What the browser waits for the user, in milliseconds (the challenge lives longer). */
    static final long TIMEOUT_MILLIS = 120_000;
    static final int MAX_NAME = 100;
    /** At most this many passkeys per user (the options list them all). */
    static final int MAX_PER_USER = 100;

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    WebAuthn webAuthn;

    @Inject
    SecondFactors factors;

    @Inject
    TokenStore tokens;

    @Inject
    Event<IdentityEvent> events;

    @Inject
    Clock clock;

    /** A credential named in options: its id (base64url) and the transports the browser reported at registration. */
    public record CredentialRef(String id, List<String> transports) {
    }

    /** What {@code navigator.credentials.create} needs (PublicKeyCredentialCreationOptionsJSON's parts). */
    public record CreationOptions(String challenge, String rpId, String rpName, String userHandle, String userName,
                                  String userDisplayName, List<Long> algorithms, long timeoutMillis,
                                  List<CredentialRef> exclude) {
    }

    /** What {@code navigator.credentials.get} needs (PublicKeyCredentialRequestOptionsJSON's parts). */
    public record RequestOptions(String challenge, String rpId, long timeoutMillis, String userVerification,
                                 List<CredentialRef> allow) {
    }

    /** A passkey as its owner sees it. */
    public record Passkey(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    /** PK-1: options for a new passkey of the caller, with a fresh challenge; the caller's passkeys are excluded. */
    public CreationOptions registrationOptions() {
        UserEntity user = requireSession();
        List<CredentialRef> exclude = webAuthn.of(user.userId()).stream()
                .map(p -> new CredentialRef(p.credentialId(), p.transports())).toList();
        return new CreationOptions(webAuthn.registrationChallenge(user.userId()), webAuthn.rpId(), RP_NAME,
                WebAuthn.userHandle(user.userId()), user.email(), user.displayName(), WebAuthn.ALGORITHMS,
                TIMEOUT_MILLIS, exclude);
    }

    /**
     * PK-1..PK-3: verifies the browser's registration response and stores the passkey under {@code name}. 400 on
     * {@code credential} for a malformed, foreign, used, expired or unverifiable response; 409 for a credential
     * already registered. The session has passed a second factor from now on (as a confirmed TOTP, MFA-14).
     */
    public Passkey finishRegistration(String name, String responseJson) {
        UserEntity user = requireSession(); // 403 before 400
        String cleanName = name == null || name.isBlank() ? "Passkey" : name.strip();
        if (cleanName.length() > MAX_NAME) {
            throw ValidationException.of("name", "must be at most " + MAX_NAME + " characters");
        }
        if (responseJson == null) {
            throw ValidationException.of("credential", "is required");
        }
        long had = webAuthn.count(user.userId());
        if (had >= MAX_PER_USER) {
            throw new ConflictException("You have " + MAX_PER_USER + " passkeys, the most there may be: delete one"
                    + " first.");
        }
        boolean first = had == 0 && !factors.active(user.userId()); // the user's first second factor
        WebAuthn.Registered registered = webAuthn.register(user.userId(), responseJson, cleanName);
        if (registered.refusal() != null) {
            throw switch (registered.refusal()) {
                case DUPLICATE -> new ConflictException("This passkey is registered already.");
                case CHALLENGE -> ValidationException.of("credential", "answers no registration started by you in"
                        + " the last " + WebAuthn.CHALLENGE_LIFETIME.toMinutes() + " minutes: start again");
                case VERIFICATION -> ValidationException.of("credential", "was not made for this site ("
                        + webAuthn.rpId() + ") or does not verify");
                case MALFORMED -> ValidationException.of("credential", "is not a WebAuthn registration response");
            };
        }
        Caller.sessionOf(context.getCallerPrincipal())
                .ifPresent(sid -> tokens.sessionPassedSecondFactor(sid, user.userId().value()));
        if (first) {
            events.fire(new MfaEnabled(caller.tenant(), user.userId(), SecondFactors.WEBAUTHN, clock.instant()));
        }
        return passkey(registered.passkey());
    }

    /** The caller's passkeys, oldest first. */
    public List<Passkey> list() {
        UserEntity user = requireSession();
        return webAuthn.of(user.userId()).stream().map(Passkeys::passkey).toList();
    }

    /** PK-9: deletes one of the caller's passkeys (404 for another's or an unknown id). */
    public void delete(UUID id) {
        UserEntity user = requireSession();
        if (id == null || !webAuthn.delete(user.userId(), id)) {
            throw new NotFoundException("No such passkey.");
        }
        if (!factors.any(user.userId())) {
            events.fire(new MfaDisabled(caller.tenant(), user.userId(), SecondFactors.WEBAUTHN, clock.instant()));
        }
    }

    private static Passkey passkey(WebAuthn.Stored stored) {
        return new Passkey(stored.id(), stored.name(), stored.createdAt(), stored.lastUsedAt());
    }

    private UserEntity requireSession() {
        return caller.requireSession(context.getCallerPrincipal(),
                "Passkeys are managed from a signed-in session, not with an API key.").user();
    }
}
