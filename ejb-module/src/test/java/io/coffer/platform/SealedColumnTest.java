package io.coffer.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A sealed column's names go into the re-seal job's SQL (OPS-22, OPS-23): plain identifiers only. */
class SealedColumnTest {

    @Test
    void ops22_aColumnNamesPlainLowerCaseIdentifiers() {
        assertDoesNotThrow(() -> new SealedColumn("webhook secrets", "webhook_deliveries", "id", "body_sealed2", true,
                true));
        assertDoesNotThrow(() -> new SealedColumn("x", "_t", "_", "c", false, false));
    }

    @Test
    void ops22_anythingElseIsRefused_nothingReachesTheSql() {
        for (String bad : new String[] {null, "", "Webhooks", "2nd", "a-b", "a b", "public.webhooks", "\"webhooks\"",
                "id; drop table users", "id--", "ß"}) {
            assertThrows(IllegalArgumentException.class, () -> new SealedColumn("w", bad, "id", "c", true, true),
                    "table " + bad);
            assertThrows(IllegalArgumentException.class, () -> new SealedColumn("w", "t", bad, "c", true, true),
                    "key " + bad);
            assertThrows(IllegalArgumentException.class, () -> new SealedColumn("w", "t", "id", bad, true, true),
                    "column " + bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SealedColumn(" ", "t", "id", "c", true, true));
        assertThrows(IllegalArgumentException.class, () -> new SealedColumn(null, "t", "id", "c", true, true));
    }
}
