package io.coffer.tenancy;

import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.internal.TokenIndexEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The global lookup of secrets: a secret's SHA-256 → its tenant and kind (table {@code token_index}, outside the tenant
 * tables). A flow that starts with nothing but a secret (a mailed link, a refresh cookie, an API key, a download
 * ticket, a share link) finds its tenant here, then runs inside {@link TenantScope#call}. Holds no tenant data.
 */
@ApplicationScoped
public class TokenDirectory {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** Records a secret (by its hash) of {@code kind}; in the transaction that stores the secret's own row. */
    public void register(String secretHash, TenantId tenant, String kind, Instant expiresAt) {
        em.persist(new TokenIndexEntity(secretHash, tenant.value(), kind, expiresAt));
    }

    /** The tenant of a presented secret of {@code kind}; empty for anything else. */
    public Optional<TenantId> tenantOf(String secret, String kind) {
        if (secret == null || secret.isBlank() || secret.length() > 512) {
            return Optional.empty();
        }
        TokenIndexEntity index = em.find(TokenIndexEntity.class, Secrets.hash(secret));
        if (index == null || !index.kind().equals(kind)) {
            return Optional.empty();
        }
        return Optional.of(new TenantId(index.tenantId()));
    }
}
