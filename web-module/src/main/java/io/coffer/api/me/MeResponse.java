package io.coffer.api.me;

import io.coffer.identity.UserProfile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's own account. */
@Schema(name = "Me", description = "The caller's own account.")
public record MeResponse(
        @Schema(format = "uuid") String userId,
        @Schema(format = "uuid") String tenantId,
        @Schema(description = "The tenant's public name.") String tenantSlug,
        String email,
        String displayName,
        @Schema(enumeration = {"OWNER", "ADMIN", "MEMBER"}) String role) {

    static MeResponse of(UserProfile p) {
        return new MeResponse(p.userId().toString(), p.tenantId().toString(), p.tenantSlug(), p.email(),
                p.displayName(), p.role().name());
    }
}
