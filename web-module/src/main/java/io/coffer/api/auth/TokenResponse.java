package io.coffer.api.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An access token (RS256 JWT, at most 15 minutes). */
@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(required = true, maxLength = 8192, pattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
                description = "A JWT") String accessToken,
        @Schema(required = true, description = "Seconds until the token expires.") long expiresIn,
        @Schema(required = true, enumeration = "Bearer") String tokenType)
        implements io.coffer.api.security.CarriesSecret {
}
