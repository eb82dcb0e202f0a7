package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TokenDirectory;
import io.coffer.shared.error.InvalidTokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Secrets of token-less flows: issues them (hash stored in the tenant's table and in the global
 * {@code token_index}), finds the tenant of a presented one, and redeems each exactly once — a conditional update that
 * only one of two concurrent confirms can win (ID-10).
 */
@ApplicationScoped
public class TokenStore {

    public static final String KIND_REFRESH = "REFRESH";
    public static final String KIND_INVITATION = "INVITATION";
    public static final String KIND_API_KEY = "API_KEY";

    /** A freshly issued secret (to hand out once) and what it unlocks. */
    public record Issued<T>(String secret, T entity) {
    }

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TokenDirectory directory;

    /** The tenant a presented secret belongs to, if it is one of {@code kind}; call outside any tenant transaction. */
    public Optional<TenantId> tenantOf(String token, String kind) {
        return directory.tenantOf(token, kind);
    }

    private void index(String hash, TenantId tenant, String kind, Instant expiresAt) {
        directory.register(hash, tenant, kind, expiresAt);
    }

    /** A new verification or reset token for {@code user}; the caller mails it and forgets it. */
    public String issueOneTime(TenantId tenant, UUID user, String kind, Duration lifetime) {
        String token = Secrets.newToken();
        String hash = Secrets.hash(token);
        Instant now = clock.instant();
        em.persist(new OneTimeTokenEntity(user, kind, hash, now, now.plus(lifetime)));
        index(hash, tenant, kind, now.plus(lifetime));
        em.flush();
        return token;
    }

