package io.coffer.storage.internal;

import io.coffer.platform.CofferSettings.S3Settings;
import io.coffer.platform.StartupFailure;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.storage.BlobStore;
import io.coffer.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.commons.io.input.ObservableInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in an S3-compatible bucket under {@code <tenant>/<sha[0..2]>/<sha>} (the local store's layout, as keys). Bytes
 * are streamed: read into one part buffer at a time (8 MiB, growing after every 1,000 parts so that the 10,000-part
 * limit is never met), hashed on the way, sent as a part of a multipart upload under {@code tmp/<uuid>}; completed,
 * that temporary object is copied server-side to its content-addressed key and deleted. A body that fits in one part
 * is known whole before anything is sent, and goes straight to its key with one PUT. Either way a blob's key shows
 * only complete bytes (S3 makes an object visible atomically, when its PUT, completion or copy succeeds); over the
 * limit or on a broken stream the multipart upload is aborted and the temporary object deleted, so nothing stays.
 * Writing bytes already stored rewrites the object, which renews its last-modified time (a write, for the
 * orphaned-blob collection). Reads are ranged GETs streamed through; a stream closed early is aborted, never drained.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class.getName());
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{64}");
    private static final String TMP = "tmp/";
    static final int DEFAULT_PART_BYTES = 8 * 1024 * 1024;
    /** The largest object S3 copies in one request; larger ones are copied part by part. */
    static final long DEFAULT_SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PART_BYTES = 1024L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final int partBytes;
    private final long singleCopyLimit;
    private final long copyPartBytes;

    S3BlobStore(S3Client s3, String bucket, int partBytes, long singleCopyLimit, long copyPartBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partBytes = partBytes;
        this.singleCopyLimit = singleCopyLimit;
        this.copyPartBytes = copyPartBytes;
    }

    /**
     * Connects to the configured store and checks that its bucket answers (HEAD bucket); a store that cannot be used
     * stops start-up with a {@link StartupFailure} saying what to fix. Leftovers of crashed uploads older than a day
     * are removed.
     */
    public static S3BlobStore connect(S3Settings settings) {
        return connect(settings, DEFAULT_PART_BYTES, DEFAULT_SINGLE_COPY_LIMIT, COPY_PART_BYTES);
    }

    /** {@link #connect(S3Settings)} with other part sizes (tests reach the multipart paths with small bodies). */
    static S3BlobStore connect(S3Settings settings, int partBytes, long singleCopyLimit, long copyPartBytes) {
        S3Client client = client(settings);
        S3BlobStore store = new S3BlobStore(client, settings.bucket(), partBytes, singleCopyLimit, copyPartBytes);
        try {
            store.checkBucket(settings);
        } catch (StartupFailure failure) {
            client.close();
            throw failure;
        }
        store.sweep(Duration.ofDays(1));
        return store;
    }

    static S3Client client(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(512) // one per download in flight: a slow visitor holds its connection
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 demands them: many S3-compatible stores refuse the SDK's default trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new StartupFailure("the S3 client could not be set up for " + where(settings) + " ("
                    + message(e) + "): check COFFER_S3_ENDPOINT and COFFER_S3_REGION");
        }
    }

    private void checkBucket(S3Settings settings) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            String why = switch (e.statusCode()) {
                case 404 -> "it does not exist: create it, or fix COFFER_S3_BUCKET";
                case 301, 307, 400 -> "the store refused the request (" + message(e) + "): check COFFER_S3_REGION and"
                        + " COFFER_S3_PATH_STYLE";
                case 401, 403 -> "access denied: check COFFER_S3_ACCESS_KEY and COFFER_S3_SECRET_KEY and the key's"
                        + " rights on the bucket";
                default -> "the store answered HTTP " + e.statusCode() + " (" + message(e) + ")";
            };
            throw new StartupFailure("the S3 bucket '" + bucket + "' at " + where(settings) + " cannot be used: " + why);
        } catch (SdkException e) {
            throw new StartupFailure("the S3 store at " + where(settings) + " cannot be reached (" + message(e)
                    + "): check COFFER_S3_ENDPOINT and that the store is running");
        }
    }

    private static String where(S3Settings settings) {
        return settings.endpoint().map(Object::toString).orElse("AWS (region " + settings.region() + ")");
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /**
     * Removes what crashed uploads left behind: temporary objects and unfinished multipart uploads older than
     * {@code age}. A store that cannot list multipart uploads is left to its own expiry (a lifecycle rule).
     */
    public int sweep(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        int removed = 0;
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(TMP)).contents()) {
                if (!object.key().endsWith("/") && object.lastModified().isBefore(cutoff)) {
                    s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
                    removed++;
                }
            }
        } catch (SdkException e) {
            LOG.warning("Could not sweep temporary S3 objects: " + message(e));
        }
        try {
            for (var upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(TMP)).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                    abort(upload.key(), upload.uploadId());
                    removed++;
                }
            }
        } catch (SdkException e) {
            LOG.fine("Could not list unfinished multipart uploads: " + message(e));
        }
        if (removed > 0) {
            LOG.info("Removed " + removed + " orphaned temporary S3 upload(s)");
        }
        return removed;
    }

    @Override
    public StoredBlob put(TenantId tenant, InputStream in, long maxBytes) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[partBytes];
        long size = 0;
        int filled = fill(in, buffer);
        size += filled;
        checkLimit(size, maxBytes);
        sha.update(buffer, 0, filled);
        if (filled < buffer.length) {
            String hash = HexFormat.of().formatHex(sha.digest());
            byte[] whole = buffer;
            int length = filled;
            call(() -> s3.putObject(b -> b.bucket(bucket).key(key(tenant, hash)).contentLength((long) length),
                    body(whole, length)));
            return new StoredBlob(hash, hash, size);
        }
        String tmp = TMP + UUID.randomUUID();
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(tmp)).uploadId());
        boolean completed = false;
        boolean kept = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                int number = parts.size() + 1;
                byte[] part = buffer;
                int length = filled;
                String etag = call(() -> s3.uploadPart(b -> b.bucket(bucket).key(tmp).uploadId(uploadId)
                        .partNumber(number).contentLength((long) length), body(part, length)).eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                if (parts.size() % 1000 == 0) { // 8 MiB × 1,000, then 16 MiB × 1,000, ...: 10,000 parts hold 440 GiB
                    buffer = new byte[Math.multiplyExact(partBytes, parts.size() / 1000 + 1)];
                }
                if (parts.size() == 10_000) {
                    throw new IOException("a blob of more than 10,000 parts cannot be stored in S3");
                }
                filled = fill(in, buffer);
                size += filled;
                checkLimit(size, maxBytes);
                sha.update(buffer, 0, filled);
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(tmp).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
            completed = true;
            String hash = HexFormat.of().formatHex(sha.digest());
            copy(tmp, key(tenant, hash), size);
            kept = true;
            return new StoredBlob(hash, hash, size);
        } finally {
            if (!completed) {
                abort(tmp, uploadId);
            } else {
                try {
                    s3.deleteObject(b -> b.bucket(bucket).key(tmp));
                } catch (SdkException e) {
                    if (kept) {
                        LOG.warning("Could not delete the temporary S3 object " + tmp + " (swept later): "
                                + message(e));
                    }
                }
            }
        }
    }

    private static void checkLimit(long size, long maxBytes) {
        if (size > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
    }

    /** Reads until {@code buffer} is full or the stream ends; the count read. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** A part's body from the buffer itself: no copy, and the SDK can read it again (signing, retries). */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }

    /** A server-side copy to the blob's key: one request up to 5 GiB, else a multipart copy in 1 GiB parts. */
    private void copy(String from, String to, long size) throws IOException {
        if (size <= singleCopyLimit) {
            call(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from)
                    .destinationBucket(bucket).destinationKey(to)));
            return;
        }
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(to)).uploadId());
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += copyPartBytes) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + copyPartBytes, size) - 1);
                String etag = call(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from)
                        .destinationBucket(bucket).destinationKey(to).uploadId(uploadId).partNumber(number)
                        .copySourceRange(range)).copyPartResult().eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
            completed = true;
        } finally {
            if (!completed) {
                abort(to, uploadId);
            }
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "Could not abort the multipart upload of " + key + " (swept later): " + message(e));
        }
    }

    @Override
    public InputStream open(TenantId tenant, String blobId, long offset, long length) throws IOException {
        String key = key(tenant, blobId);
        if (length <= 0) {
            head(key).orElseThrow(() -> new NoSuchFileException(blobId));
            return InputStream.nullInputStream();
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(blobId);
        } catch (SdkException e) {
            throw new IOException("S3 read failed: " + message(e), e);
        }
        return ranged(object, length);
    }

    /**
     * The body of a ranged GET as it comes. Closing it before its end aborts the connection: draining the rest of a
     * 1 GiB range that a visitor stopped reading would cost the whole transfer. (commons-io's observer, not a stream
     * of our own: DOC-36.)
     */
    private static InputStream ranged(ResponseInputStream<GetObjectResponse> object, long length) {
        ObservableInputStream.Observer endWatch = new ObservableInputStream.Observer() {
            private long read;
            private boolean ended;

            @Override
            public void data(int value) {
                read++;
            }

            @Override
            public void data(byte[] buffer, int offset, int count) {
                read += count;
            }

            @Override
            public void finished() {
                ended = true;
            }

            @Override
            public void closed() throws IOException {
                if (ended || read >= length) {
                    object.close(); // nothing left to drain: the connection goes back to the pool
                } else {
                    object.abort();
                    try {
                        object.close();
                    } catch (IOException afterAbort) {
                        // the connection is gone already
                    }
                }
            }
        };
        return new ObservableInputStream(CloseShieldInputStream.wrap(object), endWatch);
    }

    @Override
    public void delete(TenantId tenant, String blobId) throws IOException {
        String key = key(tenant, blobId);
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public Stream<String> idsWrittenBefore(TenantId tenant, Instant before) throws IOException {
        String prefix = tenant + "/";
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .filter(object -> object.lastModified().isBefore(before))
                    .map(object -> object.key().substring(object.key().lastIndexOf('/') + 1))
                    .filter(id -> BLOB_ID.matcher(id).matches());
        } catch (SdkException e) {
            throw new IOException("S3 listing failed: " + message(e), e);
        }
    }

    @Override
    public boolean deleteIfWrittenBefore(TenantId tenant, String blobId, Instant before) throws IOException {
        String key = key(tenant, blobId);
        var head = head(key);
        if (head.isEmpty()) {
            return true;
        }
        if (!head.get().lastModified().isBefore(before)) {
            return false;
        }
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        return true;
    }

    private java.util.Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return java.util.Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return java.util.Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return java.util.Optional.empty();
            }
            throw new IOException("S3 request failed: " + message(e), e);
        } catch (SdkException e) {
            throw new IOException("S3 request failed: " + message(e), e);
        }
    }

    static String key(TenantId tenant, String blobId) {
        if (!BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("not a blob id");
        }
        return tenant + "/" + blobId.substring(0, 2) + "/" + blobId;
    }

    /** An S3 call whose failure is an {@link IOException} for the caller, as the local store's are. */
    private static <T> T call(java.util.function.Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (SdkClientException e) {
            throw new IOException("S3 unreachable: " + message(e), e);
        } catch (SdkException e) {
            throw new IOException("S3 request failed: " + message(e), e);
        }
    }

    /** The renditions kept in this store's bucket, over the same client (DOC-44). */
    S3RenditionStore renditions() {
        return new S3RenditionStore(s3, bucket);
    }

    @Override
    public void close() {
        s3.close();
    }
}
