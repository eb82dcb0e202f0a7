package io.coffer.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.platform.CofferSettings.S3Settings;
import io.coffer.shared.TenantId;
import io.coffer.storage.RenditionStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DOC-44 against a real S3-compatible server (S3Proxy, filesystem backend, in this JVM): renditions kept in the blobs'
 * bucket under {@code renditions/<tenant>/<group>/<name>}, whole or not at all, apart from the blobs' own keys.
 */
class S3RenditionStoreTest {

    static final String ACCESS = "coffer-test";
    static final String SECRET = "coffer-test-secret";
    static final String BLOB = "c".repeat(64);

    @TempDir
    static Path base;

    @TempDir
    Path local;

    static S3Proxy proxy;
    static BlobStoreContext jclouds;
    static URI endpoint;

    String bucket;
    S3Client s3;
    S3BlobStore blobs;
    RenditionStore store;
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

    @BeforeEach
    void bucket() {
        bucket = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        S3Settings settings = new S3Settings(Optional.of(endpoint), "us-east-1", bucket, ACCESS, SECRET, true);
        s3 = S3BlobStore.client(settings);
        s3.createBucket(b -> b.bucket(bucket));
        blobs = S3BlobStore.connect(settings);
        store = blobs.renditions();
    }

    List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key)
                .filter(k -> !k.endsWith("/")).sorted().toList();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void doc44_aPageIsKeptUnderItsTenantAndGroupAndReadBackWhole() throws Exception {
        byte[] png = random(300_000, 1);
        Path drawn = Files.write(local.resolve("3-1200.png"), png);
        assertTrue(store.durable());
        store.put(tenant, BLOB, "3-1200.png", drawn);
        assertEquals(List.of("renditions/" + tenant + "/" + BLOB + "/3-1200.png"), keys());

        Path target = local.resolve("cache/" + BLOB + "/3-1200.png");
        assertTrue(store.copyTo(tenant, BLOB, "3-1200.png", target));
        assertArrayEquals(png, Files.readAllBytes(target));
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(List.of(target), left.toList(), "no temporary file stays beside it");
        }
        Path missing = local.resolve("cache/" + BLOB + "/4-1200.png");
        assertFalse(store.copyTo(tenant, BLOB, "4-1200.png", missing));
        assertFalse(Files.exists(missing));
        assertFalse(store.copyTo(new TenantId(UUID.randomUUID()), BLOB, "3-1200.png", missing),
                "another tenant's key is another object");

        try (Stream<String> none = blobs.idsWrittenBefore(tenant, java.time.Instant.now().plusSeconds(60))) {
            assertEquals(List.of(), none.toList(), "renditions are not blobs for the orphaned-blob collection");
        }
        assertThrows(IllegalArgumentException.class, () -> store.put(tenant, "../x", "1.png", drawn));
        assertThrows(IllegalArgumentException.class, () -> store.put(tenant, BLOB, "a/b.png", drawn));
    }

    @Test
    void doc44_aReaderSeesAWholePageOrNoneWhileItIsWrittenAndRewritten() throws Exception {
        byte[] first = random(2_000_000, 2);
        byte[] second = random(2_000_000, 3);
        Path a = Files.write(local.resolve("a.png"), first);
        Path b = Files.write(local.resolve("b.png"), second);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = writer.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    store.put(tenant, BLOB, "1-1200.png", i % 2 == 0 ? a : b);
                }
                return null;
            });
            int seen = 0;
            while (!writes.isDone()) {
                Path target = local.resolve("read/" + BLOB + "/1-1200.png");
                if (store.copyTo(tenant, BLOB, "1-1200.png", target)) {
                    byte[] read = Files.readAllBytes(target);
                    assertTrue(java.util.Arrays.equals(first, read) || java.util.Arrays.equals(second, read),
                            "a whole page, never a part (read " + read.length + " bytes)");
                    seen++;
                }
            }
            writes.get();
            assertTrue(seen > 0 || store.copyTo(tenant, BLOB, "1-1200.png", local.resolve("last.png")));
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void doc44_doc43_aGroupIsListedAndDeletedWithAllItsPagesAndNothingElse() throws Exception {
        String other = "d".repeat(64);
        Path file = Files.write(local.resolve("p.png"), random(1000, 4));
        for (int n = 1; n <= 3; n++) {
            store.put(tenant, BLOB, n + "-1200.png", file);
        }
        store.put(tenant, other, "1-1200.png", file);
        byte[] blobBytes = random(1000, 5);
        String blobId = blobs.put(tenant, new ByteArrayInputStream(blobBytes), 10_000).id();
        // a key shaped like a blob's under the renditions prefix of another tenant stays too
        TenantId neighbour = new TenantId(UUID.randomUUID());
        store.put(neighbour, BLOB, "1-1200.png", file);
        s3.putObject(r -> r.bucket(bucket).key("renditions/" + tenant + "/stray"), RequestBody.fromString("x"));

        try (Stream<String> groups = store.groups(tenant)) {
            assertEquals(Set.of(BLOB, other), groups.collect(Collectors.toSet()));
        }
        store.deleteGroup(tenant, BLOB);
        store.deleteGroup(tenant, "e".repeat(64)); // a missing group: a no-op

        assertEquals(List.of("renditions/" + neighbour + "/" + BLOB + "/1-1200.png",
                "renditions/" + tenant + "/" + other + "/1-1200.png", "renditions/" + tenant + "/stray",
                tenant + "/" + blobId.substring(0, 2) + "/" + blobId).stream().sorted().toList(), keys());
        try (Stream<String> groups = store.groups(tenant)) {
            assertEquals(Set.of(other), groups.collect(Collectors.toSet()));
        }
    }
}
