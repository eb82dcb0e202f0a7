package io.coffer.tenancy;

/** Names of the access-token claims that tenancy reads. The identity module writes them. */
public final class TenantClaims {
    /** The tenant id (UUID) of the token's subject. */
    public static final String TENANT = "tenant";

    private TenantClaims() {
    }

    /** The tenant a verified token names; empty when it names none or something that is not a tenant id. */
    public static java.util.Optional<io.coffer.shared.TenantId> of(org.eclipse.microprofile.jwt.JsonWebToken token) {
        Object claim = token.getClaim(TENANT);
        if (claim == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(io.coffer.shared.TenantId.of(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException malformed) {
            return java.util.Optional.empty();
        }
    }
}
