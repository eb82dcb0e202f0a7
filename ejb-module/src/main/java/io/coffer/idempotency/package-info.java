/**
 * Requests: what the API promises about write requests as such, independent of their module — for now, idempotency
 * keys (contract, Conventions: "a replay with the same key and body returns the first response").
 *
 * <p>Contract: {@link io.coffer.idempotency.Idempotency#claim} is called before a keyed write runs and answers whether it
 * is new, a replay (with the stored first answer), a reuse of the key for another request, or still running;
 * {@link io.coffer.idempotency.Idempotency#complete} stores the answer, {@link io.coffer.idempotency.Idempotency#release}
 * forgets a key whose request failed on the server's side, so that the client can retry it. Keys are scoped to the
 * calling user within their tenant and kept 24 hours.
 */
package io.coffer.idempotency;
