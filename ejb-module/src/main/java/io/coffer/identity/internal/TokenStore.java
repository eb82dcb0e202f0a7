package io.coffer.identity.internal;

import io.coffer.identity.Role;
import io.coffer.shared.Secrets;
import io.coffer.shared.UserId;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
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
 * Identity's rows of the secrets it issues (verification and reset tokens, refresh tokens, invitations, API keys),
 * keyed by the secret's hash. Issuing, the tenant lookup and the single use are {@link OneTimeSecrets}' (FD-30): a
 * flow redeems there first, then reads its row here.
 */
@ApplicationScoped
public class TokenStore {

    /** A freshly issued secret (to hand out once) and what it unlocks. */
    public record Issued<T>(String secret, T entity) {
    }

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    OneTimeSecrets secrets;

    /** A new verification or reset token for {@code user}; the caller mails it and forgets it. */
    public String issueOneTime(UserId user, SecretKind kind, Duration lifetime) {
        Instant now = clock.instant();
        OneTimeSecrets.Issued issued = secrets.issue(kind, now.plus(lifetime));
        em.persist(new OneTimeTokenEntity(user.value(), kind.name(), issued.hash(), now, now.plus(lifetime)));
        em.flush();
        return issued.secret();
    }

    /** The user of a one-time token the caller has just redeemed (inside its tenant's transaction). */
    public UserId userOf(String token) {
        return em.createQuery("select t from OneTimeTokenEntity t where t.tokenHash = :hash", OneTimeTokenEntity.class)
                .setParameter("hash", Secrets.hash(token)).getResultStream().findFirst()
                .map(t -> new UserId(t.userId())).orElseThrow(InvalidTokenException::new);
    }

    /** How many tokens of {@code kind} were issued to {@code user} since {@code since} (mail limits, ID-13). */
    public long issuedSince(UserId user, SecretKind kind, Instant since) {
        return em.createQuery("select count(t) from OneTimeTokenEntity t where t.userId = :user and t.kind = :kind"
                        + " and t.createdAt > :since", Long.class)
                .setParameter("user", user.value()).setParameter("kind", kind.name()).setParameter("since", since)
                .getSingleResult();
    }

    /** Ends every other live token of {@code kind} of a user (after a successful reset, ID-14). */
    public void spendAll(UserId user, SecretKind kind) {
        secrets.revoke(em.createQuery("select t.tokenHash from OneTimeTokenEntity t where t.userId = :user"
                        + " and t.kind = :kind and t.expiresAt > :now", String.class)
                .setParameter("user", user.value()).setParameter("kind", kind.name())
                .setParameter("now", clock.instant()).getResultList());
    }

    // --- refresh tokens (ID-7) ---

    public String issueRefresh(UserEntity user, UUID family, Duration lifetime) {
        Instant now = clock.instant();
        OneTimeSecrets.Issued issued = secrets.issue(SecretKind.REFRESH, now.plus(lifetime));
        em.persist(new RefreshTokenEntity(user.userId().value(), family, issued.hash(), user.tokenVersion(), now,
                now.plus(lifetime)));
        em.flush();
        return issued.secret();
    }

    public Optional<RefreshTokenEntity> findRefresh(String token) {
        return em.createQuery("select t from RefreshTokenEntity t where t.tokenHash = :hash", RefreshTokenEntity.class)
                .setParameter("hash", Secrets.hash(token)).getResultStream().findFirst();
    }

