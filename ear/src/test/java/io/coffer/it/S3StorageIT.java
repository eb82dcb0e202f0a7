package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DOC-37 end to end, in the build's S3 pass only (tag "s3": the server runs with COFFER_STORAGE=s3 against S3Proxy):
 * the server really keeps a document's bytes in the bucket, none under COFFER_HOME/blobs, and serves them back, whole
 * and in ranges, from there. Without it the S3 pass could run against local storage and prove nothing.
 */
@Tag("s3")
class S3StorageIT {

    @Test
    void doc37_theServerKeepsTheBytesInTheBucketAndServesThemFromThere() throws Exception {
        assertTrue(ItBlobs.s3(), "the S3 pass sets it.blobs.dir");
        DocumentLifecycleIT life = new DocumentLifecycleIT();
        life.room();
        byte[] bytes = DocumentLifecycleIT.random(20 * 1024 * 1024 + 17, System.nanoTime()); // several 8 MiB parts
        HttpResponse<String> uploaded = life.uploadRaw("in-s3.bin", bytes);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject doc = Http.json(uploaded);
        String sha = DocumentsIT.sha256(bytes);
        assertEquals(sha, doc.getString("sha256"));
        Path object = ItBlobs.file(life.tenant, sha);
        assertTrue(Files.exists(object), "the object is in S3Proxy's bucket: " + object);
        assertEquals(bytes.length, Files.size(object));
        Path local = Path.of(System.getProperty("it.coffer.home")).resolve("blobs").resolve(life.tenant.toString());
        assertFalse(Files.exists(local.resolve(sha.substring(0, 2)).resolve(sha)), "nothing under COFFER_HOME/blobs");
        try (var tmp = Files.list(ItBlobs.root())) {
            assertEquals(0, tmp.filter(p -> p.getFileName().toString().equals("tmp"))
                    .flatMap(S3StorageIT::files).count(), "no temporary object left");
        }
        assertArrayEquals(bytes, life.download(doc.getString("id")));
        HttpResponse<byte[]> range = Http.CLIENT.send(Http.request("/api/v1/documents/" + doc.getString("id")
                        + "/content").header("Authorization", "Bearer " + life.token)
                .header("Range", "bytes=8388600-8388615").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 8388600, 8388616), range.body());
    }

    private static java.util.stream.Stream<Path> files(Path dir) {
        try {
            return Files.walk(dir).filter(Files::isRegularFile).toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
