package io.coffer.platform.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: DOWN while the database does not answer, UP again by itself once it does. */
@Readiness
@ApplicationScoped
public class Health implements HealthCheck {

    @Resource(lookup = "jdbc/coffer")
    DataSource queryRole;

    @Inject
    DatabaseStartup database;

    @Override
    public HealthCheckResponse call() {
        if (!database.ready()) {
            return HealthCheckResponse.down("database");
        }
        try (Connection c = queryRole.getConnection()) {
            return c.isValid(2) ? HealthCheckResponse.up("database") : HealthCheckResponse.down("database");
        } catch (SQLException e) {
            return HealthCheckResponse.down("database");
        }
    }

    /** {@code /health/live}: the process serves requests. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.up("coffer");
        }
    }
}
