package io.coffer.api.auth;

import io.coffer.identity.Passkeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The WebAuthn JSON of passkeys (docs/features/passkeys.md): the options the browser's
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON} (and
 * {@code @simplewebauthn/browser}) read, and the responses its {@code toJSON()} writes, which Coffer hands to
 * webauthn4j as they came. Binary values are base64url without padding.
 */
public final class PasskeyJson {
    private PasskeyJson() {
    }

    static final String B64URL = "^[A-Za-z0-9_-]*$";

    /** A transport the browser reports (WebAuthn Level 2's AuthenticatorTransport and "hybrid"). */
    @Schema(name = "AuthenticatorTransport", type = SchemaType.STRING,
            enumeration = {"usb", "nfc", "ble", "smart-card", "hybrid", "internal"})
    public static final class Transport {
        private Transport() {
        }
    }

    @Schema(name = "PublicKeyCredentialDescriptor", description = "A credential named in options.")
    public record Descriptor(
            @Schema(required = true, enumeration = "public-key") String type,
            @Schema(required = true, description = "The credential id, base64url.", pattern = B64URL,
                    maxLength = 1366) String id,
            @Schema(required = true, type = SchemaType.ARRAY, implementation = Transport.class, maxItems = 8,
                    description = "The transports the browser reported at registration.") List<String> transports) {
        static Descriptor of(Passkeys.CredentialRef ref) {
            return new Descriptor("public-key", ref.id(), ref.transports());
        }
    }

    @Schema(name = "PublicKeyCredentialRpEntity")
    public record Rp(@Schema(required = true, description = "The rp id: the host of COFFER_PUBLIC_URL.",
                             maxLength = 253) String id,
                     @Schema(required = true, maxLength = 64) String name) {
    }

    @Schema(name = "PublicKeyCredentialUserEntity")
    public record User(@Schema(required = true, description = "The user handle: the 16 bytes of the user's id,"
                               + " base64url.", pattern = B64URL, maxLength = 64) String id,
                       @Schema(required = true, maxLength = 254) String name,
                       @Schema(required = true, maxLength = 100) String displayName) {
    }

    @Schema(name = "PublicKeyCredentialParameters")
    public record Parameters(@Schema(required = true, enumeration = "public-key") String type,
                             @Schema(required = true, description = "A COSE algorithm: -7 ES256, -8 EdDSA,"
                                     + " -257 RS256.") long alg) {
    }

    @Schema(name = "AuthenticatorSelectionCriteria")
    public record Selection(@Schema(required = true, enumeration = {"discouraged", "preferred", "required"})
                            String residentKey,
                            @Schema(required = true) boolean requireResidentKey,
                            @Schema(required = true, enumeration = {"discouraged", "preferred", "required"})
                            String userVerification) {
    }

    @Schema(name = "PublicKeyCredentialCreationOptionsJSON", description = "Options of a passkey registration"
            + " (PK-1): the challenge is single use and lives 5 minutes.")
    public record CreationOptions(
            @Schema(required = true, pattern = B64URL, maxLength = 64) String challenge,
            @Schema(required = true) Rp rp,
            @Schema(required = true) User user,
            @Schema(required = true, maxItems = 8) List<Parameters> pubKeyCredParams,
            @Schema(required = true, description = "Milliseconds the browser waits for the user.") long timeout,
            @Schema(required = true, maxItems = 100, description = "The caller's passkeys (not registered twice,"
                    + " PK-3).") List<Descriptor> excludeCredentials,
            @Schema(required = true) Selection authenticatorSelection,
            @Schema(required = true, enumeration = "none") String attestation) {
        public static CreationOptions of(Passkeys.CreationOptions o) {
            return new CreationOptions(o.challenge(), new Rp(o.rpId(), o.rpName()),
                    new User(o.userHandle(), o.userName(), o.userDisplayName()),
                    o.algorithms().stream().map(a -> new Parameters("public-key", a)).toList(), o.timeoutMillis(),
                    o.exclude().stream().map(Descriptor::of).toList(),
                    new Selection("preferred", false, "preferred"), "none");
        }
    }

