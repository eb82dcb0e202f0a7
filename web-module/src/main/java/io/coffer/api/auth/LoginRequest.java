package io.coffer.api.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Credentials for one tenant. Unknown fields are refused. */
@Schema(name = "LoginRequest")
public record LoginRequest(
        @Schema(required = true,
                description = "The tenant's slug.", pattern = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", maxLength = 63) String tenant,
        @Schema(required = true, format = "email") String email,
        @Schema(required = true, format = "password", minLength = 12, maxLength = 256) String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + tenant + "]"; // never the email or the password
    }
}
