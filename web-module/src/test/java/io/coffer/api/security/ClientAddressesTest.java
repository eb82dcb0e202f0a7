package io.coffer.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ID-16: X-Forwarded-For is believed only from COFFER_TRUSTED_PROXIES. */
class ClientAddressesTest {

    static HttpServletRequest request(String peer, String forwardedFor) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeader" -> "X-Forwarded-For".equalsIgnoreCase((String) args[0]) ? forwardedFor : null;
                    case "getHeaders" -> java.util.Collections.enumeration(
                            "X-Forwarded-For".equalsIgnoreCase((String) args[0]) && forwardedFor != null
                                    ? List.of(forwardedFor) : List.<String>of());
                    default -> null;
                });
    }

    /** A request whose {@code X-Forwarded-For} came as several header lines (each proxy may add its own). */
    static HttpServletRequest lines(String peer, List<String> forwardedForLines) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeader" -> "X-Forwarded-For".equalsIgnoreCase((String) args[0])
                            && !forwardedForLines.isEmpty() ? forwardedForLines.get(0) : null;
                    case "getHeaders" -> java.util.Collections.enumeration(
                            "X-Forwarded-For".equalsIgnoreCase((String) args[0]) ? forwardedForLines
                                    : List.<String>of());
                    default -> null;
                });
    }

    @Test
    void id31_everyForwardedForLineIsReadAndTheRightMostUntrustedHopOfAllIsTheClient() {
        ClientAddresses proxies = new ClientAddresses(Optional.of("10.0.0.0/8"));
        // The client wrote its own first line; the trusted proxy appended the address it saw as a second line.
        assertEquals("198.51.100.7", proxies.of(lines("10.1.2.3", List.of("6.6.6.6", "198.51.100.7"))));
        assertEquals("198.51.100.7", proxies.of(lines("10.1.2.3",
                List.of("6.6.6.6, 7.7.7.7", "198.51.100.7, 10.9.9.9"))));
        assertEquals("198.51.100.7", proxies.of(lines("10.1.2.3", List.of("198.51.100.7", " ", "10.0.0.2"))));
        assertEquals("10.1.2.3", proxies.of(lines("10.1.2.3", List.of())));
    }

    @Test
    void id16_anUntrustedPeersForwardedForIsIgnored() {
        ClientAddresses none = new ClientAddresses(Optional.empty());
        assertEquals("203.0.113.9", none.of(request("203.0.113.9", "1.2.3.4")));
        ClientAddresses proxies = new ClientAddresses(Optional.of("10.0.0.0/8"));
        assertEquals("203.0.113.9", proxies.of(request("203.0.113.9", "1.2.3.4")));
    }

    @Test
    void id16_behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
        ClientAddresses proxies = new ClientAddresses(Optional.of("10.0.0.0/8, 192.168.1.1/32, ::1/128"));
        assertEquals("198.51.100.7", proxies.of(request("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.168.1.1")));
        assertEquals("198.51.100.7", proxies.of(request("::1", "198.51.100.7")));
        assertEquals("10.1.2.3", proxies.of(request("10.1.2.3", null)));
    }

    @Test
    void cidrsMatchByPrefix() {
        ClientAddresses.Cidr net = ClientAddresses.Cidr.parse("192.168.0.0/16");
        assertEquals(true, net.contains("192.168.200.1"));
        assertEquals(false, net.contains("192.169.0.1"));
        assertEquals(false, net.contains("not-an-address"));
        assertEquals(false, net.contains("2001:db8::1"));
        assertEquals(true, ClientAddresses.Cidr.parse("2001:db8::/32").contains("2001:db8:1::5"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.Cidr.parse("example.com/8"));
    }

    /** A request of {@code peer} with these {@code X-Forwarded-Proto} lines, over TLS or not. */
    static HttpServletRequest proto(String peer, boolean secure, List<String> protoLines) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> secure;
                    case "getHeaders" -> java.util.Collections.enumeration(
                            "X-Forwarded-Proto".equalsIgnoreCase((String) args[0]) ? protoLines : List.<String>of());
                    default -> null;
                });
    }

    @Test
    void ops4_httpsIsBelievedFromATrustedProxysLastForwardedProtoOnly() {
        ClientAddresses proxies = new ClientAddresses(Optional.of("127.0.0.1/32"));
        org.junit.jupiter.api.Assertions.assertTrue(proxies.isHttps(proto("127.0.0.1", false, List.of("https"))));
        org.junit.jupiter.api.Assertions.assertTrue(proxies.isHttps(proto("203.0.113.5", true, List.of())),
                "a TLS connection is https whoever it is");
        org.junit.jupiter.api.Assertions.assertFalse(proxies.isHttps(proto("203.0.113.5", false, List.of("https"))),
                "nobody else's header");
        org.junit.jupiter.api.Assertions.assertFalse(proxies.isHttps(proto("127.0.0.1", false, List.of("https", "http"))),
                "the proxy's own value is the last one");
        org.junit.jupiter.api.Assertions.assertFalse(proxies.isHttps(proto("127.0.0.1", false, List.of("https, http"))));
        org.junit.jupiter.api.Assertions.assertFalse(proxies.isHttps(proto("127.0.0.1", false, List.of())));
        org.junit.jupiter.api.Assertions.assertFalse(new ClientAddresses(Optional.empty())
                .isHttps(proto("127.0.0.1", false, List.of("https"))), "no proxy trusted: no header believed");
    }
}
