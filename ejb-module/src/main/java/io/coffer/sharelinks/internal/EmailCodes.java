package io.coffer.sharelinks.internal;

import io.coffer.mail.Mail;
import io.coffer.mail.Mailer;
import io.coffer.shared.LinkId;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The 6-digit codes mailed to prove a visitor's email (SL-8, SL-27): a code lasts {@link #LIFETIME}, works once and
 * allows {@link #TRIES} tries. Each is registered in the global {@code token_index} under a secret made of the code's
 * id, the link, the email and the digits (six digits alone are not unique), so that it is redeemed through
 * {@link OneTimeSecrets} like every single-use secret (FD-30); its tries are counted here.
 */
@ApplicationScoped
public class EmailCodes {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int TRIES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    Mailer mailer;

    @EJB
    TenantScope tenancy;

    /** In a transaction of its own: a new code for {@code email} on the link, mailed after it commits. */
    public void send(TenantId tenant, LinkId link, String email, String linkName) {
        tenancy.call(tenant, () -> {
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            Instant now = clock.instant();
            UUID id = UUID.randomUUID();
            String hash = secrets.register(SecretKind.EMAIL_CODE, secret(id, link, email, code), now.plus(LIFETIME));
            em.persist(new EmailCodeEntity(id, link.value(), email, hash, now, now.plus(LIFETIME)));
            mailer.sendAfterCommit(new Mail(email, "Your Coffer access code",
                    "Your code to open " + (linkName == null ? "a shared document" : "\"" + linkName + "\"") + ": "
                            + code + "\n\nIt works once, within 10 minutes. If you did not ask for it, ignore this"
                            + " mail.\n"));
            return null;
        });
    }

    /**
     * Uses up the newest code mailed for this link and email when {@code code} is it and it has tries left, in the
     * session's transaction: of concurrent sessions with one code exactly one wins (SL-27), and the code is unused
     * again if the session is then refused.
     */
    public boolean redeem(LinkId link, String email, String code) {
        Optional<EmailCodeEntity> latest = latest(link, email);
        return latest.isPresent() && latest.get().tries < TRIES
                && secrets.redeemHere(secret(latest.get().id, link, email, code), SecretKind.EMAIL_CODE)
                == OneTimeSecrets.Redemption.REDEEMED;
    }

    /**
     * In a transaction of its own: a wrong code uses up one try of the newest code although the request fails. One
     * conditional UPDATE, so that concurrent wrong tries are all counted and never beyond {@link #TRIES} (SL-27).
     */
    public void countWrong(TenantId tenant, LinkId link, String email) {
        tenancy.call(tenant, () -> {
            latest(link, email).ifPresent(wrong -> em.createQuery("update EmailCodeEntity c set c.tries = c.tries + 1"
                            + " where c.id = :id and c.tries < :tries")
                    .setParameter("id", wrong.id).setParameter("tries", TRIES).executeUpdate());
            return null;
        });
    }

    /** The newest code mailed for this link and email, in whatever state: {@link #redeem} decides. */
    private Optional<EmailCodeEntity> latest(LinkId link, String email) {
        return em.createQuery("select c from EmailCodeEntity c where c.linkId = :link and c.email = :email"
                        + " order by c.createdAt desc", EmailCodeEntity.class)
                .setParameter("link", link.value()).setParameter("email", email).setMaxResults(1).getResultStream()
                .findFirst();
    }

    private static String secret(UUID codeId, LinkId link, String email, String code) {
        return "email-code:" + codeId + ":" + link + ":" + email + ":" + (code == null ? "" : code.strip());
    }
}
