package io.coffer.api.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Logger;

/**
 * FD-35: an answer that {@link CarriesSecret} is written whole, with its {@code Content-Length}. Liberty's compression
 * leaves a body alone when its declared length is under 2 KB, and only then: a streamed (chunked) answer would be
 * gzipped whatever its size — which is how the login answer was compressed before this (CompressionIT).
 */
@Provider
public class SecretAnswers implements WriterInterceptor {

    /** Liberty compresses no body whose declared length is below this. */
    static final int COMPRESSION_FLOOR = 2048;
    private static final Logger LOG = Logger.getLogger(SecretAnswers.class.getName());

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getEntity() instanceof CarriesSecret)) {
            context.proceed();
            return;
        }
        OutputStream out = context.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        context.setOutputStream(body);
        try {
            context.proceed();
        } finally {
            context.setOutputStream(out);
        }
        if (body.size() >= COMPRESSION_FLOOR) {
            LOG.severe("An answer carrying a secret is " + body.size() + " bytes, over the compression floor: it may"
                    + " be compressed (FD-35). Keep such answers small.");
        }
        context.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, body.size());
        body.writeTo(out);
    }
}
