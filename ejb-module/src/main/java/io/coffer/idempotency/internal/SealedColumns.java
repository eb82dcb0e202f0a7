package io.coffer.idempotency.internal;

import io.coffer.platform.SealedColumn;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * Idempotency's sealed column for the master key rotation's re-seal job and the start-up check (OPS-22, OPS-23),
 * found through CDI and read and written by the platform.
 */
@Dependent
public class SealedColumns {

    /** The kept answers of {@code idempotency_keys.body} (an answer without a body has none): per tenant. */
    @Produces
    static final SealedColumn ANSWERS = new SealedColumn("kept idempotent answers", "idempotency_keys", "id",
            "body", true, true);
}
