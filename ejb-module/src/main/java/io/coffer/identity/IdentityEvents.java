package io.coffer.identity;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * The events identity publishes (CDI), for the modules above it (activity, audit, automation). Immutable, past
 * tense, ids only: never an entity, a password, a token or a hash.
 */
public final class IdentityEvents {
    private IdentityEvents() {
    }

    /** {@code user.created}. */
    public record UserCreated(TenantId tenant, UserId user, UserId actor, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "user.created";
        }
    }

    /** {@code user.invited}. */
    public record UserInvited(TenantId tenant, UUID invitation, Role role, UserId actor, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "user.invited";
        }
    }

    /** {@code auth.password-reset.requested}: only when the account exists (nothing is published for unknown ones). */
    public record PasswordResetRequested(TenantId tenant, UserId user, String clientAddress, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "auth.password-reset.requested";
        }
    }

    /** {@code auth.password-reset.completed}. */
    public record PasswordResetCompleted(TenantId tenant, UserId user, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "auth.password-reset.completed";
        }
    }

    /** {@code auth.login.succeeded}. */
    public record LoginSucceeded(TenantId tenant, UserId user, String clientAddress, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "auth.login.succeeded";
        }
    }

    /** {@code auth.login.failed}: tenant and user only when they exist (never the attempted email or password). */
    public record LoginFailed(TenantId tenant, UserId user, String clientAddress, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "auth.login.failed";
        }
    }

    /** {@code member.role-changed}. */
    public record RoleChanged(TenantId tenant, UserId user, Role from, Role to, UserId actor, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "member.role-changed";
        }
    }

    /**
     * {@code member.removed}: fired inside the removing transaction, so that modules above drop what names the user
     * (group memberships, grants) in the same commit.
     */
    public record MemberRemoved(TenantId tenant, UserId user, UserId actor, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "member.removed";
        }
    }

    /** {@code mfa.enabled}: a second factor ({@code method}: {@code totp}) was confirmed (MFA-10). */
    public record MfaEnabled(TenantId tenant, UserId user, String method, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "mfa.enabled";
        }
    }

    /** {@code mfa.disabled}: a second factor ({@code method}: {@code totp}) was turned off (MFA-10). */
    public record MfaDisabled(TenantId tenant, UserId user, String method, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "mfa.disabled";
        }
    }

    /**
     * {@code mfa.recovery-codes-regenerated}: the user replaced their recovery codes with ten new ones, the earlier
     * ones ended (MFA-19). Stored and audited, not a contract webhook event.
     */
    public record MfaRecoveryCodesRegenerated(TenantId tenant, UserId user, Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "mfa.recovery-codes-regenerated";
        }
    }

    /**
     * {@code auth.sessions.revoked}: {@code actor} ended sessions of {@code user}: one of their own ({@code session}
     * named), or all of a member's ({@code session} null; ID-41, ID-42). Stored and audited, not a contract webhook
     * event.
     */
    public record SessionsRevoked(TenantId tenant, UserId user, UserId actor, UUID session, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "auth.sessions.revoked";
        }
    }

    /**
     * {@code tenant.security-changed}: {@code actor} replaced the tenant's sign-in policy, now {@code policy}
     * (MFA-13). Stored and audited, not a contract webhook event.
     */
    public record SecurityPolicyChanged(TenantId tenant, UserId actor, String policy, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "tenant.security-changed";
        }
    }

    /**
     * {@code auth.sso.login}: {@code user} signed in through the tenant's OpenID Connect provider ({@code issuer}) as
     * {@code subject} (SSO-10; a member the sign-in created has a {@code user.created} just before, SSO-9).
     */
    public record SsoLogin(TenantId tenant, UserId user, String issuer, String subject, String clientAddress,
                           Instant at) implements IdentityEvent {
        @Override
        public String type() {
            return "auth.sso.login";
        }
    }

    /**
     * {@code tenant.sso-changed}: {@code actor} replaced the tenant's single sign-on settings, now {@code settings}
     * (never the client secret; SSO-2). Stored and audited, not a contract webhook event.
     */
    public record SsoSettingsChanged(TenantId tenant, UserId actor, String settings, Instant at)
            implements IdentityEvent {
        @Override
        public String type() {
            return "tenant.sso-changed";
        }
    }
}
