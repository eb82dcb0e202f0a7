package io.coffer.outbox.internal;

import io.coffer.platform.SealedColumn;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The outbox's sealed column for the master key rotation's re-seal job and the start-up check (OPS-22, OPS-23),
 * found through CDI and read and written by the platform.
 */
@Dependent
public class SealedColumns {

    /**
     * The payloads of {@code outbox} (a done row has none): global table (a row names its tenant but has no row-level
     * security).
     */
    @Produces
    static final SealedColumn PAYLOADS = new SealedColumn("outbox payloads", "outbox", "id", "payload", true,
            false);
}