    /** Uses a one-time token up (inside its tenant's transaction) and answers its user; one answer for every failure. */
    public UUID redeemOneTime(String token, String kind) {
        String hash = Secrets.hash(token);
        OneTimeTokenEntity found = em.createQuery("select t from OneTimeTokenEntity t where t.tokenHash = :hash",
                        OneTimeTokenEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst()
                .filter(t -> t.kind().equals(kind) && t.usableAt(clock.instant()))
                .orElseThrow(InvalidTokenException::new);
        int won = em.createQuery("update OneTimeTokenEntity t set t.usedAt = :now where t.id = :id and t.usedAt is null")
                .setParameter("now", clock.instant()).setParameter("id", found.id()).executeUpdate();
        if (won != 1) {
            throw new InvalidTokenException();
        }
        return found.userId();
    }

    /** How many tokens of {@code kind} were issued to {@code user} since {@code since} (mail limits, ID-13). */
    public long issuedSince(UUID user, String kind, Instant since) {
        return em.createQuery("select count(t) from OneTimeTokenEntity t where t.userId = :user and t.kind = :kind"
                        + " and t.createdAt > :since", Long.class)
                .setParameter("user", user).setParameter("kind", kind).setParameter("since", since)
                .getSingleResult();
    }

    /** Ends every unused reset token of a user (after a successful reset). */
    public void spendAll(UUID user, String kind) {
        em.createQuery("update OneTimeTokenEntity t set t.usedAt = :now where t.userId = :user and t.kind = :kind"
                        + " and t.usedAt is null")
                .setParameter("now", clock.instant()).setParameter("user", user).setParameter("kind", kind)
                .executeUpdate();
    }

    // --- refresh tokens (ID-7) ---

    public String issueRefresh(TenantId tenant, UserEntity user, UUID family, Duration lifetime) {
        String token = Secrets.newToken();
        String hash = Secrets.hash(token);
        Instant now = clock.instant();
        em.persist(new RefreshTokenEntity(user.userId().value(), family, hash, user.tokenVersion(), now,
                now.plus(lifetime)));
        index(hash, tenant, KIND_REFRESH, now.plus(lifetime));
        em.flush();
        return token;
    }

    public Optional<RefreshTokenEntity> findRefresh(String token) {
        return em.createQuery("select t from RefreshTokenEntity t where t.tokenHash = :hash", RefreshTokenEntity.class)
                .setParameter("hash", Secrets.hash(token)).getResultStream().findFirst();
    }

    /** Marks a refresh token used; false when another request used it first. */
    public boolean useRefresh(RefreshTokenEntity token) {
        return em.createQuery("update RefreshTokenEntity t set t.usedAt = :now where t.id = :id and t.usedAt is null"
                        + " and t.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("id", token.id()).executeUpdate() == 1;
    }

    public void revokeFamily(UUID family) {
        em.createQuery("update RefreshTokenEntity t set t.revokedAt = :now where t.familyId = :family"
                        + " and t.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("family", family).executeUpdate();
    }

    public void revokeAllRefresh(UUID user) {
        em.createQuery("update RefreshTokenEntity t set t.revokedAt = :now where t.userId = :user"
                        + " and t.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("user", user).executeUpdate();
    }

    // --- invitations (ID-18) ---

    public Issued<InvitationEntity> issueInvitation(TenantId tenant, String email, Role role, UUID invitedBy,
                                                    Duration lifetime) {
        String token = Secrets.newToken();
        String hash = Secrets.hash(token);
        Instant now = clock.instant();
        InvitationEntity invitation = new InvitationEntity(email, role, invitedBy, hash, now, now.plus(lifetime));
        em.persist(invitation);
        index(hash, tenant, KIND_INVITATION, now.plus(lifetime));
        em.flush();
        return new Issued<>(token, invitation);
    }

    public InvitationEntity redeemInvitation(String token) {
        InvitationEntity found = em.createQuery("select i from InvitationEntity i where i.tokenHash = :hash",
                        InvitationEntity.class)
                .setParameter("hash", Secrets.hash(token)).getResultStream().findFirst()
                .filter(i -> i.usableAt(clock.instant()))
                .orElseThrow(InvalidTokenException::new);
        int won = em.createQuery("update InvitationEntity i set i.acceptedAt = :now where i.id = :id"
                        + " and i.acceptedAt is null")
                .setParameter("now", clock.instant()).setParameter("id", found.id()).executeUpdate();
        if (won != 1) {
            throw new InvalidTokenException();
        }
        return found;
    }

    /** The invitations that can still be accepted, newest first (ID-32). */
    public List<InvitationEntity> pendingInvitations() {
        return em.createQuery("select i from InvitationEntity i where i.acceptedAt is null and i.expiresAt > :now"
                        + " order by i.createdAt desc, i.id desc", InvitationEntity.class)
                .setParameter("now", clock.instant()).getResultList();
    }

    public Optional<InvitationEntity> invitation(UUID id) {
        return Optional.ofNullable(em.find(InvitationEntity.class, id));
    }

    /**
     * Revokes the pending invitations of {@code inviter} that they may no longer send (ID-33): all of them, or with
     * {@code ownerOnly} only those to the OWNER role.
     */
    public int revokeInvitationsBy(UUID inviter, boolean ownerOnly) {
        jakarta.persistence.Query update = em.createQuery("update InvitationEntity i set i.expiresAt = :now"
                + " where i.invitedBy = :inviter and i.acceptedAt is null and i.expiresAt > :now"
                + (ownerOnly ? " and i.role = :owner" : ""));
        if (ownerOnly) {
            update.setParameter("owner", Role.OWNER);
        }
        return update.setParameter("now", clock.instant()).setParameter("inviter", inviter).executeUpdate();
    }

    // --- API keys (ID-19) ---

    public Issued<ApiKeyEntity> issueApiKey(TenantId tenant, UUID creator, String name, List<String> scopes,
                                            Instant expiresAt) {
        String key = "coffer_" + Secrets.newToken();
        String hash = Secrets.hash(key);
        ApiKeyEntity entity = new ApiKeyEntity(creator, name, scopes, hash, clock.instant(), expiresAt);
        em.persist(entity);
        index(hash, tenant, KIND_API_KEY, expiresAt);
        em.flush();
        return new Issued<>(key, entity);
    }

    public Optional<ApiKeyEntity> findApiKey(String key) {
        return em.createQuery("select k from ApiKeyEntity k where k.keyHash = :hash", ApiKeyEntity.class)
                .setParameter("hash", Secrets.hash(key)).getResultStream().findFirst();
    }

    public List<ApiKeyEntity> apiKeys() {
        return em.createQuery("select k from ApiKeyEntity k order by k.createdAt desc", ApiKeyEntity.class)
                .getResultList();
    }

    public Optional<ApiKeyEntity> apiKey(UUID id) {
        return Optional.ofNullable(em.find(ApiKeyEntity.class, id));
    }
}
