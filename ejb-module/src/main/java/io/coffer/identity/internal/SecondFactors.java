package io.coffer.identity.internal;

import io.coffer.platform.SecretBox;
import io.coffer.shared.Secrets;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ConflictException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The second factors of the transaction's tenant (docs/features/mfa.md): a user's TOTP secret, sealed with
 * {@link SecretBox} (MFA-12), and their recovery codes, kept as hashes and redeemed once through
 * {@link OneTimeSecrets} (MFA-8). Every method runs inside a tenant transaction.
 */
@ApplicationScoped
public class SecondFactors {

    public static final String TOTP = "totp";
    public static final String RECOVERY = "recovery";
    public static final String WEBAUTHN = "webauthn";
    static final int RECOVERY_CODES = 10;
    /** 80 random bits per recovery code: 16 base32 characters. */
    static final int RECOVERY_BYTES = 10;

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @Inject
    SecretBox box;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    Clock clock;

    @Inject
    WebAuthn passkeys;

    /** Whether the user has a second factor: a confirmed TOTP or a passkey (the login needs a second step, PK-8). */
    public boolean any(UserId user) {
        return active(user) || passkeys.count(user) > 0;
    }

    /** Whether the user has a confirmed TOTP (their login needs a second step, MFA-5). */
    public boolean active(UserId user) {
        return Optional.ofNullable(em.find(TotpEntity.class, user.value())).filter(TotpEntity::confirmed).isPresent();
    }

    /**
     * The methods of the user's second step: {@code totp} when confirmed, {@code webauthn} with a passkey (PK-8), and
     * {@code recovery} while codes are left (they exist only with TOTP); empty when the user has no second factor.
     */
    public List<String> methods(UserId user) {
        List<String> methods = new ArrayList<>();
        if (active(user)) {
            methods.add(TOTP);
        }
        if (passkeys.count(user) > 0) {
            methods.add(WEBAUTHN);
        }
        if (recoveryCodesLeft(user) > 0) {
            methods.add(RECOVERY);
        }
        return methods;
    }

    /**
     * MFA-20, PK-8: the user's second factors as {@code GET /me} tells them: TOTP active, its unused recovery codes (0
     * while it is off), and how many passkeys.
     */
    public io.coffer.identity.SecondFactor.Status status(UserId user) {
        boolean totp = active(user);
        return new io.coffer.identity.SecondFactor.Status(totp, totp ? recoveryCodesLeft(user) : 0,
                passkeys.count(user));
    }

    /** How many unused recovery codes the user has (MFA-20). */
    public int recoveryCodesLeft(UserId user) {
        return em.createQuery("select count(c) from RecoveryCodeEntity c where c.userId = :user", Long.class)
                .setParameter("user", user.value()).getSingleResult().intValue();
    }

    /**
     * MFA-19: ten new recovery codes for a user with an active TOTP (answered once, kept as hashes: MFA-4); every
     * earlier one stops working in this transaction (its row goes, its {@code token_index} entry expires now). The
     * caller accepted a code of the user's TOTP in this transaction ({@link #acceptTotp}, which locks its row).
     */
    public List<String> replaceRecoveryCodes(UserId user) {
        dropRecoveryCodes(user);
        em.flush();
        return newRecoveryCodes(user);
    }

    /**
     * A new pending TOTP secret for the user, replacing one not yet confirmed (MFA-2); {@link ConflictException} when
     * TOTP is active. Answers the raw secret (to show once).
     */
    public byte[] enrol(UserId user) {
        TotpEntity existing = em.find(TotpEntity.class, user.value(), LockModeType.PESSIMISTIC_WRITE);
        if (existing != null && existing.confirmed()) {
            throw new ConflictException("Two-factor sign-in with an authenticator app is already on: turn it off first"
                    + " to enrol a new one.");
        }
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        Instant now = clock.instant();
        if (existing == null) {
            em.persist(new TotpEntity(user.value(), box.seal(secret), now));
        } else {
            existing.replacePending(box.seal(secret), now);
        }
        em.flush();
        return secret;
    }

