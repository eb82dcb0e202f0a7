package io.coffer.api.idempotency;

import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import io.coffer.idempotency.Idempotency;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code Idempotency-Key} on authenticated write requests (contract, Conventions): the first request with a key runs
 * and its answer is kept 24 hours; a replay with the same key and the same request (method, path, query and body)
 * gets that first answer again, byte for byte, with {@code Idempotency-Replayed: true}; the same key with another
 * request, or while the first still runs, is a 409 conflict. A 5xx answer is not kept, so the client can retry.
 *
 * <p>The body is part of the fingerprint when it is small and not an upload (JSON and the like, up to
 * {@link #HASHED_BODY_LIMIT}); an upload's bytes are streamed, not buffered, so an upload is matched on its declared
 * length and {@code Digest} header instead. A text or JSON body without a length that turns out larger than the limit
 * is fingerprinted by its first {@link #HASHED_BODY_LIMIT} bytes plus its declared length and {@code Digest}, and is
 * handed on whole: the filter never shortens a body (FD-20). Runs after authentication: anonymous requests are not
 * keyed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 50)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final int HASHED_BODY_LIMIT = 1024 * 1024;
    static final int KEPT_ANSWER_LIMIT = 1024 * 1024;
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @EJB
    Idempotency idempotency;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !WRITES.contains(request.getMethod())
                || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken)) {
            return;
        }
        if (!validKey(key)) {
            request.abortWith(Problem.of(ProblemType.VALIDATION, "Idempotency-Key must be 1 to 255 visible ASCII"
                    + " characters.", null).build());
            return;
        }
        Idempotency.Claim claim = idempotency.claim(key, fingerprint(request));
        switch (claim.kind()) {
            case NEW -> request.setProperty(CLAIM, claim.id());
            case REPLAY -> {
                Response.ResponseBuilder replay = Response.status(claim.status()).header("Idempotency-Replayed", "true");
                if (claim.body() != null && claim.body().length > 0) {
                    replay.entity(claim.body()).type(claim.contentType());
                }
                request.abortWith(replay.build());
            }
            case KEY_REUSED -> request.abortWith(Problem.of(ProblemType.CONFLICT, "This Idempotency-Key was used for"
                    + " another request; use a new key for a new request.", null).build());
            case IN_PROGRESS -> request.abortWith(Problem.of(ProblemType.CONFLICT, "A request with this"
                    + " Idempotency-Key is being processed; retry later.", null).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object claim = request.getProperty(CLAIM);
        if (!(claim instanceof UUID id)) {
            return;
        }
        if (response.getStatus() >= 500) {
            idempotency.release(id);
        } else if (!response.hasEntity()) {
            idempotency.complete(id, response.getStatus(), null, null);
        } else { // the answer is kept once it is written (aroundWriteTo); properties are shared with it
            request.setProperty(WRITING, id);
            request.setProperty(STATUS, response.getStatus());
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(WRITING) instanceof UUID id)) {
            context.proceed();
            return;
        }
        OutputStream original = context.getOutputStream();
        Tee tee = new Tee(original);
        context.setOutputStream(tee);
        boolean written = false;
        try {
            context.proceed();
            written = true;
        } finally {
            context.setOutputStream(original);
            if (written && !tee.overflowed) {
                MediaType type = context.getMediaType();
                idempotency.complete(id, statusOf(context), type == null ? null : type.toString(),
                        tee.copy.toByteArray());
            } else {
                idempotency.release(id);
            }
        }
    }

    private static int statusOf(WriterInterceptorContext context) {
        Object status = context.getProperty(STATUS);
        return status instanceof Integer s ? s : 200;
    }

    private static final String STATUS = IdempotencyFilter.class.getName() + ".status";
    private static final String WRITING = IdempotencyFilter.class.getName() + ".writing";

    /** An {@code Idempotency-Key} is 1 to 255 visible ASCII characters (AB-6); anything else is a 400. */
    static boolean validKey(String key) {
        return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static String fingerprint(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        boolean upload = type != null && (type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                || !(type.getSubtype().contains("json") || type.getType().equals("text")));
        Fingerprint f = fingerprint(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                request.getUriInfo().getRequestUri().getRawQuery(), type == null ? "" : type.toString(), upload,
                request.getLength(), request.getHeaderString("Digest"),
                request.hasEntity() ? request.getEntityStream() : null);
        if (f.body() != null) {
            request.setEntityStream(f.body());
        }
        return f.hash();
    }

    /** The request's fingerprint, and the body to hand on when it was read for it (null: the body was not read). */
    record Fingerprint(String hash, InputStream body) {
    }

    /**
     * The fingerprint of a request: method, raw path, raw query, media type and the body (its first
     * {@link #HASHED_BODY_LIMIT} bytes, with declared length and digest when larger) or, for an upload or a body
     * declared larger, the declared length and digest. {@code entity} is null when the request has no body.
     */
    static Fingerprint fingerprint(String method, String rawPath, String rawQuery, String mediaType, boolean upload,
                                   long length, String digest, InputStream entity) throws IOException {
        MessageDigest sha = sha256();
        update(sha, method);
        update(sha, rawPath);
        update(sha, rawQuery); // no query and "?null" differ (AB-6)
        update(sha, mediaType);
        InputStream body = null;
        if (entity != null && !upload && length <= HASHED_BODY_LIMIT) {
            byte[] head = entity.readNBytes(HASHED_BODY_LIMIT + 1);
            // the body's length first: without it a body "length:-1;digest:null\0" hashed like no body (AB-6)
            update(sha, "body");
            sha.update(java.nio.ByteBuffer.allocate(4).putInt(head.length).array());
            sha.update(head);
            if (head.length > HASHED_BODY_LIMIT) {
                // larger than it declared (chunked, no Content-Length): fingerprinted by its first part, declared
                // length and Digest like an upload, and passed on whole, never cut (FD-20)
                update(sha, "large;length:" + length);
                update(sha, digest);
                body = new SequenceInputStream(new ByteArrayInputStream(head), entity);
            } else {
                body = new ByteArrayInputStream(head);
            }
        } else {
            update(sha, "length:" + length);
            update(sha, digest);
        }
        return new Fingerprint(HexFormat.of().formatHex(sha.digest()), body);
    }

    /** One field: its length, then its bytes, so that no two lists of fields hash alike; null is not "null". */
    private static void update(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 'N');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 'S');
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes bytes through and keeps a copy, up to {@link #KEPT_ANSWER_LIMIT}. */
    private static final class Tee extends OutputStream {
        final OutputStream out;
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        boolean overflowed;

        Tee(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            keep(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            keep(b, off, len);
        }

        private void keep(byte[] b, int off, int len) {
            if (!overflowed && copy.size() + len <= KEPT_ANSWER_LIMIT) {
                copy.write(b, off, len);
            } else {
                overflowed = true;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
