package io.coffer.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address for throttling and audit: the peer's, unless the peer is a trusted proxy
 * ({@code COFFER_TRUSTED_PROXIES}, comma-separated CIDRs), in which case the right-most {@code X-Forwarded-For} entry
 * that is not itself a trusted proxy. Nobody else's {@code X-Forwarded-For} is believed.
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
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
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
