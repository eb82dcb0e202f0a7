package io.coffer.api.content;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.documents.Content;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * FD-33: one rule of what counts as a download, for members and visitors: a GET whose answer carries the first byte.
 * The cases are those where the members' rule (decided on the answer) and the visitors' former one (decided on the
 * {@code Range} header's text) disagreed; {@code serve} answers from the same decision (its statuses are proved over
 * HTTP by DocumentsIT and ShareLinksIT).
 */
class ContentResponsesTest {

    record Bytes(byte[] bytes) implements Content {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String etag() {
            return "\"abc\"";
        }

        @Override
        public String mediaType() {
            return "application/pdf";
        }

        @Override
        public String fileName() {
            return "a.pdf";
        }

        @Override
        public InputStream open(long start, long length) {
            return new ByteArrayInputStream(Arrays.copyOfRange(bytes, (int) start, (int) (start + length)));
        }
    }

    static final Content TEN = new Bytes(new byte[10]);
    static final Content EMPTY = new Bytes(new byte[0]);

    @Test
    void fd33_sl44_aGetAnsweredFromTheFirstByteIsADownloadWhateverTheRangeHeaderLookedLike() {
        assertTrue(ContentResponses.isDownload("GET", TEN, null, null), "200");
        assertTrue(ContentResponses.isDownload("GET", TEN, null, "bytes=0-3"), "206 from byte 0");
        assertTrue(ContentResponses.isDownload("GET", TEN, null, "bytes=-50"), "a suffix longer than the file: 0-9");
        assertTrue(ContentResponses.isDownload("GET", TEN, null, "bytes=abc"), "a malformed range is served whole");
        assertTrue(ContentResponses.isDownload("GET", TEN, null, "bytes=0-1,4-5"), "several ranges: served whole");
    }

    @Test
    void fd33_sl44_aHeadA304A416AndALaterRangeAreNoDownloads() {
        assertFalse(ContentResponses.isDownload("HEAD", TEN, null, null), "HEAD");
        assertFalse(ContentResponses.isDownload("GET", TEN, "\"abc\"", null), "304");
        assertFalse(ContentResponses.isDownload("GET", EMPTY, null, "bytes=0-"), "416 on an empty file");
        assertFalse(ContentResponses.isDownload("GET", TEN, null, "bytes=5-"), "a resumed read");
        assertFalse(ContentResponses.isDownload("GET", TEN, null, "bytes=-3"), "the last bytes");
    }
}
