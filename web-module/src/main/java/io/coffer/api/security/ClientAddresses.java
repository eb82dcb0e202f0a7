package io.coffer.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address for throttling and audit: the peer's, unless the peer is a trusted proxy
 * ({@code COFFER_TRUSTED_PROXIES}, comma-separated CIDRs), in which case the right-most {@code X-Forwarded-For} entry
 * that is not itself a trusted proxy. Nobody else's {@code X-Forwarded-For} is believed. Every {@code X-Forwarded-For}
 * header line counts, in order, as one list (RFC 9110 5.3): a client may send its own line first and a trusted proxy
 * appends a line of its own, so reading only the first line would believe the client (ID-31).
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trusted = new ArrayList<>();

    @Inject
    public ClientAddresses(@ConfigProperty(name = "COFFER_TRUSTED_PROXIES") Optional<String> proxies) {
        proxies.ifPresent(list -> {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    trusted.add(Cidr.parse(entry.trim()));
                }
            }
        });
    }

    protected ClientAddresses() {
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
        while (lines != null && lines.hasMoreElements()) {
            String line = lines.nextElement();
            for (String hop : line == null ? new String[0] : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        if (hops.isEmpty()) {
            return peer;
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.get(0);
    }

    /**
     * Whether the client reached Coffer over https: this connection is TLS, or the peer is a trusted proxy that says
     * so in its last {@code X-Forwarded-Proto} (nginx's {@code $scheme}, HAProxy's {@code set-header}). Nobody else's
     * header is believed (OPS-4): a client that sends {@code X-Forwarded-Proto: https} over plain http to a proxy
     * that passes it on unchanged is not trusted unless that proxy is, and the proxy's own value is the last one.
     */
    public boolean isHttps(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        if (!isTrusted(request.getRemoteAddr())) {
            return false;
        }
        String last = null;
        Enumeration<String> lines = request.getHeaders("X-Forwarded-Proto");
        while (lines != null && lines.hasMoreElements()) {
            String line = lines.nextElement();
            for (String value : line == null ? new String[0] : line.split(",")) {
                if (!value.isBlank()) {
                    last = value.trim();
                }
            }
        }
        return "https".equalsIgnoreCase(last);
    }

    boolean isTrusted(String address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    /** An address range; IPv4 and IPv6. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.split("/");
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("COFFER_TRUSTED_PROXIES: not an address: " + parts[0]);
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Cidr(address, bits);
        }

        boolean contains(String text) {
            byte[] address = literal(text);
            if (address == null || address.length != network.length) {
                return false;
            }
            int shift = address.length * 8 - bits;
            return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }

        /** Parses an IP literal only (never a DNS lookup). */
        private static byte[] literal(String text) {
            if (text == null || text.isEmpty() || !text.matches("[0-9a-fA-F:.\\[\\]%]+")) {
                return null;
            }
            try {
                return InetAddress.getByName(text.replace("[", "").replace("]", "")).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
