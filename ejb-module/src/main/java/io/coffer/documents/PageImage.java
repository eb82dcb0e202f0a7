package io.coffer.documents;

import java.io.IOException;
import java.io.InputStream;

/** The PNG of one page of a document (1200 px wide), watermarked when it was asked so. */
public interface PageImage {

    /** Bytes of the PNG. */
    long size();

    /** The strong entity tag, quoted: the same page of the same bytes with the same watermark has the same tag. */
    String etag();

    /** Reads the PNG (the caller closes the stream). */
    InputStream open() throws IOException;
}
