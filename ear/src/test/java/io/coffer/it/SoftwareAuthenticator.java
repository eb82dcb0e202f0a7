package io.coffer.it;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A software passkey for the tests (webauthn4j's own test authenticators are not published on Maven Central): one
 * P-256 key pair and credential id, whose registration and assertion responses are composed with webauthn4j's data
 * classes and converters (CBOR, COSE, authenticator data) and signed with the JDK's ECDSA. Like a platform
 * authenticator it keeps a sign counter; a test may present any counter, origin or rp id to see them refused.
 */
final class SoftwareAuthenticator {

    static final String ORIGIN = URI.create(Http.BASE).getScheme() + "://" + URI.create(Http.BASE).getAuthority();
    static final String RP_ID = URI.create(Http.BASE).getHost();

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final SecureRandom RANDOM = new SecureRandom();

    final byte[] credentialId = new byte[32];
    private final KeyPair keys;
    /** The user handle of the registration (a discoverable credential keeps it). */
    byte[] userHandle;
    long counter;

    SoftwareAuthenticator() {
        RANDOM.nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String id() {
        return b64(credentialId);
    }

    /** The response to registration {@code options} (as the server sent them) from the real origin and rp id. */
    String register(JsonObject options) {
        return register(options, ORIGIN, options.getJsonObject("rp").getString("id"));
    }

    /** The response to registration {@code options} as made at {@code origin} for {@code rpId}. */
    String register(JsonObject options, String origin, String rpId) {
        userHandle = Base64.getUrlDecoder().decode(options.getJsonObject("user").getString("id"));
        byte[] clientData = clientData(ClientDataType.WEBAUTHN_CREATE, options.getString("challenge"), origin);
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT);
        AuthenticatorData<?> authData = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                flags, counter, credential);
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttestationObject attestation = new AttestationObject((AuthenticatorData) authData,
                new NoneAttestationStatement());
        String attestationObject = new AttestationObjectConverter(CONVERTER).convertToBase64urlString(attestation);
        return Json.createObjectBuilder()
                .add("id", id()).add("rawId", id()).add("type", "public-key")
                .add("response", Json.createObjectBuilder()
                        .add("clientDataJSON", b64(clientData))
                        .add("attestationObject", attestationObject)
                        .add("transports", Json.createArrayBuilder().add("internal")))
                .add("clientExtensionResults", Json.createObjectBuilder())
                .add("authenticatorAttachment", "platform")
                .build().toString();
    }

    /** An assertion for {@code challenge}: the next counter, user verified, from the real origin and rp id. */
    String assertion(String challenge) {
        return assertion(challenge, ORIGIN, RP_ID, true, ++counter, true);
    }

    /**
     * An assertion for {@code challenge} with every part chosen: the origin of the client data, the rp id whose hash
     * the authenticator data carries, the UV flag, the counter, and whether the user handle is sent.
     */
    String assertion(String challenge, String origin, String rpId, boolean userVerified, long signCount,
                     boolean withUserHandle) {
        byte[] clientData = clientData(ClientDataType.WEBAUTHN_GET, challenge, origin);
        byte flags = (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0));
        byte[] authData = new AuthenticatorDataConverter(CONVERTER).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, signCount));
        byte[] signature;
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(authData);
            ecdsa.update(sha256(clientData));
            signature = ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var response = Json.createObjectBuilder()
                .add("clientDataJSON", b64(clientData))
                .add("authenticatorData", b64(authData))
                .add("signature", b64(signature));
        if (withUserHandle && userHandle != null) {
            response.add("userHandle", b64(userHandle));
        }
        return Json.createObjectBuilder()
                .add("id", id()).add("rawId", id()).add("type", "public-key")
                .add("response", response)
                .add("clientExtensionResults", Json.createObjectBuilder())
                .add("authenticatorAttachment", "platform")
                .build().toString();
    }

    private static byte[] clientData(ClientDataType type, String challenge, String origin) {
        return new CollectedClientDataConverter(CONVERTER).convertToBytes(new CollectedClientData(type,
                new DefaultChallenge(Base64.getUrlDecoder().decode(challenge)), new Origin(origin), null));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
