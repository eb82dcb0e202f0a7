package io.coffer.identity.internal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.UserId;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The WebAuthn ceremonies of the transaction's tenant (docs/features/passkeys.md): challenges as one-time secrets
 * (PK-1, PK-4), webauthn4j's verification against the origin and rp id of {@code COFFER_PUBLIC_URL} (PK-2), the
 * stored credentials and their sign counters (PK-3, PK-5). Every parse and check of WebAuthn data is webauthn4j's.
 */
@ApplicationScoped
public class WebAuthn {

    /** How long a ceremony's challenge lives (PK-1, PK-4). */
    public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** ES256, EdDSA, RS256: what the options offer and the registration accepts. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

    private static final List<PublicKeyCredentialParameters> PARAMETERS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /**
     * webauthn4j's converters and manager, made on the first ceremony (class initialisation: once, thread-safe), not
     * with this bean: they load several hundred classes (Jackson 3, CBOR), and GET /me, which only counts passkeys,
     * must not wait for them on a cold server (REL-5: six first GET /me waited ~7 s for them and lost their
     * connections to a database restart in the meantime).
     */
    private static final class Ceremony {
        static final ObjectConverter CONVERTER = new ObjectConverter();
        static final WebAuthnManager MANAGER = WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
        static final AttestedCredentialDataConverter ATTESTED = new AttestedCredentialDataConverter(CONVERTER);

        private Ceremony() {
        }
    }

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    TokenStore tokens;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    /** A stored passkey, as its owner sees it, with the id and transports the options list. */
    public record Stored(UUID id, UUID userId, String credentialId, List<String> transports, String name,
                         Instant createdAt, Instant lastUsedAt) {
    }

    /** A verified assertion: the passkey's user, and whether the authenticator verified the user (UV). */
    public record Asserted(UserId user, boolean userVerified) {
    }

    /** Why a registration was not stored. */
    public enum Refusal { MALFORMED, CHALLENGE, VERIFICATION, DUPLICATE }

    /** A registration's outcome: the stored passkey, or why not. */
    public record Registered(Stored passkey, Refusal refusal) {
    }

    /** The relying party id: the host of {@code COFFER_PUBLIC_URL} (PK-2). */
    public String rpId() {
        return URI.create(settings.publicUrl()).getHost();
    }

    private Origin origin() {
        URI url = URI.create(settings.publicUrl());
        return new Origin(url.getScheme() + "://" + url.getAuthority());
    }

