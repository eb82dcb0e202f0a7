package io.coffer.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The bytes of an upload as the web layer receives them: a raw body, or the {@code file} part of a
 * {@code multipart/form-data} body. {@link #open()} is called once, only after the caller is authorized, so that
 * nothing of an unauthorized body is read.
 */
public interface UploadBody {

    /** The request's declared length in bytes (the whole body, framing included), or -1 when unknown (chunked). */
    long declaredLength();

    /** How many bytes of {@link #declaredLength()} may be framing rather than file (multipart headers), 0 for raw. */
    default long framingAllowance() {
        return 0;
    }

    /** Whether the body itself may name the file (multipart), so that a missing {@code name} is not refused at once. */
    default boolean carriesFileName() {
        return false;
    }

    /** Opens the file's bytes, positioned at the first byte of the file. */
    InputStream open() throws IOException;

    /** The file name the client sent inside the body (multipart), known once {@link #open()} returned. */
    default Optional<String> fileName() {
        return Optional.empty();
    }

    /** A raw body: the request entity is the file. */
    static UploadBody raw(InputStream in, long declaredLength) {
        return new UploadBody() {
            @Override
            public long declaredLength() {
                return declaredLength;
            }

            @Override
            public InputStream open() {
                return in;
            }
        };
    }
}
