package io.coffer.platform.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: DOWN while the database does not answer, UP again by itself once it does. The check times out
 * on its own (REL-2): the database is asked on a thread of the managed executor, and an answer not there within
 * {@link #LIMIT_MS} is DOWN, so a database that stops answering without closing its connections (hung, partitioned)
 * takes the instance out of a balancer within seconds. At most one probe is under way at a time: a hung probe is
 * waited for again by the next check, never joined by a second one, so checks cannot pile threads up.
 */
@Readiness
@ApplicationScoped
public class Health implements HealthCheck {

    /** How long a readiness check waits for the database. */
    static final long LIMIT_MS = 1000;

    @Resource(lookup = "jdbc/coffer")
    DataSource queryRole;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DatabaseStartup database;

    private final AtomicReference<CompletableFuture<Boolean>> probe = new AtomicReference<>();

    @Override
    public HealthCheckResponse call() {
        if (!database.ready()) {
            return HealthCheckResponse.down("database");
        }
        CompletableFuture<Boolean> current = probe.get();
        if (current == null || current.isDone()) {
            CompletableFuture<Boolean> fresh = new CompletableFuture<>();
            if (probe.compareAndSet(current, fresh)) {
                try {
                    executor.execute(() -> fresh.complete(answers()));
                } catch (RuntimeException rejected) {
                    fresh.complete(false);
                }
                current = fresh;
            } else {
                current = probe.get();
            }
        }
        try {
            return current.get(LIMIT_MS, TimeUnit.MILLISECONDS) ? HealthCheckResponse.up("database")
                    : HealthCheckResponse.down("database");
        } catch (TimeoutException e) {
            return HealthCheckResponse.named("database").down().withData("reason", "no answer within "
                    + LIMIT_MS + " ms").build();
        } catch (ExecutionException e) {
            return HealthCheckResponse.down("database");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.down("database");
        }
    }

    private boolean answers() {
        try (Connection c = queryRole.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
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
