package io.coffer.storage.internal;

import io.coffer.shared.TenantId;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.storage.BlobStore;
import io.coffer.storage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Blobs on the local file system under {@code COFFER_HOME/blobs/<tenant>/<sha[0..2]>/<sha>}: written to
 * {@code blobs/.tmp}, fsynced, renamed atomically into place, the directory fsynced. Temporary files older than a day
 * are swept at start (a crash mid-upload leaves only those).
 */
public class LocalBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(LocalBlobStore.class.getName());
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 128 * 1024;

    private final Path root;

    /** Made by {@link BlobStores} (COFFER_STORAGE=local) under {@code COFFER_HOME/blobs}, or by a test. */
    public LocalBlobStore(Path root) {
        this.root = root;
        prepare();
    }

    private void prepare() {
        try {
            Files.createDirectories(root.resolve(".tmp"));
            sweep(Duration.ofDays(1));
        } catch (IOException e) {
            throw new io.coffer.platform.StartupFailure("cannot prepare blob storage under " + root + " ("
                    + e.getMessage() + "): check COFFER_HOME and its permissions");
        }
    }

    /** Removes temporary files older than {@code age} (left by crashes or killed uploads). */
    public int sweep(Duration age) throws IOException {
        Instant cutoff = Instant.now().minus(age);
        int removed = 0;
        try (Stream<Path> tmp = Files.list(root.resolve(".tmp"))) {
            for (Path file : tmp.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOG.info("Removed " + removed + " orphaned temporary upload file(s)");
        }
        return removed;
    }

    @Override
    public StoredBlob put(TenantId tenant, InputStream in, long maxBytes) throws IOException {
        Path tmp = root.resolve(".tmp").resolve(UUID.randomUUID() + ".part");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        boolean kept = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new PayloadTooLargeException(maxBytes);
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            Path target = path(tenant, hash);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(tmp); // identical bytes already stored in this tenant: a fresh write for the collector
                Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
            } else {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
                fsyncDirectory(target.getParent());
            }
            kept = true;
            return new StoredBlob(hash, hash, size);
        } finally {
            if (!kept) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public InputStream open(TenantId tenant, String blobId, long offset, long length) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(path(tenant, blobId), StandardOpenOption.READ);
        try {
            channel.position(offset);
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(length)
                    .get();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(TenantId tenant, String blobId) throws IOException {
        try {
            Files.delete(path(tenant, blobId));
        } catch (NoSuchFileException ignored) {
            // already gone
        }
    }

    @Override
    public Stream<String> idsWrittenBefore(TenantId tenant, Instant before) throws IOException {
        Path dir = root.resolve(tenant.toString());
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        return Files.find(dir, 2, (file, attributes) -> attributes.isRegularFile()
                        && BLOB_ID.matcher(file.getFileName().toString()).matches()
                        && attributes.lastModifiedTime().toInstant().isBefore(before))
                .map(file -> file.getFileName().toString());
    }

    @Override
    public boolean deleteIfWrittenBefore(TenantId tenant, String blobId, Instant before) throws IOException {
        Path file = path(tenant, blobId);
        try {
            if (!Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                return false;
            }
            Files.delete(file);
            return true;
        } catch (NoSuchFileException gone) {
            return true;
        }
    }

    private Path path(TenantId tenant, String blobId) {
        if (!BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("not a blob id");
        }
        return root.resolve(tenant.toString()).resolve(blobId.substring(0, 2)).resolve(blobId);
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory; the rename itself is atomic
        }
    }
}
