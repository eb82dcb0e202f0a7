package io.coffer.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A zip of documents, written entry by entry straight to the answer (never built in memory or on disk as a whole). */
public interface Zip {

    /** The name a download is saved under. */
    String fileName();

    /** The names of its entries, in order. */
    List<String> entryNames();

    /** Writes the zip; may be called after the transaction that made it. */
    void writeTo(OutputStream out) throws IOException;

    /** One entry: its path inside the zip and the document whose newest version it holds. */
    record Entry(String name, io.coffer.shared.DocumentId document) {
    }
}
