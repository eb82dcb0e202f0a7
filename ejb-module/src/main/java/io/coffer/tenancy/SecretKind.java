package io.coffer.tenancy;

/**
 * What a secret registered in the global {@code token_index} unlocks; its name is the stored {@code kind}. A secret is
 * found and redeemed only as the kind it was issued as (a verification token is no reset token, ID-11).
 */
public enum SecretKind {
    /** A mailed email-verification link (single use, ID-21). */
    VERIFY_EMAIL,
    /** A mailed password-reset link (single use, ID-10). */
    PASSWORD_RESET,
    /** A refresh cookie (single use; a second use revokes its family, ID-7). */
    REFRESH,
    /** A mailed invitation (single use, ID-18). */
    INVITATION,
    /** An API key (used many times until it expires or is revoked, ID-19). */
    API_KEY,
    /** A member's 60 s download ticket (single use, DOC-30). */
    DOWNLOAD_TICKET,
    /** A share-link visitor's 60 s download ticket (single use, DOC-30, SL-40). */
    LINK_TICKET,
    /** A mailed 6-digit share-link code (single use, 5 tries, SL-27). */
    EMAIL_CODE,
    /** A share link's token (the visitor's capability, used until the link is revoked or expires). */
    SHARE_LINK,
    /** A file request's token (an outsider's upload capability, until the request is deleted, FR-12). */
    FILE_REQUEST,
    /** The mfaToken of a login's second step (single use, 5 minutes, MFA-5). */
    MFA,
    /** A TOTP recovery code (single use, no expiry; revoked when TOTP is disabled, MFA-8). */
    RECOVERY_CODE,
    /** The {@code state} of a single sign-on started at the provider (single use, 10 minutes, SSO-4). */
    SSO_STATE,
    /** The challenge of a passkey registration, issued to one user (single use, 5 minutes, PK-1). */
    WEBAUTHN_REGISTRATION,
    /** The challenge of a passkey sign-in or second step (single use, 5 minutes, PK-4). */
    WEBAUTHN_SIGN_IN
}
