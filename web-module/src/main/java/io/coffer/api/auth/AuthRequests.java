package io.coffer.api.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the token-less identity endpoints. Unknown fields are refused; none echoes a secret in toString. */
public final class AuthRequests {
    private AuthRequests() {
    }

    @Schema(name = "SignupRequest")
    public record Signup(@Schema(required = true, maxLength = 200) String tenantName,
                         @Schema(required = true, pattern = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", maxLength = 63) String tenantSlug,
                         @Schema(required = true, format = "email") String email,
                         @Schema(required = true, format = "password", minLength = 12, maxLength = 256) String password,
                         @Schema(required = true, maxLength = 100) String displayName) {
        @Override
        public String toString() {
            return "Signup[" + tenantSlug + "]";
        }
    }

    @Schema(name = "VerifyEmailRequest")
    public record VerifyEmail(@Schema(required = true, maxLength = 512, pattern = "^[A-Za-z0-9_-]+$") String token) {
        @Override
        public String toString() {
            return "VerifyEmail[]";
        }
    }

    @Schema(name = "PasswordResetRequest")
    public record PasswordReset(@Schema(required = true, description = "The tenant's slug.", pattern = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", maxLength = 63) String tenant,
                                @Schema(required = true, format = "email") String email) {
        @Override
        public String toString() {
            return "PasswordReset[" + tenant + "]";
        }
    }

    @Schema(name = "PasswordResetConfirmRequest")
    public record PasswordResetConfirm(@Schema(required = true, maxLength = 512, pattern = "^[A-Za-z0-9_-]+$") String token,
                                       @Schema(required = true, format = "password", minLength = 12, maxLength = 256)
                                       String newPassword) {
        @Override
        public String toString() {
            return "PasswordResetConfirm[]";
        }
    }

    @Schema(name = "ApiKeyExchangeRequest")
    public record ApiKeyExchange(@Schema(required = true, maxLength = 512, pattern = "^[A-Za-z0-9_.-]+$") String apiKey) {
        @Override
        public String toString() {
            return "ApiKeyExchange[]";
        }
    }
}
