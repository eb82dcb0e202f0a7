/**
 * The transactional outbox (docs/features/outbox.md): work that must happen after a transaction commits (mails,
 * webhook deliveries, automation actions) is recorded in that transaction by {@link io.coffer.outbox.Outbox#enqueue}
 * and done afterwards by the {@link io.coffer.outbox.OutboxHandler} of its kind, on any Coffer instance, once.
 * Foundation: depends on tenancy and platform only; the modules that do the work (mail, webhooks, automation)
 * implement handlers.
 */
package io.coffer.outbox;