    /** The WebAuthn user handle of {@code user}: the 16 bytes of its id, base64url (no email, no name). */
    public static String userHandle(UserId user) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(user.value().getMostSignificantBits()).putLong(user.value().getLeastSignificantBits());
        return b64(bytes.array());
    }

    /** PK-1: a registration challenge for {@code user}, single use, 5 minutes (base64url, as the options carry it). */
    public String registrationChallenge(UserId user) {
        return tokens.issueOneTime(user, SecretKind.WEBAUTHN_REGISTRATION, CHALLENGE_LIFETIME);
    }

    /** PK-4: a sign-in challenge of this tenant, single use, 5 minutes, bound to no user (usernameless). */
    public String signInChallenge() {
        return secrets.issue(SecretKind.WEBAUTHN_SIGN_IN, clock.instant().plus(CHALLENGE_LIFETIME)).secret();
    }

    /** A challenge that is nobody's (for an unknown tenant: the same answer, nothing stored, PK-11). */
    public static String unusableChallenge() {
        return OidcProviders.newRandom();
    }

    /**
     * PK-1..PK-3: verifies a registration response of {@code user} (the browser's {@code RegistrationResponseJSON})
     * and stores the passkey. The challenge read from the client data must be one issued to this user, unused and
     * unexpired: it is used up here (in the caller's transaction).
     */
    public Registered register(UserId user, String responseJson, String name) {
        RegistrationData data;
        try {
            data = Ceremony.MANAGER.parseRegistrationResponseJSON(responseJson);
        } catch (RuntimeException e) { // untrusted input: whatever the parser trips over is a malformed response
            return new Registered(null, Refusal.MALFORMED);
        }
        Optional<String> challenge = challengeOf(data.getCollectedClientData());
        if (challenge.isEmpty() || data.getAttestationObject() == null) {
            return new Registered(null, Refusal.MALFORMED);
        }
        if (secrets.redeemHere(challenge.get(), SecretKind.WEBAUTHN_REGISTRATION)
                != OneTimeSecrets.Redemption.REDEEMED || !tokens.userOf(challenge.get()).equals(user)) {
            return new Registered(null, Refusal.CHALLENGE);
        }
        try {
            Ceremony.MANAGER.verify(data, new RegistrationParameters(server(challenge.get()), PARAMETERS, false, true));
        } catch (RuntimeException e) { // VerificationException, or a part webauthn4j could not use
            return new Registered(null, Refusal.VERIFICATION);
        }
        AuthenticatorData<?> authData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authData.getAttestedCredentialData();
        String credentialId = b64(credential.getCredentialId());
        if (find(credentialId).isPresent()) {
            return new Registered(null, Refusal.DUPLICATE);
        }
        Set<AuthenticatorTransport> transports = data.getTransports() == null ? Set.of() : data.getTransports();
        PasskeyEntity row = new PasskeyEntity(UUID.randomUUID(), user.value(), credentialId,
                b64(Ceremony.ATTESTED.convert(credential)), authData.getSignCount(), authData.isFlagUV(), authData.isFlagBE(),
                authData.isFlagBS(), transports.stream().map(AuthenticatorTransport::getValue)
                .collect(Collectors.joining(",")), name, clock.instant());
        em.persist(row);
        em.flush();
        return new Registered(stored(row), null);
    }

    /** An assertion as parsed by webauthn4j, before any check (empty when it is not one). */
    public Optional<AuthenticationData> parseAssertion(String assertionJson) {
        if (assertionJson == null) {
            return Optional.empty();
        }
        try {
            AuthenticationData data = Ceremony.MANAGER.parseAuthenticationResponseJSON(assertionJson);
            return challengeOf(data.getCollectedClientData()).isPresent() && data.getCredentialId() != null
                    ? Optional.of(data) : Optional.empty();
        } catch (RuntimeException e) { // untrusted input: whatever the parser trips over is no assertion
            return Optional.empty();
        }
    }

    /** The challenge the client data names (base64url), the secret a sign-in's tenant is looked up by. */
    public static Optional<String> challengeOf(CollectedClientData clientData) {
        if (clientData == null || clientData.getChallenge() == null) {
            return Optional.empty();
        }
        return Optional.of(b64(clientData.getChallenge().getValue()));
    }

    /** The challenge of a parsed assertion (present: {@link #parseAssertion} answers only those that have one). */
    public static String challengeOf(AuthenticationData data) {
        return challengeOf(data.getCollectedClientData()).orElseThrow();
    }

    /**
     * PK-4..PK-7: checks an assertion in the caller's transaction (bound to the tenant its challenge was issued in):
     * the challenge is used up; the credential is one of this tenant's (and {@code expectedUser}'s when given); the
     * user handle, when given, is the credential's user's; webauthn4j verifies origin, rp id, signature, user presence,
     * user verification when {@code userVerificationRequired}, and the sign counter. The accepted counter and the time
     * are stored. Empty for any refusal.
     */
    public Optional<Asserted> verify(AuthenticationData data, Optional<UserId> expectedUser,
                                     boolean userVerificationRequired) {
        String challenge = challengeOf(data);
        if (secrets.redeemHere(challenge, SecretKind.WEBAUTHN_SIGN_IN) != OneTimeSecrets.Redemption.REDEEMED) {
            return Optional.empty();
        }
        Optional<PasskeyEntity> found = find(b64(data.getCredentialId()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PasskeyEntity row = found.get();
        UserId owner = new UserId(row.userId());
        if (expectedUser.isPresent() && !expectedUser.get().equals(owner)) {
            return Optional.empty();
        }
        if (data.getUserHandle() != null && data.getUserHandle().length > 0
                && !Arrays.equals(data.getUserHandle(), Base64.getUrlDecoder().decode(userHandle(owner)))) {
            return Optional.empty();
        }
        CredentialRecordImpl record = new CredentialRecordImpl(null, row.uvInitialized(), row.backupEligible(),
                row.backupState(), row.signCount(), Ceremony.ATTESTED.convert(Base64.getUrlDecoder().decode(row.attestedData())),
                null, null, null, transports(row));
        try {
            Ceremony.MANAGER.verify(data, new AuthenticationParameters(server(challenge), record,
                    List.of(data.getCredentialId()), userVerificationRequired, true));
        } catch (RuntimeException e) { // VerificationException (PK-5: a counter that did not grow is refused here,
            // the stored one unchanged), or a part webauthn4j could not use
            return Optional.empty();
        }
        AuthenticatorData<?> authData = data.getAuthenticatorData();
        row.used(authData.getSignCount(), authData.isFlagUV(), authData.isFlagBS(), clock.instant());
        em.flush();
        return Optional.of(new Asserted(owner, authData.isFlagUV()));
    }

    /** The user's passkeys, oldest first. */
    public List<Stored> of(UserId user) {
        return em.createQuery("select p from PasskeyEntity p where p.userId = :user order by p.createdAt, p.id",
                        PasskeyEntity.class)
                .setParameter("user", user.value()).getResultStream().map(WebAuthn::stored).toList();
    }

    /** How many passkeys the user has (PK-8: one makes a second factor). */
    public long count(UserId user) {
        return em.createQuery("select count(p) from PasskeyEntity p where p.userId = :user", Long.class)
                .setParameter("user", user.value()).getSingleResult();
    }

    /** PK-9: deletes the user's passkey {@code id}; false when the user has no such passkey. */
    public boolean delete(UserId user, UUID id) {
        PasskeyEntity row = em.find(PasskeyEntity.class, id);
        if (row == null || !row.userId().equals(user.value())) {
            return false;
        }
        em.remove(row);
        em.flush();
        return true;
    }

    private Optional<PasskeyEntity> find(String credentialId) {
        return em.createQuery("select p from PasskeyEntity p where p.credentialId = :id", PasskeyEntity.class)
                .setParameter("id", credentialId).getResultStream().findFirst();
    }

    private ServerProperty server(String challenge) {
        return new ServerProperty(origin(), rpId(), new DefaultChallenge(Base64.getUrlDecoder().decode(challenge)));
    }

    private static Set<AuthenticatorTransport> transports(PasskeyEntity row) {
        Set<AuthenticatorTransport> set = new LinkedHashSet<>();
        for (String t : row.transports().split(",")) {
            if (!t.isBlank()) {
                set.add(AuthenticatorTransport.create(t));
            }
        }
        return set;
    }

    private static Stored stored(PasskeyEntity row) {
        List<String> transports = Arrays.stream(row.transports().split(",")).filter(t -> !t.isBlank()).toList();
        return new Stored(row.id(), row.userId(), row.credentialId(), transports, row.name(), row.createdAt(),
                row.lastUsedAt());
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
