package io.coffer.webhooks.internal;

import io.coffer.platform.SealedColumn;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The webhooks' sealed columns for the master key rotation's re-seal job and the start-up check (OPS-22, OPS-23),
 * found through CDI and read and written by the platform.
 */
@Dependent
public class SealedColumns {

    /** The signing secrets of {@code webhooks.secret_sealed}: per tenant. */
    @Produces
    static final SealedColumn SECRETS = new SealedColumn("webhook secrets", "webhooks", "id", "secret_sealed",
            true, true);

    /** The bodies of {@code webhook_deliveries.body_sealed}: per tenant. */
    @Produces
    static final SealedColumn DELIVERY_BODIES = new SealedColumn("webhook delivery bodies", "webhook_deliveries",
            "id", "body_sealed", true, true);
}