    @Schema(name = "PublicKeyCredentialRequestOptionsJSON", description = "Options of a passkey sign-in (PK-4):"
            + " the challenge is single use, of this tenant, and lives 5 minutes.")
    public record RequestOptions(
            @Schema(required = true, pattern = B64URL, maxLength = 64) String challenge,
            @Schema(required = true, maxLength = 253) String rpId,
            @Schema(required = true, description = "Milliseconds the browser waits for the user.") long timeout,
            @Schema(required = true, enumeration = {"preferred", "required"}) String userVerification,
            @Schema(required = true, maxItems = 100, description = "Empty for a usernameless sign-in (PK-11).")
            List<Descriptor> allowCredentials) {
        public static RequestOptions of(Passkeys.RequestOptions o) {
            return new RequestOptions(o.challenge(), o.rpId(), o.timeoutMillis(), o.userVerification(),
                    o.allow().stream().map(Descriptor::of).toList());
        }
    }

    @Schema(name = "AuthenticatorAttestationResponseJSON")
    public record AttestationResponse(
            @Schema(required = true, pattern = B64URL, maxLength = 8192) String clientDataJSON,
            @Schema(required = true, pattern = B64URL, maxLength = 65536) String attestationObject,
            @Schema(type = SchemaType.ARRAY, implementation = Transport.class, maxItems = 8)
            List<String> transports,
            @Schema(pattern = B64URL, maxLength = 65536) String authenticatorData,
            @Schema(pattern = B64URL, maxLength = 65536) String publicKey,
            Long publicKeyAlgorithm) {
    }

    @Schema(name = "RegistrationResponseJSON", description = "What the browser's"
            + " PublicKeyCredential.toJSON() answers after navigator.credentials.create.")
    public record RegistrationResponse(
            @Schema(required = true, pattern = B64URL, maxLength = 1366) String id,
            @Schema(required = true, pattern = B64URL, maxLength = 1366) String rawId,
            @Schema(required = true, enumeration = "public-key") String type,
            @Schema(required = true) AttestationResponse response,
            @Schema(required = true) Map<String, Object> clientExtensionResults,
            @Schema(enumeration = {"platform", "cross-platform"}) String authenticatorAttachment) {
    }

    @Schema(name = "AuthenticatorAssertionResponseJSON")
    public record AssertionResponse(
            @Schema(required = true, pattern = B64URL, maxLength = 8192) String clientDataJSON,
            @Schema(required = true, pattern = B64URL, maxLength = 65536) String authenticatorData,
            @Schema(required = true, pattern = B64URL, maxLength = 4096) String signature,
            @Schema(pattern = B64URL, maxLength = 128) String userHandle) {
    }

    @Schema(name = "AuthenticationResponseJSON", description = "What the browser's"
            + " PublicKeyCredential.toJSON() answers after navigator.credentials.get.")
    public record AuthenticationResponse(
            @Schema(required = true, pattern = B64URL, maxLength = 1366) String id,
            @Schema(required = true, pattern = B64URL, maxLength = 1366) String rawId,
            @Schema(required = true, enumeration = "public-key") String type,
            @Schema(required = true) AssertionResponse response,
            @Schema(required = true) Map<String, Object> clientExtensionResults,
            @Schema(enumeration = {"platform", "cross-platform"}) String authenticatorAttachment) {
    }

    @Schema(name = "PasskeyOptionsRequest")
    public record OptionsRequest(
            @Schema(required = true, description = "The tenant's slug.", maxLength = 63) String tenant,
            @Schema(description = "The email of the user signing in, for the second step after a password;"
                    + " absent for a usernameless sign-in.", format = "email", maxLength = 254) String email) {
    }

    @Schema(name = "PasskeyLoginRequest")
    public record LoginRequest(
            @Schema(required = true, description = "The tenant's slug.", maxLength = 63) String tenant,
            @Schema(required = true) AuthenticationResponse assertion) {
    }

    @Schema(name = "PasskeyRegistrationFinish")
    public record RegistrationFinish(
            @Schema(description = "A name to tell the passkey by (\"Passkey\" when absent).", maxLength = 100)
            String name,
            @Schema(required = true) RegistrationResponse credential) {
    }

    @Schema(name = "Passkey", description = "A registered passkey of the caller.")
    public record Passkey(@Schema(required = true, format = "uuid") String id,
                          @Schema(required = true, maxLength = 100) String name,
                          @Schema(required = true) Instant createdAt,
                          @Schema(required = true, nullable = true) Instant lastUsedAt) {
        public static Passkey of(Passkeys.Passkey p) {
            return new Passkey(p.id().toString(), p.name(), p.createdAt(), p.lastUsedAt());
        }
    }
}
