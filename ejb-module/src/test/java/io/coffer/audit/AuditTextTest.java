package io.coffer.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuditTextTest {

    @Test
    void aud3_controlCharactersAndBackslashesAreEscapedSoNoValueForgesALine() {
        assertEquals("a\\u000d\\u000ab\\u001b[31mc\\u005c\\u007f\\u0085\\u2028",
                AuditText.encode("a\r\nb\u001b[31mc\\\u007f\u0085\u2028"));
        assertEquals("192.0.2.1", AuditText.encode("192.0.2.1"));
        assertNull(AuditText.encode(null));
    }

    @Test
    void aud3_csvFieldsAreQuotedEscapedAndNeverFormulas() {
        assertEquals("\"a\"\"b\\u000a\"", AuditText.csvField("a\"b\n"));
        assertEquals("\"'=cmd()\"", AuditText.csvField("=cmd()"));
        assertEquals("\"\"", AuditText.csvField(null));
    }
}
