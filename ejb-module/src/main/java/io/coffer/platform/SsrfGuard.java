package io.coffer.platform;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses an outbound call may reach: a webhook (WH-10..13), a single sign-on provider (SSO-13). Refused
 * unless the operator allows private targets ({@code COFFER_WEBHOOK_ALLOW_PRIVATE}, {@code COFFER_SSO_ALLOW_PRIVATE}):
 * IPv4 this-network (0/8), loopback (127/8), private (10/8, 172.16/12,
 * 192.168/16), CGNAT (100.64/10), link-local (169.254/16, the cloud metadata address among them), IETF protocol
 * assignments (192.0.0/24), benchmarking (198.18/15), the documentation nets, multicast (224/4) and reserved (240/4,
 * broadcast); IPv6 unspecified, loopback, link-local (fe80::/10), site-local (fec0::/10), unique-local (fc00::/7),
 * multicast (ff00::/8), documentation (2001:db8::/32), Teredo (2001::/32), and every form that carries an IPv4
 * address inside (v4-mapped ::ffff:0:0/96, v4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16),
 * judged by the IPv4 address they carry.
 */
public final class SsrfGuard {

    /** Resolves a host name to its addresses (the system resolver in production; a test's own in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A target refused by the SSRF rules; its message names the rule, never more of the network than the URL. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /** A refusal carried through Apache HttpClient's resolver signature (see {@link #dnsResolver()}). */
    public static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    /**
     * The HTTP client of every call Coffer makes to an address a tenant chose (webhooks, an SSO provider): each
     * connection goes only to an address this guard allows, resolved by {@link #dnsResolver()}, so a DNS answer that
     * changes between the check and the connect is checked too; no redirect, retry, cookie or cached credential;
     * bounded connect and read times, at most 20 connections (4 per host).
     */
    public CloseableHttpClient httpClient(Timeout connectTimeout, Timeout readTimeout, String userAgent) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dnsResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connectTimeout).setSocketTimeout(readTimeout).build())
                        .setMaxConnTotal(20).setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(readTimeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(userAgent)
                .build();
    }

    /**
     * This guard as Apache HttpClient 5's resolver: the client connects only to the addresses the rules allowed, so
     * that a name resolving elsewhere since it was checked (DNS rebinding) is caught at connect time (WH-12, SSO-13).
     * A refusal is a {@link RefusedHost}.
     */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return SsrfGuard.this.resolve(host);
                } catch (Refused refused) {
                    throw new RefusedHost(refused.getMessage());
                }
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                List<InetSocketAddress> out = new ArrayList<>();
                for (InetAddress a : resolve(host)) {
                    out.add(new InetSocketAddress(a, port));
                }
                return out;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public SsrfGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL's shape: absolute http(s), a host, no user info, at most 2,048 characters (WH-2). */
    public static URI checkedUrl(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new Refused("must be an absolute http or https URL of at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw new Refused("must be an absolute http or https URL with a host and no user info or fragment");
        }
        return uri;
    }

    /**
     * The addresses {@code host} resolves to, every one of them allowed (WH-11: one forbidden address refuses the name,
     * so that the client cannot fall back to it). Used both when a webhook is created and at connect time, where the
     * addresses returned are the ones connected to (WH-12).
     */
    public InetAddress[] resolve(String host) throws Refused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused("the host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("the host does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (forbidden(a)) {
                    throw new Refused("the host resolves to a loopback, private, link-local or otherwise reserved"
                            + " address, which webhooks may not reach");
                }
            }
        }
        return addresses;
    }

    /** Whether {@code address} lies in a range webhooks may not reach (see the class comment). */
    public static boolean forbidden(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            return forbiddenV6(b);
        }
        return true;
    }

    private static final List<int[]> V4 = List.of(
            net(0, 0, 0, 0, 8), net(127, 0, 0, 0, 8), net(10, 0, 0, 0, 8), net(172, 16, 0, 0, 12),
            net(192, 168, 0, 0, 16), net(100, 64, 0, 0, 10), net(169, 254, 0, 0, 16), net(192, 0, 0, 0, 24),
            net(192, 0, 2, 0, 24), net(198, 18, 0, 0, 15), net(198, 51, 100, 0, 24), net(203, 0, 113, 0, 24),
            net(224, 0, 0, 0, 4), net(240, 0, 0, 0, 4));

    private static int[] net(int a, int b, int c, int d, int bits) {
        return new int[] {(a << 24) | (b << 16) | (c << 8) | d, bits};
    }

    static boolean forbiddenV4(byte[] b) {
        int ip = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        for (int[] n : V4) {
            int mask = n[1] == 0 ? 0 : -1 << (32 - n[1]);
            if ((ip & mask) == (n[0] & mask)) {
                return true;
            }
        }
        return false;
    }

    static boolean forbiddenV6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return forbiddenV4(Arrays.copyOfRange(b, 12, 16)); // ::ffff:a.b.c.d, v4-mapped
        }
        if (allZero(b, 0, 12)) {
            return true; // ::, ::1 and the deprecated v4-compatible ::a.b.c.d: never a public destination
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            if (allZero(b, 4, 12)) {
                return forbiddenV4(Arrays.copyOfRange(b, 12, 16)); // 64:ff9b::/96, NAT64
            }
            return (b[4] & 0xff) == 0 && (b[5] & 0xff) == 1; // 64:ff9b:1::/48, local-use NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return forbiddenV4(Arrays.copyOfRange(b, 2, 6)); // 2002::/16, 6to4
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x00 && (b[3] & 0xff) == 0x00) {
            return true; // 2001::/32, Teredo: an IPv4 address in disguise
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return true; // 2001:db8::/32, documentation
        }
        return first == 0xff // multicast
                || (first & 0xfe) == 0xfc // fc00::/7, unique-local
                || (first == 0xfe && (second & 0xc0) == 0x80) // fe80::/10, link-local
                || (first == 0xfe && (second & 0xc0) == 0xc0); // fec0::/10, site-local
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
