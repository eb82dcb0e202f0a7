package io.coffer.platform.internal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} tells the operator how a master key rotation stands (OPS-22): {@code rotation} is
 * {@code none} without a previous key, else {@code re-sealing}; during one, {@code previousKeyValues} is how many
 * values the last full pass of the re-seal job found under a previous key (0: the previous key may go, once every
 * instance seals with the new one). Always UP: a rotation never takes an instance out of a balancer.
 */
@Readiness
@ApplicationScoped
public class MasterKeyHealth implements HealthCheck {

    @EJB
    MasterKeyRotation rotation;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder up = HealthCheckResponse.named("master-key").up();
        if (!rotation.rotating()) {
            return up.withData("rotation", "none").build();
        }
        up.withData("rotation", "re-sealing");
        long left = rotation.previousKeyValues();
        return (left < 0 ? up.withData("previousKeyValues", "first pass under way")
                : up.withData("previousKeyValues", left)).build();
    }
}
