package io.coffer.tenancy;

import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.internal.TenantBinding;
import io.coffer.tenancy.internal.TokenIndex;
import io.coffer.tenancy.internal.TokenIndexEntity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one service for secrets that flows start with (mailed links, refresh cookies, API keys, download tickets, share
 * links, email codes): it issues them (256 random bits; only the SHA-256 is kept), registers each in the global
 * {@code token_index} with its tenant, {@link SecretKind} and expiry, finds the tenant of a presented one, and redeems a
 * single-use one exactly once: one conditional update of {@code token_index.used_at} (in {@code internal.TokenIndex}), which only one of
 * concurrent redemptions wins (FD-30; only tenancy writes that table, FD-31). The domain tables keep what is
 * theirs (an invitation's email and role, a refresh token's family and revocation, an email code's tries), keyed by
 * the same hash.
 */
// Not an EJB: redeem throws its refusal out of a method without a transaction of its own (FD-22).
@ApplicationScoped
public class OneTimeSecrets {

    /** A secret just issued: {@code secret} is handed out once, {@code hash} is what the domain row keeps. */
    public record Issued(String secret, String hash) {
        @Override
        public String toString() {
            return "Issued[" + hash.substring(0, 8) + "…]";
        }
    }

    /** How a redemption went. */
    public enum Redemption {
        /** This call used the secret up. */
        REDEEMED,
        /** The secret exists, unexpired, but was used before (a refresh token's reuse, ID-7). */
        ALREADY_USED,
        /** Unknown, of another kind or tenant, expired or revoked. */
        INVALID
    }

    @Inject
    TokenIndex index;

    @Inject
    Clock clock;

    @Inject
    TenantBinding binding;

    @EJB
    TenantScope tenancy;

    /**
     * Issues a new secret of {@code kind} for the tenant of the current transaction, valid until {@code expiresAt}
     * (null: until its own row says otherwise), in the transaction that stores the secret's own row.
     */
    public Issued issue(SecretKind kind, Instant expiresAt) {
        String secret = (kind == SecretKind.API_KEY ? "coffer_" : "") + Secrets.newToken();
        return new Issued(secret, register(kind, secret, expiresAt));
    }

    /**
     * Registers a secret the caller made (an email code, whose six digits are made unique by the code's id, SL-27)
     * and answers its hash. Prefer {@link #issue}.
     */
    public String register(SecretKind kind, String secret, Instant expiresAt) {
        String hash = Secrets.hash(secret);
        index.add(new TokenIndexEntity(hash, boundTenant().value(), kind, expiresAt));
        return hash;
    }

    /**
     * The tenant of a presented secret of {@code kind}; empty for anything else. Called outside any tenant. The
     * tenant of a share link's token is remembered once found (every visitor request starts here): a token's tenant and
     * kind never change, and what else decides — revoked, expired, deleted — is the link's own row, read by every
     * request after this. Only found tokens are remembered (unknown ones cannot fill memory); per instance, at most
     * {@link #REMEMBERED_LINKS}, safe to lose.
     */
    public Optional<TenantId> tenantOf(String secret, SecretKind kind) {
        if (!wellFormed(secret)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(secret);
        if (kind == SecretKind.SHARE_LINK) {
            TenantId known = linkTenants.get(hash);
            if (known != null) {
                return Optional.of(known);
            }
        }
        Optional<TenantId> found = index.find(hash).filter(entry -> entry.kind() == kind)
                .map(entry -> new TenantId(entry.tenantId()));
        if (kind == SecretKind.SHARE_LINK && found.isPresent()) {
            if (linkTenants.size() >= REMEMBERED_LINKS) {
                linkTenants.clear();
            }
            linkTenants.put(hash, found.get());
        }
        return found;
    }

    /** Share-link tokens whose tenant is remembered at most (then all are forgotten and found again). */
    static final int REMEMBERED_LINKS = 20_000;
    private final java.util.Map<String, TenantId> linkTenants = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Finds the tenant of a single-use secret, and in one new transaction bound to it uses the secret up and runs
     * {@code work}; throws {@code refusal} (one answer for unknown, foreign, expired, revoked and used secrets) and
     * then nothing of {@code work} is kept. {@code work} refusing rolls the redemption back too.
     */
    public <T> T redeem(String secret, SecretKind kind, Supplier<? extends RuntimeException> refusal,
                        Function<TenantId, T> work) {
        TenantId tenant = tenantOf(secret, kind).orElseThrow(refusal);
        return tenancy.call(tenant, () -> {
            if (redeemHere(secret, kind) != Redemption.REDEEMED) {
                throw refusal.get();
            }
            return work.apply(tenant);
        });
    }

    /**
     * Finds the tenant of a secret and runs {@code work} in a new transaction bound to it, without using the secret
     * up: for secrets used many times (API keys, share links) and for a flow that redeems with {@link #redeemHere}
     * because it acts on a second use (refresh, ID-7). Empty for an unknown secret or when {@code work} answers null.
     */
    public <T> Optional<T> inTenantOf(String secret, SecretKind kind, Function<TenantId, T> work) {
        Optional<TenantId> tenant = tenantOf(secret, kind);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenancy.call(tenant.get(), () -> work.apply(tenant.get())));
    }

    /**
     * Uses a secret up in the current transaction, which must be bound to the secret's tenant: one conditional
     * update (unused, unexpired, of this kind and tenant), so that of concurrent redemptions exactly one answers
     * {@link Redemption#REDEEMED}; undone if the transaction rolls back.
     */
    public Redemption redeemHere(String secret, SecretKind kind) {
        if (!wellFormed(secret)) {
            return Redemption.INVALID;
        }
        String hash = Secrets.hash(secret);
        Instant now = clock.instant();
        TenantId tenant = boundTenant();
        if (index.useOnce(hash, kind, tenant.value(), now)) {
            return Redemption.REDEEMED;
        }
        // a projection, read from the database (not from this transaction's copy of the entity)
        boolean usedUnexpired = index.state(hash, kind, tenant.value())
                .filter(s -> s.usedAt() != null && (s.expiresAt() == null || now.isBefore(s.expiresAt())))
                .isPresent();
        return usedUnexpired ? Redemption.ALREADY_USED : Redemption.INVALID;
    }

    /**
     * Ends secrets of the current tenant before their time (a reset's other reset tokens, ID-14): they expire now and
     * are refused from then on.
     */
    public void revoke(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        index.expire(hashes, boundTenant().value(), now);
    }

    private TenantId boundTenant() {
        return binding.current().orElseThrow(() -> new IllegalStateException("no tenant bound to this transaction"));
    }

    private static boolean wellFormed(String secret) {
        return secret != null && !secret.isBlank() && secret.length() <= 512;
    }
}
