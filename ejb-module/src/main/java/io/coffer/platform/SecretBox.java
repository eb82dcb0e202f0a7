package io.coffer.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that Coffer must keep at rest and read back (token signing keys; later webhook secrets) with
 * AES-256-GCM from the JDK. The master key comes from {@code COFFER_KEY_ENCRYPTION_KEY} (base64 of 32 bytes) or, when
 * unset, from {@code COFFER_HOME/keys/master.key}, generated at first start and readable by the owner only. A sealed
 * value is {@code nonce (12 bytes) || ciphertext+tag}; a value sealed under another key does not open.
 *
 * <p>A key ring for rotation (OPS-20, OPS-21): the master key is the only one that seals; every key of
 * {@code COFFER_KEY_ENCRYPTION_KEY_PREVIOUS} (comma-separated) opens too. Opening tries the master key first, so
 * outside a rotation (no previous key) it costs one attempt as before; GCM's tag tells a wrong key.
 */
@ApplicationScoped
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private SecretKey key;
    private List<SecretKey> previous = List.of();

    @Inject
    CofferSettings settings;

    protected SecretBox() {
    }

    /** For tests and tools. */
    public SecretBox(byte[] masterKey) {
        this(masterKey, List.of());
    }

    /** For tests and tools: {@code masterKey} seals and opens, each of {@code previousKeys} opens only. */
    public SecretBox(byte[] masterKey, Collection<byte[]> previousKeys) {
        this.key = checked(masterKey, "COFFER_KEY_ENCRYPTION_KEY");
        this.previous = previousKeys.stream().map(k -> checked(k, PREVIOUS)).toList();
    }

    /** The ring the settings name, as the container builds it (the master key from the home when unset). */
    public static SecretBox from(CofferSettings settings) {
        SecretBox box = new SecretBox();
        box.settings = settings;
        box.loadKey();
        return box;
    }

    static final String PREVIOUS = "COFFER_KEY_ENCRYPTION_KEY_PREVIOUS";

    @PostConstruct
    void loadKey() {
        if (key != null) {
            return;
        }
        List<SecretKey> ring = new ArrayList<>();
        for (String one : settings.previousKeyEncryptionKeys()) {
            ring.add(checked(decode(one, PREVIOUS), PREVIOUS));
        }
        previous = List.copyOf(ring);
        key = checked(settings.keyEncryptionKey().map(k -> decode(k, "COFFER_KEY_ENCRYPTION_KEY"))
                .orElseGet(this::keyFromHome), "COFFER_KEY_ENCRYPTION_KEY");
    }

    /** Whether a previous key is configured: a rotation is under way and the re-seal job has work to look for. */
    public boolean hasPreviousKeys() {
        return !previous.isEmpty();
    }

    public byte[] seal(byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Opens a value sealed under any key of the ring; one sealed under none (or tampered) fails. */
    public byte[] open(byte[] sealed) {
        Optional<byte[]> opened = openWith(key, sealed);
        for (int i = 0; opened.isEmpty() && i < previous.size(); i++) {
            opened = openWith(previous.get(i), sealed);
        }
        return opened.orElseThrow(() -> new StartupFailure("a stored secret does not open with the configured keys:"
                + " COFFER_KEY_ENCRYPTION_KEY (or COFFER_HOME/keys/master.key) changed since it was written; set the"
                + " key it was sealed with as COFFER_KEY_ENCRYPTION_KEY or in " + PREVIOUS));
    }

    /** Whether {@code sealed} opens under the key that seals (not only under a previous one). */
    public boolean sealedUnderCurrentKey(byte[] sealed) {
        return openWith(key, sealed).isPresent();
    }

    /**
     * The value sealed anew under the master key, or empty when it is already under it (nothing to write). A value
     * that opens under no key of the ring fails as {@link #open} does.
     */
    public Optional<byte[]> resealed(byte[] sealed) {
        if (sealedUnderCurrentKey(sealed)) {
            return Optional.empty();
        }
        return Optional.of(seal(open(sealed)));
    }

    /**
     * The start-up check (OPS-23): when {@code samples} (a few values of one sealed column) exist and the ring opens
     * none, Coffer must not start; {@code what} names them in the message.
     */
    public void checkOpensAnyOf(String what, Collection<byte[]> samples) {
        if (samples.isEmpty()) {
            return;
        }
        for (byte[] one : samples) {
            if (openWith(key, one).isPresent() || previous.stream().anyMatch(k -> openWith(k, one).isPresent())) {
                return;
            }
        }
        throw new StartupFailure("the configured keys open none of the stored " + what + ": set the key they were"
                + " sealed with as COFFER_KEY_ENCRYPTION_KEY (or COFFER_HOME/keys/master.key), or during a rotation in "
                + PREVIOUS);
    }

    private static Optional<byte[]> openWith(SecretKey k, byte[] sealed) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    private static byte[] decode(String base64, String variable) {
        try {
            return Base64.getDecoder().decode(base64.trim().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(variable + " must be base64 of 32 random bytes");
        }
    }

    private static SecretKey checked(byte[] raw, String variable) {
        if (raw.length != 32) {
            throw new StartupFailure(variable + " must be base64 of 32 random bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    private byte[] keyFromHome() {
        Path file = settings.home().resolve("keys").resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), "COFFER_KEY_ENCRYPTION_KEY");
            }
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Path tmp = Files.createTempFile(file.getParent(), "master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp); // atomic and never replaces: two first starts agree on one key
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another instance wrote it first: use theirs
            } finally {
                Files.deleteIfExists(tmp);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), "COFFER_KEY_ENCRYPTION_KEY");
        } catch (IOException e) {
            throw new StartupFailure("cannot keep the master key under " + file.getParent()
                    + ": set COFFER_HOME to a directory Coffer may write, or set COFFER_KEY_ENCRYPTION_KEY");
        }
    }
}