    /**
     * Ends a refresh family and its session (reuse, logout, a gone user, ending one session): its refresh tokens are
     * refused and its access tokens at their next request (ID-41). The one place a family ends.
     */
    public void revokeFamily(UUID family) {
        em.createQuery("update RefreshTokenEntity t set t.revokedAt = :now where t.familyId = :family"
                        + " and t.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("family", family).executeUpdate();
        em.createQuery("update LoginSessionEntity s set s.revokedAt = :now where s.id = :family"
                        + " and s.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("family", family).executeUpdate();
    }

    /**
     * Ends every refresh family and session of {@code user} (a reset, a removal, ending all of a member's sessions:
     * ID-14, ID-42), families older than the sessions table included; answers how many sessions were live.
     */
    public int revokeAllRefresh(UUID user) {
        em.createQuery("update RefreshTokenEntity t set t.revokedAt = :now where t.userId = :user"
                        + " and t.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("user", user).executeUpdate();
        return em.createQuery("update LoginSessionEntity s set s.revokedAt = :now where s.userId = :user"
                        + " and s.revokedAt is null and s.expiresAt > :now")
                .setParameter("now", clock.instant()).setParameter("user", user).executeUpdate();
    }

    // --- sessions (ID-39..ID-43): one per refresh family started by a login ---

    /**
     * A login's session: a new refresh family, its row, and the first refresh token; answers that token.
     * {@code secondFactor}: the login passed one (MFA-14).
     */
    public Issued<LoginSessionEntity> startSession(UserEntity user, Duration lifetime, String userAgent,
                                                   String clientAddress, boolean secondFactor) {
        UUID family = UUID.randomUUID();
        String refresh = issueRefresh(user, family, lifetime);
        Instant now = clock.instant();
        LoginSessionEntity session = new LoginSessionEntity(family, user.userId().value(), now, now.plus(lifetime),
                userAgent, clientAddress, secondFactor);
        em.persist(session);
        em.flush();
        return new Issued<>(refresh, session);
    }

    /** A refresh of {@code session}: it was used now from {@code clientAddress}, until {@code until}. */
    public void sessionUsed(LoginSessionEntity session, Instant until, String clientAddress) {
        session.used(clock.instant(), until, clientAddress);
    }

    /** The session {@code id} of {@code user} passed a second factor now (TOTP confirmed in it: MFA-14). */
    public void sessionPassedSecondFactor(UUID id, UUID user) {
        session(id).filter(s -> s.userId().equals(user)).ifPresent(LoginSessionEntity::passedSecondFactor);
    }

    /** The live sessions of {@code user}, last used first (ID-40). */
    public List<LoginSessionEntity> liveSessions(UUID user) {
        return em.createQuery("select s from LoginSessionEntity s where s.userId = :user and s.revokedAt is null"
                        + " and s.expiresAt > :now order by s.lastUsedAt desc, s.id", LoginSessionEntity.class)
                .setParameter("user", user).setParameter("now", clock.instant()).getResultList();
    }

    /** A session of the transaction's tenant, live or not. */
    public Optional<LoginSessionEntity> session(UUID id) {
        return Optional.ofNullable(em.find(LoginSessionEntity.class, id));
    }

    // --- invitations (ID-18) ---

    public Issued<InvitationEntity> issueInvitation(String email, Role role, UserId invitedBy, Duration lifetime) {
        Instant now = clock.instant();
        OneTimeSecrets.Issued issued = secrets.issue(SecretKind.INVITATION, now.plus(lifetime));
        InvitationEntity invitation = new InvitationEntity(email, role, invitedBy.value(), issued.hash(), now,
                now.plus(lifetime));
        em.persist(invitation);
        em.flush();
        return new Issued<>(issued.secret(), invitation);
    }

    /**
     * Accepts the invitation of a token the caller has just redeemed (inside its tenant's transaction); a revoked or
     * expired one (ID-32, ID-33 revoke by moving its expiry) is {@link InvalidTokenException}.
     */
    public InvitationEntity accept(String token) {
        InvitationEntity found = em.createQuery("select i from InvitationEntity i where i.tokenHash = :hash",
                        InvitationEntity.class)
                .setParameter("hash", Secrets.hash(token)).getResultStream().findFirst()
                .filter(i -> i.usableAt(clock.instant()))
                .orElseThrow(InvalidTokenException::new);
        found.accept(clock.instant());
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

    public Issued<ApiKeyEntity> issueApiKey(UserId creator, String name, List<String> scopes, Instant expiresAt) {
        OneTimeSecrets.Issued issued = secrets.issue(SecretKind.API_KEY, expiresAt);
        ApiKeyEntity entity = new ApiKeyEntity(creator.value(), name, scopes, issued.hash(), clock.instant(),
                expiresAt);
        em.persist(entity);
        em.flush();
        return new Issued<>(issued.secret(), entity);
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
