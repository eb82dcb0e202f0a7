package io.coffer.identity.internal;

import io.coffer.platform.SealedColumn;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * Identity's sealed columns for the master key rotation's re-seal job and the start-up check (OPS-22, OPS-23),
 * found through CDI and read and written by the platform.
 */
@Dependent
public class SealedColumns {

    /**
     * The private keys of {@code signing_keys.private_key_enc}: global table (no tenant); a retired key kept for its
     * public half has none.
     */
    @Produces
    static final SealedColumn SIGNING_KEYS = new SealedColumn("token signing keys", "signing_keys", "kid",
            "private_key_enc", false, false);

    /** The users' TOTP secrets of {@code mfa_totp.secret_sealed} (MFA-12): one row per user, per tenant. */
    @Produces
    static final SealedColumn TOTP_SECRETS = new SealedColumn("TOTP secrets", "mfa_totp", "user_id", "secret_sealed",
            true, true);

    /** The tenants' single sign-on client secrets of {@code tenant_sso.client_secret_sealed} (SSO-2). */
    @Produces
    static final SealedColumn SSO_CLIENT_SECRETS = new SealedColumn("single sign-on client secrets", "tenant_sso", "id",
            "client_secret_sealed", true, true);
}
