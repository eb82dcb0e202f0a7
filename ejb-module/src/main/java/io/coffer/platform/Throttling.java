package io.coffer.platform;

import io.coffer.platform.internal.ThrottleRows;
import io.coffer.shared.Secrets;
import io.coffer.shared.error.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Counts failed attempts per key in PostgreSQL (table {@code auth_throttle}), so that limits hold across several
 * Coffer instances (ID-16, SL-11). Keys are SHA-256 hashes of {@code kind:tenant:email} or {@code kind:address}. The check
 * runs before any password hash is computed. Per-address limits are asked with {@link #retryAfter} and decided after
 * the secret was checked: they refuse failures, never a correct secret (ID-30, SL-26).
 */
@ApplicationScoped
public class Throttling {

    public static final Duration WINDOW = Duration.ofMinutes(15);

    @Inject
    ThrottleRows rows;

    @Inject
    Clock clock;

    public static String key(String... parts) {
        return Secrets.hash(String.join(":", parts));
    }

    /**
     * What a per-address limit counts for {@code address}: an IPv6 client by its /64 (one subscriber's network, whose
     * 2^64 addresses it may rotate at will), anything else as it is (ID-31).
     */
    public static String addressKey(String kind, String address) {
        return key(kind, "address", network(address));
    }

    static String network(String address) {
        if (address == null || address.indexOf(':') < 0 || !address.matches("[0-9a-fA-F:.\\[\\]]+")) {
            return String.valueOf(address); // IPv4, or no IP literal: as it is (never a DNS lookup)
        }
        try {
            InetAddress parsed = InetAddress.getByName(address.replace("[", "").replace("]", ""));
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped IPv6 address is its IPv4 address
            }
            byte[] bytes = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** {@link RateLimitedException} when {@code key} failed {@code limit} times in the window. */
    public void check(String key, int limit) {
        Optional<RateLimitedException> refusal = refusal(key, limit);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * The refusal that {@link #check} would throw now, without throwing it: for limits that may refuse only a failure,
     * decided once the secret has been checked.
     */
    public Optional<RateLimitedException> refusal(String key, int limit) {
        Instant now = clock.instant();
        ThrottleRows.Failures failures = rows.since(key, now.minus(WINDOW));
        if (failures.count() >= limit) {
            Instant oldest = failures.oldest().orElse(now);
            return Optional.of(new RateLimitedException(Duration.between(now, oldest.plus(WINDOW)).toSeconds() + 1));
        }
        return Optional.empty();
    }

    public void fail(String key) {
        rows.add(key, clock.instant());
    }
}
