package io.coffer.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The one {@link Clock} every module injects: the system clock in UTC. Expiry tests (30-minute reset tokens...) need
 * to move time on the running server; only a test configuration can: when the property
 * {@code coffer.test.clock-offset-file} is set (the integration-test server's config dropin does, an operator never
 * would), the clock runs ahead by the number of seconds that file holds. There is no endpoint that moves time.
 */
@ApplicationScoped
public class Clocks {

    @Inject
    Config config;

    @Produces
    Clock clock() {
        Optional<String> offsetFile = config.getOptionalValue("coffer.test.clock-offset-file", String.class);
        return offsetFile.<Clock>map(file -> new OffsetFromFile(Path.of(file))).orElse(Clock.systemUTC());
    }

    /** The system clock plus the seconds written in a file (read at every call; a missing file means zero). */
    static final class OffsetFromFile extends Clock {
        private final Path file;

        OffsetFromFile(Path file) {
            this.file = file;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            long seconds = 0;
            try {
                if (Files.exists(file)) {
                    seconds = Long.parseLong(Files.readString(file).trim());
                }
            } catch (IOException | NumberFormatException ignored) {
                // no offset
            }
            return Instant.now().plus(Duration.ofSeconds(seconds));
        }
    }
}
