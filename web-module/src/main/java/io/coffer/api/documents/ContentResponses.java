package io.coffer.api.documents;

import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import io.coffer.documents.DocumentContent;
import io.coffer.storage.BlobStore;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Optional;

/** Serves a document's bytes: 304 for a matching ETag, one Range (206/416), attachment, nosniff, streamed. */
final class ContentResponses {
    private ContentResponses() {
    }

    /** A GET answered with all the bytes, or with a range from the first byte: a download (not HEAD, 304, 416...). */
    static boolean isDownload(String method, Response answer) {
        if (!"GET".equals(method)) {
            return false;
        }
        if (answer.getStatus() == 200) {
            return true;
        }
        return answer.getStatus() == 206 && String.valueOf(answer.getHeaderString("Content-Range")).startsWith("bytes 0-");
    }

    static Response.ResponseBuilder serve(DocumentContent content, String ifNoneMatch, String range, BlobStore blobs) {
        String etag = "\"" + content.sha256() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag);
        }
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, content.size());
        } catch (ByteRange.Unsatisfiable e) {
            return Problem.of(ProblemType.RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", "bytes */" + content.size());
        }
        long start = part.map(ByteRange::start).orElse(0L);
        long length = part.map(ByteRange::length).orElse(content.size());
        StreamingOutput body = out -> {
            try (InputStream in = blobs.open(content.tenant(), content.blobId(), start, length)) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder answer = part.isPresent()
                ? Response.status(206).header("Content-Range",
                "bytes " + start + "-" + (start + length - 1) + "/" + content.size())
                : Response.ok();
        return answer.entity(body)
                .type(content.servedType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.ETAG, etag)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", ContentDisposition.attachment(content.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache");
    }
}
