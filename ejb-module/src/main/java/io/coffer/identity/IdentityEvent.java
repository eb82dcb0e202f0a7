package io.coffer.identity;

import io.coffer.shared.CofferEvent;

/** The events of identity ({@link IdentityEvents}): publishers inject {@code Event<IdentityEvent>}. */
public sealed interface IdentityEvent extends CofferEvent permits IdentityEvents.UserCreated,
        IdentityEvents.UserInvited, IdentityEvents.PasswordResetRequested, IdentityEvents.PasswordResetCompleted,
        IdentityEvents.LoginSucceeded, IdentityEvents.LoginFailed, IdentityEvents.RoleChanged,
        IdentityEvents.MemberRemoved, IdentityEvents.MfaEnabled, IdentityEvents.MfaDisabled,
        IdentityEvents.MfaRecoveryCodesRegenerated,
        IdentityEvents.SessionsRevoked, IdentityEvents.SecurityPolicyChanged, IdentityEvents.SsoLogin,
        IdentityEvents.SsoSettingsChanged {
}
