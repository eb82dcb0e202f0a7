package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transaction's tenant's single sign-on rows (docs/features/sso.md): its provider settings, the client secret
 * sealed and opened here only (SSO-2), and the started sign-ins (SSO-4..6).
 */
@ApplicationScoped
public class SsoConfigs {

    /** What a sign-in needs of the settings, the secret opened. */
    public record Config(boolean enabled, String issuer, String clientId, boolean secretSet, List<String> emailDomains,
                         boolean autoProvision, Role defaultRole) {
    }

    /** A started sign-in, read once by its callback. */
    public record Started(String browserHash, String nonce, String codeVerifier) {
    }

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    SecretBox box;

    @Inject
    Clock clock;

    public Optional<Config> current() {
        return row().map(r -> new Config(r.enabled(), r.issuer(), r.clientId(), r.clientSecretSealed() != null,
                r.emailDomains(), r.autoProvision(), r.defaultRole()));
    }

    /** The stored client secret, opened (SSO-2: only for the code exchange). */
    public Optional<String> clientSecret() {
        return row().map(SsoConfigEntity::clientSecretSealed)
                .map(sealed -> new String(box.open(sealed), StandardCharsets.UTF_8));
    }

    /** Stores the settings; a null {@code clientSecret} keeps the stored one (SSO-2). */
    public Config save(Config config, String clientSecret, UUID by) {
        SsoConfigEntity row = row().orElseGet(() -> {
            SsoConfigEntity fresh = new SsoConfigEntity(UUID.randomUUID());
            em.persist(fresh);
            return fresh;
        });
        row.change(config.enabled(), config.issuer(), config.clientId(),
                clientSecret == null ? null : box.seal(clientSecret.getBytes(StandardCharsets.UTF_8)),
                config.emailDomains(), config.autoProvision(), config.defaultRole(), by, clock.instant());
        em.flush();
        return current().orElseThrow();
    }

    public void start(String stateHash, String browserHash, String nonce, String codeVerifier) {
        em.persist(new SsoLoginEntity(stateHash, browserHash, nonce, codeVerifier, clock.instant()));
        em.flush();
    }

    /** The sign-in of {@code stateHash}, deleted as it is read (SSO-4: its callback comes once). */
    public Optional<Started> take(String stateHash) {
        SsoLoginEntity row = em.find(SsoLoginEntity.class, stateHash);
        if (row == null) {
            return Optional.empty();
        }
        em.remove(row);
        return Optional.of(new Started(row.browserHash(), row.nonce(), row.codeVerifier()));
    }

    /** Deletes the tenant's sign-ins started more than {@code age} ago and never finished. */
    public int sweep(Duration age) {
        Instant before = clock.instant().minus(age);
        return em.createQuery("delete from SsoLoginEntity s where s.createdAt < :before")
                .setParameter("before", before).executeUpdate();
    }

    private Optional<SsoConfigEntity> row() {
        return em.createQuery("select s from SsoConfigEntity s", SsoConfigEntity.class).getResultStream().findFirst();
    }
}
