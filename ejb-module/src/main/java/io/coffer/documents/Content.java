package io.coffer.documents;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a document as they are served: the newest version, or a watermarked rendition of it. Where the bytes
 * live (a blob, a cached file) stays inside {@code documents}: a caller knows their size, entity tag, media type and
 * file name, and reads them by range.
 */
public interface Content {

    /** Bytes in all. */
    long size();

    /** The strong entity tag, quoted ({@code "<sha256>"} for the stored bytes). */
    String etag();

    /** The type they are served as (only a short list of safe types is served as itself, DOC-2). */
    String mediaType();

    /** The name a download is saved under. */
    String fileName();

    /** Reads {@code length} bytes from {@code start} (the caller closes it); may be called after the transaction. */
    InputStream open(long start, long length) throws IOException;
}
