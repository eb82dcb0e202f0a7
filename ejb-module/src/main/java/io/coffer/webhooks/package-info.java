/**
 * Webhooks (docs/features/webhooks.md): a tenant's subscriptions to event types, and signed deliveries of those
 * events (outbox work of kind {@code webhook}), retried with backoff, dead after the last try, replayable, never aimed
 * at the server's own networks (SSRF). Above the domain: called only by {@code automation} and its own web package;
 * {@link io.coffer.webhooks.Webhooks#deliver} and {@link io.coffer.webhooks.Webhooks#deliverTo} are the one way an
 * event becomes deliveries.
 */
package io.coffer.webhooks;
