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
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that Coffer must keep at rest and read back (token signing keys; later webhook secrets) with
 * AES-256-GCM from the JDK. The master key comes from {@code COFFER_KEY_ENCRYPTION_KEY} (base64 of 32 bytes) or, when
 * unset, from {@code COFFER_HOME/keys/master.key}, generated at first start and readable by the owner only. A sealed
 * value is {@code nonce (12 bytes) || ciphertext+tag}; a value sealed under another key does not open.
 */
@ApplicationScoped
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    @Inject
    CofferSettings settings;

    protected SecretBox() {
    }

    /** For tests and tools. */
    public SecretBox(byte[] masterKey) {
        this.key = checked(masterKey);
    }

    @PostConstruct
    void loadKey() {
        if (key != null) {
            return;
        }
        key = checked(settings.keyEncryptionKey().map(SecretBox::decode).orElseGet(this::keyFromHome));
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

    public byte[] open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new StartupFailure("a stored secret does not open with the configured key: COFFER_KEY_ENCRYPTION_KEY"
                    + " or COFFER_HOME/keys/master.key changed since it was written");
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("COFFER_KEY_ENCRYPTION_KEY must be base64 of 32 random bytes");
        }
    }

    private static SecretKey checked(byte[] raw) {
        if (raw.length != 32) {
            throw new StartupFailure("COFFER_KEY_ENCRYPTION_KEY must be base64 of 32 random bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    private byte[] keyFromHome() {
        Path file = settings.home().resolve("keys").resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
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
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new StartupFailure("cannot keep the master key under " + file.getParent()
                    + ": set COFFER_HOME to a directory Coffer may write, or set COFFER_KEY_ENCRYPTION_KEY");
        }
    }
}
