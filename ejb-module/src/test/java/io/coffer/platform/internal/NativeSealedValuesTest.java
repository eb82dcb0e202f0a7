package io.coffer.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coffer.platform.SealedColumn;
import org.junit.jupiter.api.Test;

/** The two statements of the re-seal job (OPS-22) and the start-up check (OPS-23), for both kinds of column. */
class NativeSealedValuesTest {

    @Test
    void ops22_aGlobalColumnWithATextKey() {
        SealedColumn c = new SealedColumn("token signing keys", "signing_keys", "kid", "private_key_enc", false, false);
        assertEquals("select kid::text, private_key_enc from signing_keys where private_key_enc is not null and kid > ?1"
                + " order by kid limit ?2", NativeSealedValues.batchSql(c));
        assertEquals("update signing_keys set private_key_enc = ?1 where kid = ?2 and private_key_enc = ?3",
                NativeSealedValues.replaceSql(c));
        assertEquals("", NativeSealedValues.first(false));
    }

    @Test
    void ops22_aPerTenantColumnWithAUuidKey_readsAndWritesTheTransactionsTenantOnly() {
        SealedColumn c = new SealedColumn("webhook secrets", "webhooks", "id", "secret_sealed", true, true);
        String tenant = " and tenant_id = cast(current_setting('coffer.tenant') as uuid)";
        assertEquals("select id::text, secret_sealed from webhooks where secret_sealed is not null and id > cast(?1 as"
                + " uuid)" + tenant + " order by id limit ?2", NativeSealedValues.batchSql(c));
        assertEquals("update webhooks set secret_sealed = ?1 where id = cast(?2 as uuid) and secret_sealed = ?3"
                + tenant, NativeSealedValues.replaceSql(c));
        assertEquals("00000000-0000-0000-0000-000000000000", NativeSealedValues.first(true));
    }
}
