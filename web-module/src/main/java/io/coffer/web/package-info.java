/**
 * Servlet-level concerns of the web module: security headers on every response of the application, refusal of
 * TRACE, and problem+json for errors that never reach JAX-RS (unknown static paths).
 */
package io.coffer.web;