    /**
     * Confirms the pending enrolment with a code of its secret: TOTP becomes active and ten recovery codes are made
     * (answered once, kept as hashes: MFA-4). Empty for a wrong code; {@link ConflictException} with nothing pending.
     */
    public Optional<List<String>> confirm(UserId user, String code) {
        TotpEntity totp = em.find(TotpEntity.class, user.value(), LockModeType.PESSIMISTIC_WRITE);
        if (totp == null || totp.confirmed()) {
            throw new ConflictException("There is no pending enrolment to confirm: start with POST /me/mfa/totp.");
        }
        OptionalLong step = Totp.acceptedStep(box.open(totp.secretSealed()), code, clock.instant(), totp.lastStep());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        totp.accepted(step.getAsLong());
        totp.confirm(clock.instant());
        dropRecoveryCodes(user);
        return Optional.of(newRecoveryCodes(user));
    }

    /**
     * Accepts a TOTP code of the user's active secret once (MFA-3): the step it belongs to becomes the last accepted
     * one, in this transaction. False for a wrong, stale or replayed code, or without an active TOTP.
     */
    public boolean acceptTotp(UserId user, String code) {
        TotpEntity totp = em.find(TotpEntity.class, user.value(), LockModeType.PESSIMISTIC_WRITE);
        if (totp == null || !totp.confirmed()) {
            return false;
        }
        OptionalLong step = Totp.acceptedStep(box.open(totp.secretSealed()), code, clock.instant(), totp.lastStep());
        step.ifPresent(totp::accepted);
        return step.isPresent();
    }

    /**
     * The one check of a second-step code: a TOTP {@code code} when given, else the {@code recoveryCode} (the caller
     * made sure exactly one is there, {@code Authentication.oneCodeField}).
     */
    public boolean accept(UserId user, String code, String recoveryCode) {
        return code != null && !code.isBlank() ? acceptTotp(user, code) : acceptRecoveryCode(user, recoveryCode);
    }

    /** Uses up one of the user's recovery codes (MFA-8); false for an unknown, used or another user's code. */
    public boolean acceptRecoveryCode(UserId user, String code) {
        String normalized = normalized(code);
        if (normalized.isEmpty()) {
            return false;
        }
        RecoveryCodeEntity row = em.find(RecoveryCodeEntity.class, Secrets.hash(normalized));
        if (row == null || !row.userId().equals(user.value())) {
            return false;
        }
        if (secrets.redeemHere(normalized, SecretKind.RECOVERY_CODE) != OneTimeSecrets.Redemption.REDEEMED) {
            return false;
        }
        em.remove(row);
        return true;
    }

    /** Ends the user's TOTP and recovery codes (MFA-9); false when there was nothing confirmed (a pending one goes). */
    public boolean disable(UserId user) {
        TotpEntity totp = em.find(TotpEntity.class, user.value(), LockModeType.PESSIMISTIC_WRITE);
        boolean wasActive = totp != null && totp.confirmed();
        if (totp != null) {
            em.remove(totp);
        }
        dropRecoveryCodes(user);
        em.flush();
        return wasActive;
    }

    private List<String> newRecoveryCodes(UserId user) {
        Instant now = clock.instant();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[RECOVERY_BYTES];
            random.nextBytes(bytes);
            String raw = Totp.base32(bytes);
            String hash = secrets.register(SecretKind.RECOVERY_CODE, raw, null);
            em.persist(new RecoveryCodeEntity(hash, user.value(), now));
            codes.add(raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-"
                    + raw.substring(12, 16));
        }
        em.flush();
        return codes;
    }

    private void dropRecoveryCodes(UserId user) {
        List<RecoveryCodeEntity> codes = em.createQuery("select c from RecoveryCodeEntity c where c.userId = :user",
                RecoveryCodeEntity.class).setParameter("user", user.value()).getResultList();
        secrets.revoke(codes.stream().map(RecoveryCodeEntity::codeHash).toList());
        codes.forEach(em::remove);
    }

    /** A recovery code as typed: case, dashes and spaces do not matter. */
    static String normalized(String code) {
        if (code == null || code.length() > 64) {
            return "";
        }
        return code.replace("-", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }
}
