package io.coffer.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ops20_aValueSealedUnderAnyKeyOfTheRingOpens_newOnesUnderTheFirstOnly() {
        byte[] current = key();
        byte[] old = key();
        byte[] older = key();
        byte[] underOld = new SecretBox(old).seal(bytes("old"));
        byte[] underOlder = new SecretBox(older).seal(bytes("older"));
        SecretBox ring = new SecretBox(current, List.of(old, older));
        assertArrayEquals(bytes("old"), ring.open(underOld));
        assertArrayEquals(bytes("older"), ring.open(underOlder));
        byte[] fresh = ring.seal(bytes("fresh"));
        assertArrayEquals(bytes("fresh"), new SecretBox(current).open(fresh), "the first key seals");
        assertThrows(StartupFailure.class, () -> new SecretBox(old).open(fresh), "not a previous key");
        assertThrows(StartupFailure.class, () -> ring.open(new SecretBox(key()).seal(bytes("stranger"))));
        byte[] tampered = Arrays.copyOf(underOld, underOld.length);
        tampered[tampered.length - 1] ^= 1;
        assertThrows(StartupFailure.class, () -> ring.open(tampered));
    }

    @Test
    void ops20_resealingMovesAValueUnderTheCurrentKeyAndLeavesCurrentOnesAlone() {
        byte[] current = key();
        byte[] old = key();
        SecretBox ring = new SecretBox(current, List.of(old));
        byte[] underOld = new SecretBox(old).seal(bytes("secret"));
        assertFalse(ring.sealedUnderCurrentKey(underOld));
        byte[] moved = ring.resealed(underOld).orElseThrow();
        assertArrayEquals(bytes("secret"), new SecretBox(current).open(moved));
        assertThrows(StartupFailure.class, () -> new SecretBox(old).open(moved));
        assertTrue(ring.sealedUnderCurrentKey(moved));
        assertEquals(Optional.empty(), ring.resealed(moved), "already under the current key: nothing to write");
        assertTrue(ring.hasPreviousKeys());
        assertFalse(new SecretBox(current).hasPreviousKeys());
    }

    /** The steps of operations.md "Rotate the master key": each instance's ring at each step. */
    @Test
    void ops21_everyNeighbouringPairOfRotationStepsOpensWhatTheOtherSeals() {
        byte[] old = key();
        byte[] fresh = key();
        List<SecretBox> steps = List.of(
                new SecretBox(old),                          // 0: before
                new SecretBox(old, List.of(fresh)),          // 1: new key readable
                new SecretBox(fresh, List.of(old)),          // 2: new key seals; the job re-seals
                new SecretBox(fresh));                       // 3: old key dropped (after the job reported nothing left)
        for (int i = 0; i + 1 < steps.size(); i++) {
            SecretBox a = steps.get(i);
            SecretBox b = steps.get(i + 1);
            assertArrayEquals(bytes("x"), b.open(a.seal(bytes("x"))), "step " + (i + 1) + " opens step " + i);
            if (i + 1 < steps.size() - 1) {
                assertArrayEquals(bytes("x"), a.open(b.seal(bytes("x"))), "step " + i + " opens step " + (i + 1));
            }
        }
        // what the re-seal job left (sealed by step 2) opens at step 3, where the old key is gone
        byte[] resealed = steps.get(2).resealed(steps.get(0).seal(bytes("kept"))).orElseThrow();
        assertArrayEquals(bytes("kept"), steps.get(3).open(resealed));
    }

    @Test
    void ops23_aRingThatOpensNoneOfTheSamplesFailsWithAMessageNamingTheVariables() {
        byte[] written = key();
        List<byte[]> samples = List.of(new SecretBox(written).seal(bytes("a")), new SecretBox(written).seal(bytes("b")));
        StartupFailure failure = assertThrows(StartupFailure.class,
                () -> new SecretBox(key(), List.of(key())).checkOpensAnyOf("webhook secrets", samples));
        assertTrue(failure.getMessage().contains("COFFER_KEY_ENCRYPTION_KEY "), failure.getMessage());
        assertTrue(failure.getMessage().contains("COFFER_KEY_ENCRYPTION_KEY_PREVIOUS"), failure.getMessage());
        assertTrue(failure.getMessage().contains("webhook secrets"), failure.getMessage());
        new SecretBox(key(), List.of(written)).checkOpensAnyOf("webhook secrets", samples); // a previous key opens
        new SecretBox(key()).checkOpensAnyOf("nothing sealed yet", List.of());
    }

    @Test
    void ops20_theRingIsReadFromTheSettings() {
        byte[] current = key();
        byte[] old = key();
        byte[] older = key();
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> env = Map.of("COFFER_KEY_ENCRYPTION_KEY", b64.encodeToString(current),
                "COFFER_KEY_ENCRYPTION_KEY_PREVIOUS", " " + b64.encodeToString(old) + " , "
                        + Base64.getUrlEncoder().encodeToString(older) + ",");
        CofferSettings settings = new CofferSettings(name -> Optional.ofNullable(env.get(name)));
        assertEquals(2, settings.previousKeyEncryptionKeys().size());
        SecretBox ring = SecretBox.from(settings);
        assertArrayEquals(bytes("o"), ring.open(new SecretBox(older).seal(bytes("o"))));
        assertArrayEquals(bytes("n"), new SecretBox(current).open(ring.seal(bytes("n"))));
        Map<String, String> bad = Map.of("COFFER_KEY_ENCRYPTION_KEY", b64.encodeToString(current),
                "COFFER_KEY_ENCRYPTION_KEY_PREVIOUS", "c2hvcnQ=");
        StartupFailure failure = assertThrows(StartupFailure.class,
                () -> SecretBox.from(new CofferSettings(name -> Optional.ofNullable(bad.get(name)))));
        assertTrue(failure.getMessage().contains("COFFER_KEY_ENCRYPTION_KEY_PREVIOUS"), failure.getMessage());
    }
}
