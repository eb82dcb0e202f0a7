package io.coffer.tenancy;

/** Names of the access-token claims that tenancy reads. The identity module writes them. */
public final class TenantClaims {
    /** The tenant id (UUID) of the token's subject. */
    public static final String TENANT = "tenant";

    private TenantClaims() {
    }
}
