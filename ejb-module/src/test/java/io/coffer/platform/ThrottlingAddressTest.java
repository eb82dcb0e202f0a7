package io.coffer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** ID-31: per-address limits count an IPv6 client by its /64, an IPv4 client by its address. */
class ThrottlingAddressTest {

    @Test
    void id31_anIpv6ClientCountsByItsSlash64AndAnIpv4ClientByItsAddress() {
        assertEquals(Throttling.network("2001:db8:1:2::1"), Throttling.network("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", Throttling.network("2001:DB8:1:2:a:b:c:d"));
        assertEquals(Throttling.network("[2001:db8:1:2::9]"), Throttling.network("2001:db8:1:2::1"));
        assertNotEquals(Throttling.network("2001:db8:1:2::1"), Throttling.network("2001:db8:1:3::1"));
        assertEquals("192.0.2.7", Throttling.network("192.0.2.7"));
        assertNotEquals(Throttling.network("192.0.2.7"), Throttling.network("192.0.2.8"));
        assertEquals("192.0.2.7", Throttling.network("::ffff:192.0.2.7"));
        assertEquals("null", Throttling.network(null));
        assertEquals("unknown", Throttling.network("unknown"));
        assertEquals(Throttling.addressKey("login", "2001:db8:1:2::1"),
                Throttling.addressKey("login", "2001:db8:1:2::abcd"));
        assertNotEquals(Throttling.addressKey("login", "2001:db8:1:2::1"),
                Throttling.addressKey("verify", "2001:db8:1:2::1"));
    }
}
