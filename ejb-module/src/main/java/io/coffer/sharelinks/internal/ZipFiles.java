package io.coffer.sharelinks.internal;

import io.coffer.documents.DocumentContent;
import io.coffer.sharelinks.VisitorViews;
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
final class ZipFiles implements VisitorViews.Zip {

    record Entry(String name, DocumentContent content) {
    }

    private final String fileName;
    private final List<Entry> entries;
    private final String watermark;
    private final BlobStore blobs;
    private final Path workDir;

    ZipFiles(String fileName, List<Entry> entries, String watermark, BlobStore blobs, Path workDir) {
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
        return entries.stream().map(Entry::name).toList();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Entry e : entries) {
            zip.putNextEntry(new ZipEntry(e.name()));
            DocumentContent c = e.content();
            if (watermark == null) {
                try (InputStream in = blobs.open(c.tenant(), c.blobId(), 0, c.size())) {
                    in.transferTo(zip);
                }
            } else {
                Files.createDirectories(workDir);
                Path stamped = Files.createTempFile(workDir, "zip", ".pdf");
                try {
                    try (InputStream in = blobs.open(c.tenant(), c.blobId(), 0, c.size())) {
                        Watermarks.stampPdf(in, stamped, watermark);
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
