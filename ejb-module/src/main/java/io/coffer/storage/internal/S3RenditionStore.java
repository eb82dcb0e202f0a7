package io.coffer.storage.internal;

import io.coffer.shared.TenantId;
import io.coffer.storage.RenditionStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Renditions in the blobs' bucket under {@code renditions/<tenant>/<group>/<name>} (apart from the blobs' keys
 * {@code <tenant>/...} and {@code tmp/}, so neither the orphaned-blob listing nor the temporary sweep sees them). A
 * rendition is a small file that is complete on disk before it is sent: one PUT with its length, which S3 makes
 * visible only once it has all of it (DOC-44). Reads land in a temporary file beside the target and are moved into
 * place, so the local cache never shows a part of one either.
 */
final class S3RenditionStore implements RenditionStore {

    static final String PREFIX = "renditions/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final S3Client s3;
    private final String bucket;

    S3RenditionStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void put(TenantId tenant, String group, String name, Path file) throws IOException {
        String key = key(tenant, group, name);
        long size = Files.size(file);
        call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size).contentType(type(name)),
                RequestBody.fromFile(file)));
    }

    @Override
    public boolean copyTo(TenantId tenant, String group, String name, Path target) throws IOException {
        String key = key(tenant, group, name);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "s3", ".tmp");
        try {
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchKeyException e) {
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw new IOException("S3 read failed: " + e.getMessage(), e);
            } catch (SdkException e) {
                throw new IOException("S3 read failed: " + e.getMessage(), e);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Stream<String> groups(TenantId tenant) throws IOException {
        String prefix = PREFIX + tenant + "/";
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/")).commonPrefixes()
                    .stream().map(p -> p.prefix().substring(prefix.length()).replace("/", ""))
                    .filter(g -> NAME.matcher(g).matches());
        } catch (SdkException e) {
            throw new IOException("S3 listing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteGroup(TenantId tenant, String group) throws IOException {
        String prefix = PREFIX + tenant + "/" + check(group) + "/";
        List<String> keys = call(() -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                .stream().map(S3Object::key).toList());
        for (String key : keys) {
            call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        }
    }

    static String key(TenantId tenant, String group, String name) {
        return PREFIX + tenant + "/" + check(group) + "/" + check(name);
    }

    private static String check(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("not a rendition name");
        }
        return name;
    }

    private static String type(String name) {
        return name.endsWith(".png") ? "image/png" : "application/octet-stream";
    }

    private static <T> T call(java.util.function.Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new IOException("S3 request failed: " + e.getMessage(), e);
        }
    }
}
