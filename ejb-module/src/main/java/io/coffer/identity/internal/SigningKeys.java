package io.coffer.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.coffer.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The keys that sign access tokens (RS256, 2048 bits). Generated when none can sign, kept in {@code signing_keys}
 * with the private key sealed by {@link SecretBox}; every key not past {@code not_after} is published in the JWKS,
 * so a rotated key keeps verifying the tokens it signed until they expire. Joins the caller's transaction, or
 * runs in one of its own (start-up).
 */
@ApplicationScoped
public class SigningKeys {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    SecretBox secrets;

    @Inject
    Clock clock;

    /** A signing key is replaced after this age; the old one stays published until its last token has expired. */
    public static final Duration ROTATE_AFTER = Duration.ofDays(30);
    /** How long an instance trusts its cached key before it looks again (another instance may have rotated). */
    static final Duration RECHECK = Duration.ofSeconds(60);
    /** The longest life of a token a retired key signed, plus MicroProfile JWT's clock skew and a margin. */
    static final Duration PUBLISHED_AFTER_RETIREMENT = AccessTokens.LIFETIME.plusMinutes(2);

    private volatile RSAKey current;
    private volatile Instant checkedAt = Instant.MIN;

    /**
     * The key to sign with: the newest that can sign, re-read every minute; created when there is none, and rotated when
     * it is older than {@link #ROTATE_AFTER} (ID-6).
     */
    @Transactional
    public RSAKey signingKey() {
        Instant now = clock.instant();
        RSAKey key = current;
        if (key != null && now.isBefore(checkedAt.plus(RECHECK)) && !now.isBefore(checkedAt)
                && published(key.getKeyID())) { // an operator may have retired it a moment ago (ID-35)
            return key;
        }
        checkedAt = now;
        for (SigningKeyEntity entity : served()) {
            if (entity.canSign()) {
                if (entity.createdAt().plus(ROTATE_AFTER).isBefore(now)) {
                    return rotate(now.plus(PUBLISHED_AFTER_RETIREMENT));
                }
                current = privateKey(entity);
                return current;
            }
        }
        return rotate(null);
    }

    /**
     * Creates a new signing key; the previous one stops signing and stays published until {@code retiredUntil} (at
     * least the lifetime of the tokens it signed). With {@code retiredUntil} null nothing is retired.
     */
    public RSAKey rotate(Instant retiredUntil) {
        try {
            RSAKey fresh = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            if (retiredUntil != null) {
                served().stream().filter(SigningKeyEntity::canSign).forEach(k -> k.retire(retiredUntil));
            }
            byte[] sealed = secrets.seal(fresh.toJSONString().getBytes(StandardCharsets.UTF_8));
            em.persist(new SigningKeyEntity(fresh.getKeyID(), fresh.toPublicJWK().toJSONString(), sealed,
                    clock.instant()));
            em.flush();
            current = fresh;
            return fresh;
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /**
     * Whether {@code kid} is published now (in {@link #publicJwks()}). Liberty's JWT consumer keeps every key it once
     * fetched, so a token is also checked here, against the database, on every call: a key the operator retired
     * ({@code not_after} set to now, docs/strategy/operations.md) verifies nothing from the next request on (ID-35).
     */
    public boolean published(String kid) {
        if (kid == null) {
            return false;
        }
        return em.createNamedQuery(SigningKeyEntity.PUBLISHED, Long.class).setParameter("kid", kid)
                .setParameter("now", clock.instant()).getSingleResult() > 0;
    }

    /** The public keys to verify tokens with, as a JWKS document (never a private part). */
    public String publicJwks() {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        for (SigningKeyEntity entity : served()) {
            try {
                keys.add(RSAKey.parse(entity.publicJwk()).toPublicJWK());
            } catch (ParseException e) {
                throw new IllegalStateException("unreadable public key " + entity.kid(), e);
            }
        }
        return new JWKSet(keys).toString(true);
    }

    private List<SigningKeyEntity> served() {
        return em.createNamedQuery(SigningKeyEntity.SERVED, SigningKeyEntity.class)
                .setParameter("now", clock.instant())
                .getResultList();
    }

    private RSAKey privateKey(SigningKeyEntity entity) {
        try {
            return RSAKey.parse(new String(secrets.open(entity.privateKeyEncrypted()), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable signing key " + entity.kid(), e);
        }
    }
}
