package io.coffer.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ID-6: secrets at rest are sealed (AES-256-GCM) and do not open under another key or after tampering. */
class SecretBoxTest {

    static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void id6_sealedSecretsOpenWithTheSameKeyOnly() {
        byte[] key = key();
        byte[] secret = "{\"kty\":\"RSA\",\"d\":\"private\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = new SecretBox(key).seal(secret);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("private"), "not in clear");
        assertArrayEquals(secret, new SecretBox(key).open(sealed));
        assertThrows(StartupFailure.class, () -> new SecretBox(key()).open(sealed));
    }

    @Test
    void id6_tamperingIsDetected() {
        byte[] key = key();
        byte[] sealed = new SecretBox(key).seal("secret".getBytes(StandardCharsets.UTF_8));
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length - 1] ^= 1;
        assertThrows(StartupFailure.class, () -> new SecretBox(key).open(tampered));
    }

    @Test
    void twoSealsOfOneSecretDiffer() {
        SecretBox box = new SecretBox(key());
        byte[] secret = "same".getBytes(StandardCharsets.UTF_8);
        assertFalse(Arrays.equals(box.seal(secret), box.seal(secret)), "a fresh nonce each time");
    }

    @Test
    void aMasterKeyOfTheWrongSizeIsRefused() {
        assertThrows(StartupFailure.class, () -> new SecretBox(new byte[16]));
    }
}
