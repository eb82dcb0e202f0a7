package io.coffer.sharelinks.internal;

import io.coffer.platform.SealedColumn;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The share links' sealed column for the master key rotation's re-seal job and the start-up check (OPS-22, OPS-23),
 * found through CDI and read and written by the platform.
 */
@Dependent
public class SealedColumns {

    /**
     * Each tenant's visitor-token key ({@code visitor_token_keys.sealed_key}): per tenant; a re-sealed key is the same
     * key, so {@link VisitorTokens}' cache stays right.
     */
    @Produces
    static final SealedColumn VISITOR_KEYS = new SealedColumn("visitor token keys", "visitor_token_keys", "id",
            "sealed_key", true, true);
}
