package io.coffer.api.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The second step of a login with MFA: the mfaToken and exactly one of code, recoveryCode and webauthn. */
@Schema(name = "MfaRequest")
public record MfaRequest(
        @Schema(required = true, description = "The mfaToken of the login's 401 mfa-required.", maxLength = 512,
                pattern = "^[A-Za-z0-9_-]+$") String mfaToken,
        @Schema(description = "The 6-digit code the authenticator app shows now.", pattern = "^[0-9 ]{6,7}$",
                maxLength = 7) String code,
        @Schema(description = "An unused recovery code (case, dashes and spaces do not matter).",
                pattern = "^[A-Za-z2-7 -]{16,64}$", maxLength = 64) String recoveryCode,
        @Schema(description = "A passkey's assertion (after POST /auth/webauthn/options with the email), PK-7.",
                implementation = PasskeyJson.AuthenticationResponse.class) jakarta.json.JsonObject webauthn) {

    @Override
    public String toString() {
        return "MfaRequest[]";
    }
}
