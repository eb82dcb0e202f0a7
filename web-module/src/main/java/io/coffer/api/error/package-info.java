/**
 * Every error leaves Coffer as RFC 9457 {@code application/problem+json} of the contract's types
 * ({@link io.coffer.api.error.ProblemType}). Mappers turn module exceptions, JAX-RS errors (unknown path, wrong method,
 * malformed or unknown JSON), EJB access denials and anything unexpected into one; the servlet error page does the
 * same for what never reaches JAX-RS. A problem never carries a stack trace, class name, SQL or echoed id.
 */
package io.coffer.api.error;
