/**
 * Servlet-level concerns of the web module: security headers on every response of the application, refusal of
 * TRACE, the single-page app (deep links answered with its index.html, cache headers of its files, see WebAppPaths),
 * and problem+json for errors that never reach JAX-RS (unknown static paths).
 */
package io.coffer.web;
