package io.coffer.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coffer.shared.TenantId;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOC-5, DOC-9: blobs are whole or absent; over the limit nothing is kept; identical bytes are stored once. */
class LocalBlobStoreTest {

    @TempDir
    Path root;

    final TenantId tenant = new TenantId(UUID.randomUUID());

    long files() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void doc9_aStoredBlobHasItsHashSizeAndBytes() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        byte[] bytes = "hello, coffer".getBytes(StandardCharsets.UTF_8);
        StoredBlob blob = store.put(tenant, new ByteArrayInputStream(bytes), 1000);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), blob.sha256());
        assertEquals(bytes.length, blob.size());
        try (InputStream in = store.open(tenant, blob.id(), 7, 6)) {
            assertArrayEquals("coffer".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }

    @Test
    void doc9_identicalBytesInOneTenantAreStoredOnce() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        store.put(tenant, new ByteArrayInputStream(new byte[100]), 1000);
        store.put(tenant, new ByteArrayInputStream(new byte[100]), 1000);
        assertEquals(1, files());
        store.put(new TenantId(UUID.randomUUID()), new ByteArrayInputStream(new byte[100]), 1000);
        assertEquals(2, files(), "never shared across tenants");
    }

    @Test
    void doc5_overTheLimitNothingIsKept() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        assertThrows(PayloadTooLargeException.class,
                () -> store.put(tenant, new ByteArrayInputStream(new byte[1001]), 1000));
        assertEquals(0, files());
    }

    @Test
    void doc9_aBrokenUploadLeavesNothing() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        InputStream breaking = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 5000) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        assertThrows(IOException.class, () -> store.put(tenant, breaking, 1_000_000));
        assertEquals(0, files());
    }

    @Test
    void doc9_theSweeperRemovesOldTemporaryFilesOnly() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        Path old = Files.writeString(root.resolve(".tmp").resolve("crashed.part"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.writeString(root.resolve(".tmp").resolve("uploading.part"), "now");
        assertEquals(1, store.sweep(Duration.ofDays(1)));
        assertEquals(false, Files.exists(old));
        assertEquals(true, Files.exists(fresh));
    }

    @Test
    void blobIdsAreCheckedBeforeTheyBecomePaths() {
        LocalBlobStore store = new LocalBlobStore(root);
        assertThrows(IllegalArgumentException.class, () -> store.open(tenant, "../../etc/passwd", 0, 1));
    }
}
