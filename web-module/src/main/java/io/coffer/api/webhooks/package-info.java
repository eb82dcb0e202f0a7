/** HTTP face of webhooks: {@code /webhooks} and {@code /webhook-deliveries/{id}/replay} (docs/features/webhooks.md). */
package io.coffer.api.webhooks;
