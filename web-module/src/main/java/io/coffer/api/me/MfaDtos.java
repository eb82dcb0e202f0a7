package io.coffer.api.me;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies and answers of {@code /me/mfa/totp} (docs/features/mfa.md). Unknown fields are refused. */
public final class MfaDtos {
    private MfaDtos() {
    }

    @Schema(name = "TotpEnrolment", description = "A pending TOTP enrolment (RFC 6238, SHA-1, 6 digits, 30 s): shown"
            + " once; active only after POST /me/mfa/totp/confirm.")
    public record TotpEnrolment(
            @Schema(required = true, description = "The secret in RFC 4648 base32, without padding.",
                    pattern = "^[A-Z2-7]+$", maxLength = 64) String secret,
            @Schema(required = true, description = "The otpauth:// URL authenticator apps read (as a QR code).",
                    pattern = "^otpauth://totp/", maxLength = 1024) String otpauthUrl)
            implements io.coffer.api.security.CarriesSecret {
        @Override
        public String toString() {
            return "TotpEnrolment[…]";
        }
    }

    @Schema(name = "TotpCode")
    public record TotpCode(@Schema(required = true, description = "The 6-digit code the app shows now.",
            pattern = "^[0-9 ]{6,7}$", maxLength = 7) String code) {
        @Override
        public String toString() {
            return "TotpCode[]";
        }
    }

    /** One recovery code, as shown (four groups of four base32 characters). */
    @Schema(name = "RecoveryCode", type = SchemaType.STRING, pattern = "^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$",
            maxLength = 19)
    public static final class RecoveryCode {
        private RecoveryCode() {
        }
    }

    @Schema(name = "RecoveryCodes", description = "Ten single-use recovery codes, shown only in this answer.")
    public record RecoveryCodes(@Schema(required = true, type = SchemaType.ARRAY, implementation = RecoveryCode.class,
            minItems = 10, maxItems = 10, description = "Each works once instead of a code of the app.")
            List<String> recoveryCodes)
            implements io.coffer.api.security.CarriesSecret {
        @Override
        public String toString() {
            return "RecoveryCodes[…]";
        }
    }

    @Schema(name = "TotpDisable", description = "Exactly one of code and recoveryCode.")
    public record TotpDisable(
            @Schema(description = "The 6-digit code the app shows now.", pattern = "^[0-9 ]{6,7}$", maxLength = 7)
            String code,
            @Schema(description = "An unused recovery code (case, dashes and spaces do not matter).",
                pattern = "^[A-Za-z2-7 -]{16,64}$", maxLength = 64) String recoveryCode) {
        @Override
        public String toString() {
            return "TotpDisable[]";
        }
    }
}
