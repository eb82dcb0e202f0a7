package io.coffer.documents.internal;

import io.coffer.documents.Zip;
import io.coffer.shared.TenantId;
import io.coffer.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip of documents written entry by entry with {@link ZipOutputStream} straight to the answer (SL-15): each blob
 * streams from storage; with a watermark, each PDF is stamped to a temporary file first and deleted after. Nothing is
 * held in memory beyond the copy buffers.
 */
final class ZipFiles implements Zip {

    /** One entry: its name and the blob it holds. */
    record Part(String name, TenantId tenant, String blobId, long size) {
    }

    private final String fileName;
    private final List<Part> entries;
    private final String watermark;
    private final BlobStore blobs;
    private final Path workDir;

    ZipFiles(String fileName, List<Part> entries, String watermark, BlobStore blobs, Path workDir) {
        this.fileName = fileName;
        this.entries = List.copyOf(entries);
        this.watermark = watermark;
        this.blobs = blobs;
        this.workDir = workDir;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public List<String> entryNames() {
        return entries.stream().map(Part::name).toList();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Part e : entries) {
            zip.putNextEntry(new ZipEntry(e.name()));
            if (watermark == null) {
                try (InputStream in = blobs.open(e.tenant(), e.blobId(), 0, e.size())) {
                    in.transferTo(zip);
                }
            } else {
                Files.createDirectories(workDir);
                Path stamped = Files.createTempFile(workDir, "zip", ".pdf");
                try {
                    try (InputStream in = blobs.open(e.tenant(), e.blobId(), 0, e.size())) {
                        Watermarking.stampPdf(in, stamped, watermark);
                    }
                    Files.copy(stamped, zip);
                } finally {
                    Files.deleteIfExists(stamped);
                }
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
