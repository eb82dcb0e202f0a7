package io.coffer.api.me;

import io.coffer.identity.SecondFactor;
import io.coffer.identity.UserProfile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The caller's own account. Every component carries {@code @Schema}: the OpenAPI scanner leaves unannotated record
 * components out of the document (OperationsIT checks).
 */
@Schema(name = "Me", description = "The caller's own account.")
public record MeResponse(
        @Schema(required = true, format = "uuid") String userId,
        @Schema(required = true, format = "uuid") String tenantId,
        @Schema(required = true,
                description = "The tenant's public name.", pattern = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", maxLength = 63) String tenantSlug,
        @Schema(required = true, format = "email") String email,
        @Schema(required = true, maxLength = 100) String displayName,
        @Schema(required = true, enumeration = {"OWNER", "ADMIN", "MEMBER"}) String role,
        @Schema(required = true, implementation = SecondFactors.class) SecondFactors mfa) {

    /** MFA-20: the caller's second factors, a summary without any secret. */
    @Schema(name = "MeSecondFactors", description = "The caller's second factors (MFA-20, PK-8): whether the"
            + " authenticator app (TOTP) is on, how many unused recovery codes are left (0 while it is off), and how"
            + " many passkeys are registered.")
    public record SecondFactors(
            @Schema(required = true, description = "Two-factor sign-in with an authenticator app is on.") boolean totp,
            @Schema(required = true, minimum = "0", maximum = "10", description = "Unused recovery codes.")
            int recoveryCodesLeft,
            @Schema(required = true, minimum = "0", description = "Registered passkeys (each is a second factor).")
            long passkeys) {
    }

    public static MeResponse of(io.coffer.identity.MyAccount.Me me) {
        return of(me.profile(), me.mfa());
    }

    public static MeResponse of(UserProfile p, SecondFactor.Status mfa) {
        return new MeResponse(p.userId().toString(), p.tenantId().toString(), p.tenantSlug(), p.email(),
                p.displayName(), p.role().name(), new SecondFactors(mfa.totp(), mfa.recoveryCodesLeft(), mfa.passkeys()));
    }
}
