package io.coffer.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one {@link Clock} every module injects: the system clock in UTC. Tests that must move time (token expiry) do
 * so in-container with an alternative producer that only a test archive contains, never through an endpoint.
 */
@ApplicationScoped
public class Clocks {
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
