package io.coffer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Moves the test server's clock (only a test configuration enables this; see the server's it.xml). */
public final class ItClock {
    private static final Path FILE = Path.of(System.getProperty("it.clock.offset.file", "target/it-clock-offset"));

    private ItClock() {
    }

    public static void advance(Duration ahead) {
        try {
            Files.writeString(FILE, Long.toString(ahead.toSeconds()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void reset() {
        advance(Duration.ZERO);
    }
}
