package io.coffer.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.platform.CofferSettings;
import io.coffer.platform.CofferSettings.S3Settings;
import io.coffer.platform.StartupFailure;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DOC-37..DOC-41 against a real S3-compatible server: S3Proxy with its filesystem backend, in this JVM on a free
 * port. Small part sizes (5 MiB, S3's smallest) reach the multipart paths with bodies of a few MiB.
 */
class S3BlobStoreTest {

    static final int PART = 5 * 1024 * 1024;
    static final String ACCESS = "coffer-test";
    static final String SECRET = "coffer-test-secret";

    @TempDir
    static Path base;

    static S3Proxy proxy;
    static BlobStoreContext jclouds;
    static URI endpoint;

    String bucket;
    S3Client s3;
    S3BlobStore store;
    final TenantId tenant = new TenantId(UUID.randomUUID());

    @BeforeAll
    static void startS3Proxy() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", base.toString());
        jclouds = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(jclouds.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(50);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        proxy.stop();
        jclouds.close();
    }

    static S3Settings settings(String bucket) {
        return new S3Settings(Optional.of(endpoint), "us-east-1", bucket, ACCESS, SECRET, true);
    }

    @BeforeEach
    void bucket() {
        bucket = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        s3 = S3BlobStore.client(settings(bucket));
        s3.createBucket(b -> b.bucket(bucket));
        store = S3BlobStore.connect(settings(bucket), PART, S3BlobStore.DEFAULT_SINGLE_COPY_LIMIT, PART);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * Every key in the bucket (but the directory markers "x/" that S3Proxy's filesystem backend lists), and every file
     * under the backend's bucket directory (parts in flight included).
     */
    List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(o -> o.key())
                .filter(k -> !k.endsWith("/")).toList();
    }

    long backendFiles() throws IOException {
        Path dir = base.resolve(bucket);
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    void assertNothingKept() throws IOException {
        assertEquals(List.of(), keys(), "no object");
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(bucket)).uploads(), "no unfinished upload");
        assertEquals(0, backendFiles(), "no file in the store's backend");
    }

    byte[] read(String id, long offset, long length) throws IOException {
        try (InputStream in = store.open(tenant, id, offset, length)) {
            return in.readAllBytes();
        }
    }

    @Test
    void doc37_aSmallBlobIsStoredUnderItsHashAndReadInRanges() throws Exception {
        byte[] bytes = "hello, coffer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StoredBlob blob = store.put(tenant, new ByteArrayInputStream(bytes), 1000);
        assertEquals(sha256(bytes), blob.sha256());
        assertEquals(sha256(bytes), blob.id());
        assertEquals(bytes.length, blob.size());
        assertEquals(List.of(tenant + "/" + blob.id().substring(0, 2) + "/" + blob.id()), keys());
        assertArrayEquals("coffer".getBytes(java.nio.charset.StandardCharsets.UTF_8), read(blob.id(), 7, 6));
        assertArrayEquals(bytes, read(blob.id(), 0, bytes.length));
        assertArrayEquals(new byte[0], read(blob.id(), 3, 0));
    }

    @Test
    void doc37_aBlobOfSeveralPartsIsWholeUnderItsHashAndNothingTemporaryStays() throws Exception {
        byte[] bytes = random(2 * PART + 12_345, 1);
        StoredBlob blob = store.put(tenant, new ByteArrayInputStream(bytes), bytes.length);
        assertEquals(sha256(bytes), blob.sha256());
        assertEquals(bytes.length, blob.size());
        assertEquals(List.of(tenant + "/" + blob.id().substring(0, 2) + "/" + blob.id()), keys(), "no tmp/ object");
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(bucket)).uploads());
        assertArrayEquals(bytes, read(blob.id(), 0, bytes.length));
        // ranges across the part boundaries
        assertArrayEquals(Arrays.copyOfRange(bytes, PART - 10, PART + 10), read(blob.id(), PART - 10, 20));
        assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length),
                read(blob.id(), bytes.length - 5, 5));
    }

    @Test
    void doc37_aBlobLargerThanOneCopyIsCopiedPartByPart() throws Exception {
        S3BlobStore small = S3BlobStore.connect(settings(bucket), PART, PART, PART); // copies above 5 MiB in parts
        byte[] bytes = random(2 * PART + 100, 2);
        StoredBlob blob = small.put(tenant, new ByteArrayInputStream(bytes), bytes.length);
        assertEquals(sha256(bytes), blob.sha256());
        assertEquals(1, keys().size(), keys().toString());
        try (InputStream in = small.open(tenant, blob.id(), 0, bytes.length)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void doc37_aStreamClosedEarlyIsAbortedAndTheStoreStillServes() throws Exception {
        byte[] bytes = random(3 * PART, 3);
        StoredBlob blob = store.put(tenant, new ByteArrayInputStream(bytes), bytes.length);
        for (int i = 0; i < 30; i++) { // more than the pool would hold if abandoned connections leaked
            try (InputStream in = store.open(tenant, blob.id(), 0, bytes.length)) {
                assertEquals(bytes[0] & 0xff, in.read());
            }
        }
        assertArrayEquals(Arrays.copyOfRange(bytes, 100, 200), read(blob.id(), 100, 100));
    }

    @Test
    void doc38_identicalBytesInOneTenantAreStoredOnceNeverAcrossTenants() throws Exception {
        byte[] bytes = random(1000, 4);
        store.put(tenant, new ByteArrayInputStream(bytes), 1000);
        store.put(tenant, new ByteArrayInputStream(bytes), 1000);
        assertEquals(1, keys().size());
        TenantId other = new TenantId(UUID.randomUUID());
        store.put(other, new ByteArrayInputStream(bytes), 1000);
        assertEquals(2, keys().size());
        assertEquals(List.of(sha256(bytes)), store.idsWrittenBefore(other, Instant.now().plusSeconds(5)).toList());
    }

    @Test
    void doc39_overTheLimitNothingIsKeptAndTheRestIsNotRead() throws Exception {
        assertThrows(PayloadTooLargeException.class,
                () -> store.put(tenant, new ByteArrayInputStream(new byte[1001]), 1000));
        assertNothingKept();
        long limit = PART + PART / 2;
        Counting body = new Counting(new ByteArrayInputStream(random(4 * PART, 5)));
        assertThrows(PayloadTooLargeException.class, () -> store.put(tenant, body, limit));
        assertTrue(body.read <= limit + PART, "refused as soon as the limit was crossed (read " + body.read + ")");
        assertNothingKept();
    }

    @Test
    void doc39_aBrokenStreamInTheMiddleOfAPartLeavesNothing() throws Exception {
        byte[] head = random(PART + PART / 3, 6);
        InputStream breaking = new java.io.SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });
        IOException broken = assertThrows(IOException.class, () -> store.put(tenant, breaking, 10L * PART));
        assertEquals("client went away", broken.getMessage());
        assertNothingKept();
    }

    @Test
    void doc40_deletingRemovesTheBlobAndAMissingOneIsANoOp() throws Exception {
        StoredBlob blob = store.put(tenant, new ByteArrayInputStream(random(100, 7)), 1000);
        store.delete(tenant, blob.id());
        assertEquals(List.of(), keys());
        assertThrows(NoSuchFileException.class, () -> read(blob.id(), 0, 10));
        store.delete(tenant, blob.id()); // no-op
        assertThrows(IllegalArgumentException.class, () -> store.open(tenant, "../../etc/passwd", 0, 1));
    }

    @Test
    void doc40_aRewriteOfStoredBytesCountsAsAWriteForTheCollector() throws Exception {
        // S3's last-modified has one-second resolution: the steps are more than a second apart
        byte[] old = random(200, 8);
        byte[] oldTwin = random(PART + 10, 9); // through the multipart path: copied, so rewritten too
        StoredBlob a = store.put(tenant, new ByteArrayInputStream(old), 1 << 30);
        StoredBlob twin = store.put(tenant, new ByteArrayInputStream(oldTwin), 1 << 30);
        Thread.sleep(1500);
        Instant before = Instant.now();
        Thread.sleep(1500);
        StoredBlob fresh = store.put(tenant, new ByteArrayInputStream(random(300, 10)), 1 << 30);
        try (Stream<String> ids = store.idsWrittenBefore(tenant, before)) {
            assertEquals(java.util.Set.of(a.id(), twin.id()), java.util.Set.copyOf(ids.toList()));
        }
        store.put(tenant, new ByteArrayInputStream(old), 1 << 30); // the same bytes uploaded again
        store.put(tenant, new ByteArrayInputStream(oldTwin), 1 << 30);
        try (Stream<String> ids = store.idsWrittenBefore(tenant, before)) {
            assertEquals(List.of(), ids.toList(), "re-uploaded bytes are fresh");
        }
        assertFalse(store.deleteIfWrittenBefore(tenant, a.id(), before), "re-uploaded since: kept");
        assertFalse(store.deleteIfWrittenBefore(tenant, fresh.id(), before));
        assertEquals(3, keys().size());
        Thread.sleep(1500);
        Instant later = Instant.now();
        assertTrue(store.deleteIfWrittenBefore(tenant, a.id(), later));
        assertTrue(store.deleteIfWrittenBefore(tenant, a.id(), later), "already gone counts as gone");
        assertEquals(2, keys().size());
        try (Stream<String> ids = store.idsWrittenBefore(new TenantId(UUID.randomUUID()), later)) {
            assertEquals(List.of(), ids.toList(), "another tenant's listing is empty");
        }
    }

    @Test
    void doc40_theSweeperRemovesOldTemporaryObjectsOnly() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("tmp/crashed"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("half"));
        assertEquals(0, store.sweep(java.time.Duration.ofDays(1)), "a fresh one may be an upload in flight");
        assertEquals(List.of("tmp/crashed"), keys());
        Thread.sleep(1100);
        assertEquals(1, store.sweep(java.time.Duration.ZERO));
        assertEquals(List.of(), keys());
    }

    @Test
    void doc41_anUnusableStoreStopsStartUpWithOneClearLine() throws Exception {
        StartupFailure missingBucket = assertThrows(StartupFailure.class,
                () -> S3BlobStore.connect(settings("no-such-bucket-" + UUID.randomUUID())));
        assertTrue(missingBucket.getMessage().contains("does not exist"), missingBucket.getMessage());
        StartupFailure wrongKey = assertThrows(StartupFailure.class, () -> S3BlobStore.connect(
                new S3Settings(Optional.of(endpoint), "us-east-1", bucket, ACCESS, "wrong", true)));
        assertTrue(wrongKey.getMessage().contains("access denied"), wrongKey.getMessage());
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StartupFailure unreachable = assertThrows(StartupFailure.class, () -> S3BlobStore.connect(new S3Settings(
                Optional.of(URI.create("http://127.0.0.1:" + closed)), "us-east-1", bucket, ACCESS, SECRET, true)));
        assertTrue(unreachable.getMessage().contains("cannot be reached")
                && unreachable.getMessage().contains("COFFER_S3_ENDPOINT"), unreachable.getMessage());
        for (StartupFailure failure : List.of(missingBucket, wrongKey, unreachable)) {
            assertFalse(failure.getMessage().contains(SECRET), "never the secret");
            assertEquals(0, failure.getStackTrace().length, "one line, no stack trace");
        }
    }

    @Test
    void doc41_s3WithoutItsSettingsStopsStartUpNamingWhatIsMissing() {
        CofferSettings none = settingsOf(Map.of("COFFER_STORAGE", "s3"));
        assertEquals(CofferSettings.Storage.S3, none.storage());
        StartupFailure missing = assertThrows(StartupFailure.class, none::s3);
        assertTrue(missing.getMessage().contains("COFFER_S3_BUCKET, COFFER_S3_ACCESS_KEY, COFFER_S3_SECRET_KEY"),
                missing.getMessage());
        CofferSettings wrong = settingsOf(Map.of("COFFER_STORAGE", "S3-ish"));
        assertThrows(StartupFailure.class, wrong::storage);
        CofferSettings unset = new CofferSettings(name -> Optional.empty());
        assertEquals(CofferSettings.Storage.LOCAL, unset.storage(), "local stays the default");
        CofferSettings full = settingsOf(Map.of("COFFER_S3_BUCKET", "docs", "COFFER_S3_ACCESS_KEY", "k",
                "COFFER_S3_SECRET_KEY", "s3cr3t", "COFFER_S3_ENDPOINT", "http://127.0.0.1:9000"));
        S3Settings s3 = full.s3();
        assertTrue(s3.pathStyle(), "path-style by default with an endpoint");
        assertEquals("us-east-1", s3.region());
        assertFalse(s3.toString().contains("s3cr3t"));
        CofferSettings badEndpoint = settingsOf(Map.of("COFFER_S3_BUCKET", "docs", "COFFER_S3_ACCESS_KEY",
                "k", "COFFER_S3_SECRET_KEY", "s", "COFFER_S3_ENDPOINT", "127.0.0.1:9000"));
        assertThrows(StartupFailure.class, badEndpoint::s3);
    }

    static CofferSettings settingsOf(Map<String, String> values) {
        return new CofferSettings(name -> Optional.ofNullable(values.get(name)));
    }

    /** Counts what the store read from the body. */
    static final class Counting extends java.io.FilterInputStream {
        long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
