package io.coffer.api.documents;

import io.coffer.documents.UploadBody;
import io.coffer.shared.error.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * The {@code file} part of a {@code multipart/form-data} upload, read as a stream with Commons FileUpload's streaming
 * API: no part is buffered in memory or on disk; parts before {@code file} are skipped, parts after it are not read.
 * Opened only once the caller is authorized ({@link UploadBody#open()}).
 */
public final class MultipartUpload implements UploadBody {

    /** The multipart form as the API description shows it: the part {@code file}, other parts are skipped. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "UploadForm")
    public record Form(@org.eclipse.microprofile.openapi.annotations.media.Schema(required = true,
            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary",
            maxLength = Integer.MAX_VALUE) byte[] file) {
    }


    /** Room for the multipart framing (boundaries and part headers) in a declared {@code Content-Length}. */
    static final long FRAMING_ALLOWANCE = 64 * 1024;

    private final HttpServletRequest request;
    private String fileName;

    public MultipartUpload(HttpServletRequest request) {
        this.request = request;
    }

    /** Whether the request's body is {@code multipart/form-data} (anything else is a raw upload). */
    public static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    public long declaredLength() {
        return request.getContentLengthLong();
    }

    @Override
    public long framingAllowance() {
        return FRAMING_ALLOWANCE;
    }

    @Override
    public boolean carriesFileName() {
        return true;
    }

    @Override
    public InputStream open() throws IOException {
        FileItemInputIterator parts;
        try {
            parts = new JakartaServletFileUpload<>().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("file".equals(part.getFieldName())) {
                    fileName = part.getName();
                    return part.getInputStream();
                }
            }
        } catch (FileUploadException e) {
            throw ValidationException.of("file", "the multipart/form-data body is malformed");
        }
        throw ValidationException.of("file", "a multipart/form-data upload needs a part named 'file'");
    }

    @Override
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName).filter(n -> !n.isBlank());
    }
}
