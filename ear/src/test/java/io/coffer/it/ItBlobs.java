package io.coffer.it;

import java.nio.file.Path;

/**
 * Where the IT server's blobs are as files: {@code COFFER_HOME/blobs} with local storage; in the build's S3 pass
 * ({@code it.blobs.dir}), the bucket's directory in S3Proxy's filesystem backend, which keeps each key as a file of the
 * same path ({@code <tenant>/<sha[0..2]>/<sha>}, both stores' layout).
 */
final class ItBlobs {

    private ItBlobs() {
    }

    static Path root() {
        String s3 = System.getProperty("it.blobs.dir", "");
        return s3.isBlank() ? Path.of(System.getProperty("it.coffer.home")).resolve("blobs") : Path.of(s3);
    }

    static Path file(Object tenant, String sha) {
        return root().resolve(tenant.toString()).resolve(sha.substring(0, 2)).resolve(sha);
    }

    static boolean s3() {
        return !System.getProperty("it.blobs.dir", "").isBlank();
    }
}
