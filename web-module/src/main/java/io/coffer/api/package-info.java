/**
 * The HTTP face of Coffer: JAX-RS resources under {@code /api/v1}, one sub-package per domain module, each with
 * its DTO records (the only types OpenAPI documents; entities never reach a response).
 *
 * <p>Contract: resources are thin — check who calls ({@link io.coffer.api.security.Authenticated}), translate JSON to
 * a module call and the result back, nothing more. Every error leaves as RFC 9457 problem+json through
 * {@link io.coffer.api.error}; no stack trace, class name or SQL reaches a client.
 */
package io.coffer.api;
