package io.coffer.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A resolver of fixed answers (no DNS): names mapped in the test, literals parsed. */
    static SsrfGuard.Resolver names(Map<String, String> answers) {
        return host -> {
            String answer = answers.get(host);
            if (answer != null) {
                return new InetAddress[] {InetAddress.getByAddress(host, ip(answer).getAddress())};
            }
            if (host.matches("[0-9a-fA-F:.]+")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        };
    }

    @Test
    void wh10_wh11_theIssuesTargetsAreRefusedLiteralOrByName() {
        SsrfGuard guard = new SsrfGuard(false, names(Map.of("localhost", "127.0.0.1", "internal.test", "::1",
                "hooks.example.com", "93.184.216.34")));
        for (String host : new String[] {"127.0.0.1", "[::1]", "10.0.0.1", "169.254.169.254", "[::ffff:127.0.0.1]",
                "localhost", "internal.test"}) {
            SsrfGuard.Refused refused = assertThrows(SsrfGuard.Refused.class, () -> guard.resolve(host), host);
            assertTrue(refused.getMessage().contains("loopback, private"), refused.getMessage());
        }
        assertEquals("93.184.216.34", assertDoesNotRefuse(guard, "hooks.example.com"));
    }

    static String assertDoesNotRefuse(SsrfGuard guard, String host) {
        try {
            return guard.resolve(host)[0].getHostAddress();
        } catch (SsrfGuard.Refused e) {
            throw new AssertionError(host + " refused: " + e.getMessage());
        }
    }

    @Test
    void wh10_everyReservedRangeIsForbiddenAndPublicAddressesAreNot() {
        for (String forbidden : new String[] {"0.0.0.0", "0.1.2.3", "127.255.0.1", "10.255.255.255", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.0.1", "192.0.0.8",
                "198.18.0.1", "224.0.0.1", "239.1.1.1", "240.0.0.1", "255.255.255.255",
                "::", "::1", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
                "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a00:1",
                "64:ff9b:1::1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2001:0::1", "2001:db8::1"}) {
            assertTrue(SsrfGuard.forbidden(ip(forbidden)), forbidden + " is forbidden");
        }
        for (String allowed : new String[] {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255",
                "100.128.0.1", "192.169.0.1", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1",
                "::ffff:8.8.8.8"}) {
            assertFalse(SsrfGuard.forbidden(ip(allowed)), allowed + " is allowed");
        }
    }

    @Test
    void wh11_oneForbiddenAddressAmongSeveralRefusesTheName() {
        SsrfGuard guard = new SsrfGuard(false, host -> new InetAddress[] {ip("93.184.216.34"), ip("10.1.2.3")});
        assertThrows(SsrfGuard.Refused.class, () -> guard.resolve("mixed.example.com"));
    }

    @Test
    void wh10_theOperatorMayAllowPrivateTargets() throws Exception {
        SsrfGuard guard = new SsrfGuard(true, names(Map.of("localhost", "127.0.0.1")));
        assertArrayEquals(ip("127.0.0.1").getAddress(), guard.resolve("localhost")[0].getAddress());
        assertArrayEquals(ip("::1").getAddress(), guard.resolve("[::1]")[0].getAddress());
    }

    @Test
    void wh2_onlyAbsoluteHttpUrlsWithAHostAndNoUserInfo() throws Exception {
        for (String bad : new String[] {"ftp://example.com/h", "file:///etc/passwd", "/relative", "http://", "",
                "https://user:pw@example.com/h", "gopher://example.com", "https://example.com/h#frag"}) {
            assertThrows(SsrfGuard.Refused.class, () -> SsrfGuard.checkedUrl(bad), bad);
        }
        assertEquals("example.com", SsrfGuard.checkedUrl("https://example.com:8443/h?x=1").getHost());
    }
}
