package io.coffer.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * A data room's index as a file (docs/features/datarooms.md, IDX-*): the rows the caller may see, read in the
 * transaction of {@link RoomIndex#of}, written after it (CSV or PDF) straight to the answer.
 */
public interface IndexFile {

    /** The name a download is saved under: {@code <room>-index.csv} or {@code .pdf}. */
    String fileName();

    /** The media type of what {@link #writeTo} writes. */
    String mediaType();

    /** The rows, in the tree's order. */
    List<Row> rows();

    /** Writes the file; called after the transaction that read the rows. */
    void writeTo(OutputStream out) throws IOException;

    /** What an item is. */
    enum Kind {
        FOLDER, DOCUMENT;

        /** As the file writes it: {@code folder} or {@code document}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One item as the caller sees it: its number in the tree ({@code 1}, {@code 1.2}, {@code 1.2.3}), its path (the
     * names of the folders above it that the caller sees, and its own, from the room's top), and for a document the
     * size, number and date of its current version (null for a folder).
     */
    record Row(String number, Kind kind, String path, String name, int depth, Long size, Integer version,
               Instant lastChanged) {
    }
}
