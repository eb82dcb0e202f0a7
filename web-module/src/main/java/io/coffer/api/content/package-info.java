/**
 * How bytes are answered over HTTP, for members and visitors alike: one {@code Range} parser, one
 * {@code Content-Disposition}, ETag and {@code If-None-Match}, and the one rule of what counts as a download
 * ({@link io.coffer.api.content.ContentResponses}).
 */
package io.coffer.api.content;
