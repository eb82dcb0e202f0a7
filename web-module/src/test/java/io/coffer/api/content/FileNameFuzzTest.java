package io.coffer.api.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coffer.datarooms.Names;
import io.coffer.shared.error.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AB-3: file and item names (an upload's {@code name}, a multipart part's file name, renames) through
 * {@link Names#clean} and back out as {@code Content-Disposition}. A name is refused with a 400 (ValidationException)
 * or cleaned into one that is clean already (idempotent), NFC, trimmed, 1 to 255 characters, without separators,
 * control or bidirectional-override characters, and valid Unicode (it survives UTF-8, as PostgreSQL stores it). Its
 * {@code Content-Disposition} is one line of visible ASCII whose quoted fallback holds no quote or backslash and
 * whose {@code filename*} decodes to the name exactly.
 */
class FileNameFuzzTest {

    private static final Pattern HEADER = Pattern.compile(
            "attachment; filename=\"([^\"\\\\]*)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%*'()-]*)");

    static void check(String raw) {
        String name;
        try {
            name = Names.clean(raw, "name");
        } catch (ValidationException e) {
            return; // the documented refusal: 400 validation on "name"
        }
        assertEquals(name, Names.clean(name, "name"), "clean is idempotent");
        assertTrue(name.length() >= 1 && name.length() <= 255, "1 to 255 characters");
        assertEquals(name.strip(), name, "trimmed");
        assertTrue(Normalizer.isNormalized(name, Normalizer.Form.NFC), "NFC");
        assertFalse(name.contains("/") || name.contains("\\") || name.equals(".") || name.equals(".."), "no separator");
        assertTrue(name.chars().noneMatch(Character::isISOControl), "no control character");
        assertTrue(name.chars().noneMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C), "no bidirectional override");
        assertEquals(name, new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                "valid Unicode: stored as UTF-8 it reads back the same");

        String header = ContentDisposition.attachment(name);
        assertTrue(header.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "one line of visible ASCII: " + header);
        Matcher m = HEADER.matcher(header);
        assertTrue(m.matches(), "RFC 6266 shape: " + header);
        assertEquals(name, URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), "filename* decodes to the name");
    }

    @FuzzTest(maxDuration = "4s")
    void ab3_aNameIsRefusedOrCleanAndItsContentDispositionRoundTrips(byte[] utf16) {
        // UTF-16 code units as they come out of a JSON string (where "\\ud800" is a lone surrogate) or a form field
        char[] chars = new char[utf16.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (((utf16[2 * i] & 0xff) << 8) | (utf16[2 * i + 1] & 0xff));
        }
        check(new String(chars));
    }
}
