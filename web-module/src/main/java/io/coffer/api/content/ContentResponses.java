package io.coffer.api.content;

import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import io.coffer.documents.Content;
import io.coffer.documents.IndexFile;
import io.coffer.documents.PageImage;
import io.coffer.documents.Zip;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Optional;

/**
 * How bytes are answered, for members and visitors alike (FD-32): 304 for a matching ETag, one Range (206/416) or
 * all, {@code Content-Disposition: attachment}, nosniff, streamed from {@link Content#open}. And the one rule of what
 * counts as a download ({@link #isDownload}, FD-33). The visitor side's {@code Cache-Control: no-store} and
 * {@code Referrer-Policy: no-referrer} are set over these answers by {@code api.visitor.VisitorHeaders}.
 */
public final class ContentResponses {
    private ContentResponses() {
    }

    /** What a request for a content is answered with, decided before any byte is read. */
    private sealed interface Answer {
    }

    private record NotModified() implements Answer {
    }

    private record Unsatisfiable() implements Answer {
    }

    private record Bytes(long start, long length, boolean partial) implements Answer {
    }

    private static Answer decide(Content content, String ifNoneMatch, String range) {
        if (ifNoneMatch != null && (ifNoneMatch.contains(content.etag()) || ifNoneMatch.trim().equals("*"))) {
            return new NotModified();
        }
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, content.size());
        } catch (ByteRange.Unsatisfiable e) {
            return new Unsatisfiable();
        }
        return part.<Answer>map(p -> new Bytes(p.start(), p.length(), true))
                .orElseGet(() -> new Bytes(0, content.size(), false));
    }

    /**
     * The one rule of what counts as a download, for members and visitors (FD-33): a GET whose answer carries the
     * first byte — all the bytes (200) or a range from byte 0 (206), whatever the {@code Range} header looked like.
     * A HEAD, a 304, a 416 and a range from a later byte (a resumed or seeking read) are not downloads.
     */
    public static boolean isDownload(String method, Content content, String ifNoneMatch, String range) {
        return HttpMethod.GET.equals(method) && decide(content, ifNoneMatch, range) instanceof Bytes b
                && b.start() == 0;
    }

    /** The answer to a GET or HEAD of {@code content} with these request headers (either may be null). */
    public static Response.ResponseBuilder serve(Content content, String ifNoneMatch, String range) {
        Answer answer = decide(content, ifNoneMatch, range);
        if (answer instanceof NotModified) {
            return Response.notModified().header(HttpHeaders.ETAG, content.etag());
        }
        if (answer instanceof Unsatisfiable) {
            return Problem.of(ProblemType.RANGE_NOT_SATISFIABLE).header("Content-Range", "bytes */" + content.size());
        }
        Bytes bytes = (Bytes) answer;
        long start = bytes.start();
        long length = bytes.length();
        StreamingOutput body = out -> {
            try (InputStream in = content.open(start, length)) {
                copy(in, out);
            }
        };
        Response.ResponseBuilder builder = bytes.partial()
                ? Response.status(206).header("Content-Range",
                "bytes " + start + "-" + (start + length - 1) + "/" + content.size())
                : Response.ok();
        return builder.entity(body)
                .type(content.mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.ETAG, content.etag())
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", ContentDisposition.attachment(content.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache");
    }

    /**
     * Bytes per read and write of a download (issue 14): {@code InputStream.transferTo}'s 8 KiB made a gigabyte
     * 131,072 reads of the file and writes into the servlet output. 128 KiB stays below half a G1 region of the
     * smallest heaps (no humongous allocation per request) and keeps what the JDK caches per thread for the file
     * read (a temporary direct buffer of the read's size) small across a hundred concurrent downloads.
     */
    static final int COPY_BUFFER = 128 * 1024;

    /** Copies {@code in} to {@code out} in reads of up to {@link #COPY_BUFFER} bytes, each written whole. */
    static void copy(InputStream in, java.io.OutputStream out) throws java.io.IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
        }
    }

    /** A page image as {@code image/png}, with its ETag; members' browsers may keep it five minutes. */
    public static Response.ResponseBuilder page(PageImage image) {
        StreamingOutput body = out -> {
            try (InputStream in = image.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body).type("image/png")
                .header(HttpHeaders.CONTENT_LENGTH, image.size())
                .header(HttpHeaders.ETAG, image.etag())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, max-age=300");
    }

    /**
     * A room's index (CSV or PDF) as an attachment named {@code <room>-index.csv|pdf} (RFC 6266, {@code filename*} for
     * a non-ASCII name), written after the transaction that read it; never stored by a cache (it is one caller's view).
     */
    public static Response.ResponseBuilder index(IndexFile file) {
        return Response.ok((StreamingOutput) file::writeTo).type(file.mediaType())
                .header("Content-Disposition", ContentDisposition.attachment(file.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }

    /** A zip streamed entry by entry as an attachment. */
    public static Response.ResponseBuilder zip(Zip zip) {
        return Response.ok((StreamingOutput) zip::writeTo).type("application/zip")
                .header("Content-Disposition", ContentDisposition.attachment(zip.fileName()))
                .header("X-Content-Type-Options", "nosniff");
    }
}
