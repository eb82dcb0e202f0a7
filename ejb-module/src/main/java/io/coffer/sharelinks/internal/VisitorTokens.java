package io.coffer.sharelinks.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.platform.SecretBox;
import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Visitor tokens (SL-13): compact JWTs signed HS256 with the tenant's own 256-bit key (table
 * {@code visitor_token_keys}, sealed with {@link SecretBox}), typed {@code coffer-visitor+jwt}, audience
 * {@code coffer-visitor}. They are not access tokens: MicroProfile JWT accepts RS256 tokens of the identity keys only,
 * so a visitor token is no bearer token, and an access token (RS256, another audience) is never a visitor token.
 * Bound to the session, the link, the link's security version and the proven email. Called inside the tenant's
 * transaction.
 */
@ApplicationScoped
public class VisitorTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final String AUDIENCE = "coffer-visitor";
    static final JOSEObjectType TYPE = new JOSEObjectType("coffer-visitor+jwt");
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();
    /**
     * Tokens this instance verified, by their text: a visitor sends the same token with every page and beacon, and
     * parsing it again (JSON, Base64, HMAC) was a fifth of a beacon's server time. The text is what was verified, so
     * an entry answers only for exactly that text and tenant; expiry is checked at every use. Bounded: cleared when
     * full (the next requests verify again).
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    static final int VERIFIED_CAPACITY = 10_000;

    private record Verified(UUID tenant, VisitorClaims claims) {
    }

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    SecretBox box;

    public String issue(TenantId tenant, UUID sessionId, UUID linkId, int securityVersion, String email,
                        Instant now, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(AUDIENCE).subject(sessionId.toString())
                .claim("lnk", linkId.toString()).claim("sv", securityVersion).claim("tid", tenant.toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt));
        if (email != null) {
            claims.claim("email", email);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims.build());
            jwt.sign(new MACSigner(keyForIssue(tenant)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a visitor token", e);
        }
    }

    /** The claims of a genuine, unexpired visitor token of this tenant; empty for anything else. */
    public Optional<VisitorClaims> verify(TenantId tenant, String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        String text = token.strip();
        Verified known = verified.get(text);
        if (known != null && known.tenant().equals(tenant.value())) {
            return now.isBefore(known.claims().expiresAt()) ? Optional.of(known.claims()) : Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(text);
            Optional<byte[]> key = keyForVerify(tenant);
            if (key.isEmpty() || !JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !TYPE.equals(jwt.getHeader().getType()) || !jwt.verify(new MACVerifier(key.get()))) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!List.of(AUDIENCE).equals(c.getAudience()) || !tenant.toString().equals(c.getStringClaim("tid"))
                    || c.getExpirationTime() == null || !now.isBefore(c.getExpirationTime().toInstant())) {
                return Optional.empty();
            }
            VisitorClaims claims = new VisitorClaims(UUID.fromString(c.getSubject()),
                    UUID.fromString(c.getStringClaim("lnk")), c.getIntegerClaim("sv"), c.getStringClaim("email"),
                    c.getIssueTime().toInstant(), c.getExpirationTime().toInstant());
            if (verified.size() >= VERIFIED_CAPACITY) {
                verified.clear();
            }
            verified.put(text, new Verified(tenant.value(), claims));
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@link #verify} without the database: empty when this tenant's key is not in memory yet (the caller then takes
     * the way that may read it), else the verdict {@link #verify} would give.
     */
    public Optional<Optional<VisitorClaims>> verifyInMemory(TenantId tenant, String token, Instant now) {
        return keys.containsKey(tenant.value()) ? Optional.of(verify(tenant, token, now)) : Optional.empty();
    }

    /** Only keys read back from the database are cached (a key created in a transaction that rolls back is not). */
    private Optional<byte[]> keyForVerify(TenantId tenant) {
        byte[] cached = keys.get(tenant.value());
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> stored = stored(tenant).map(box::open);
        stored.ifPresent(k -> keys.put(tenant.value(), k));
        return stored;
    }

    private byte[] keyForIssue(TenantId tenant) {
        byte[] cached = keys.get(tenant.value());
        if (cached != null) {
            return cached;
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        // first use in this tenant: create the key, or keep the one a concurrent request created first
        em.createNativeQuery("insert into visitor_token_keys (id, tenant_id, sealed_key, created_at)"
                        + " values (?1, ?2, ?3, now()) on conflict (tenant_id) do nothing")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenant.value()).setParameter(3, box.seal(fresh))
                .executeUpdate();
        return box.open(stored(tenant).orElseThrow());
    }

    private Optional<byte[]> stored(TenantId tenant) {
        return em.createNativeQuery("select sealed_key from visitor_token_keys where tenant_id = ?1")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, tenant.value()).getResultStream().findFirst().map(b -> (byte[]) b);
    }
}
