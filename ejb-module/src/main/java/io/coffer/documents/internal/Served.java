package io.coffer.documents.internal;

import io.coffer.documents.Content;
import io.coffer.documents.PageImage;
import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.io.input.BoundedInputStream;

/** What {@link Renditions} hands out: bytes read from the blob store or from a cached rendition, by range. */
final class Served {
    private Served() {
    }

    /** The stored bytes of a version, read from the blob store. */
    record Blob(BlobStore blobs, TenantId tenant, String blobId, long size, String etag, String mediaType,
                String fileName) implements Content {
        @Override
        public InputStream open(long start, long length) throws IOException {
            return blobs.open(tenant, blobId, start, length);
        }

        @Override
        public String toString() {
            return "Content[" + size + " bytes, " + mediaType + "]";
        }
    }

    /** A rendition on disk (a stamped PDF), read by range from a file channel. */
    record File(Path file, long size, String etag, String mediaType, String fileName) implements Content {
        @Override
        public InputStream open(long start, long length) throws IOException {
            return range(file, start, length);
        }

        @Override
        public String toString() {
            return "Content[" + size + " bytes, " + mediaType + "]";
        }
    }

    /** A page image on disk. */
    record Png(Path file, long size, String etag) implements PageImage {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }

    /** {@code length} bytes of {@code file} from {@code start}: a positioned channel, bounded by commons-io. */
    static InputStream range(Path file, long start, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(start);
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(length)
                    .get();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
