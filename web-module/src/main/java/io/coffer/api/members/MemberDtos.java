package io.coffer.api.members;

import io.coffer.identity.ApiKeys;
import io.coffer.identity.Invitations;
import io.coffer.identity.UserProfile;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and answer bodies of members, invitations and API keys. */
public final class MemberDtos {
    private MemberDtos() {
    }

    @Schema(name = "Member")
    public record Member(@Schema(required = true, format = "uuid") String userId,
                         @Schema(required = true, format = "email") String email,
                         @Schema(required = true, maxLength = 100) String displayName,
                         @Schema(required = true, enumeration = {"OWNER", "ADMIN", "MEMBER"}) String role) {
        static Member of(UserProfile p) {
            return new Member(p.userId().toString(), p.email(), p.displayName(), p.role().name());
        }
    }

    @Schema(name = "MemberUpdate")
    public record MemberUpdate(@Schema(required = true, enumeration = {"OWNER", "ADMIN", "MEMBER"}) String role) {
    }

    @Schema(name = "InvitationRequest")
    public record InvitationRequest(@Schema(required = true, format = "email") String email,
                                    @Schema(required = true, enumeration = {"OWNER", "ADMIN", "MEMBER"}) String role) {
    }

    @Schema(name = "Invitation")
    public record Invitation(@Schema(required = true, format = "uuid") String id,
                             @Schema(required = true, format = "email") String email,
                             @Schema(required = true, enumeration = {"OWNER", "ADMIN", "MEMBER"}) String role,
                             @Schema(required = true, format = "uuid", description = "The inviter's userId.")
                             String invitedBy,
                             @Schema(required = true) Instant createdAt,
                             @Schema(required = true) Instant expiresAt) {
        static Invitation of(Invitations.Invitation i) {
            return new Invitation(i.id().toString(), i.email(), i.role().name(), i.invitedBy().toString(),
                    i.createdAt(), i.expiresAt());
        }
    }

    @Schema(name = "InvitationAcceptRequest")
    public record InvitationAccept(@Schema(required = true, maxLength = 512, pattern = "^[A-Za-z0-9_-]+$") String token,
                                   @Schema(required = true, format = "password", minLength = 12, maxLength = 256)
                                   String password,
                                   @Schema(required = true, maxLength = 100) String displayName) {
        @Override
        public String toString() {
            return "InvitationAccept[]";
        }
    }

    /** A scope of an API key. */
    @Schema(name = "ApiKeyScope", type = SchemaType.STRING, enumeration = {"read", "write", "admin"})
    public static final class Scope {
        private Scope() {
        }
    }

    @Schema(name = "ApiKeyRequest")
    public record ApiKeyRequest(@Schema(required = true, maxLength = 100) String name,
                                @Schema(required = true, description = "read, write, admin", type = SchemaType.ARRAY,
                                        implementation = Scope.class, maxItems = 3) List<String> scopes,
                                @Schema(nullable = true) Instant expiresAt) {
    }

    @Schema(name = "ApiKey")
    public record ApiKey(@Schema(required = true, format = "uuid") String id,
                         @Schema(required = true) String name,
                         @Schema(required = true, type = SchemaType.ARRAY, implementation = Scope.class, maxItems = 3)
                         List<String> scopes,
                         @Schema(required = true) Instant createdAt,
                         @Schema(nullable = true) Instant expiresAt,
                         @Schema(required = true) boolean revoked,
                         @Schema(nullable = true,
                                 description = "Only in the answer that creates the key.", maxLength = 512)
                         String key)
        implements io.coffer.api.security.CarriesSecret {
        static ApiKey of(ApiKeys.ApiKey k, String key) {
            return new ApiKey(k.id().toString(), k.name(), k.scopes(), k.createdAt(), k.expiresAt(), k.revoked(), key);
        }

        @Override
        public String toString() {
            return "ApiKey[" + id + "]";
        }
    }
}
