package io.coffer.platform;

import io.coffer.shared.error.RateLimitedException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;

/** Transactional access to {@link Throttling} for flows that run outside a tenant transaction. */
@Stateless
@PermitAll
public class ThrottlingGate {
    @Inject
    Throttling throttle;

    public void check(String key, int limit) {
        throttle.check(key, limit);
    }

    /** See {@link Throttling#refusal}. */
    public Optional<RateLimitedException> refusal(String key, int limit) {
        return throttle.refusal(key, limit);
    }

    /**
     * For a token-less request that makes the server store something (a sign-in's challenge or state): refuses with
     * {@link RateLimitedException} once {@code key} (an address) made {@code limit} of them in the window, else counts
     * this one (in a transaction of its own), so that nobody fills the database from one address (PK-12, SSO-15).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(String key, int limit) {
        throttle.check(key, limit);
        throttle.fail(key);
    }

    /** Records a failure in a transaction of its own, so that it counts even when the caller's rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(String... keys) {
        for (String key : keys) {
            throttle.fail(key);
        }
    }
}
