package io.coffer.documents.internal;

import io.coffer.platform.PeriodicJobs;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.EachTenant;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sweep of expired resumable uploads (DOC-66), every {@code coffer.uploads.sweep.interval} (an hour; tests
 * shorten it), tenant by tenant ({@link EachTenant}) on the periodic jobs' frame ({@link PeriodicJobs}). Timers fire on every instance: each tenant's expired rows are claimed {@code FOR UPDATE SKIP LOCKED}
 * and deleted in one transaction, so that two instances never sweep the same upload; the partial bytes go after the
 * commit. Files of this instance older than the lifetime with no row (a crash between the two) go too.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResumableSweep {

    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(ResumableSweep.class.getName());

    @Inject
    PeriodicJobs jobs;

    @Inject
    EachTenant eachTenant;

    @EJB
    TenantScope tenancy;

    @Inject
    PartialFiles partials;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coffer.uploads.sweep.interval", defaultValue = "PT1H")
    String interval;

    private PeriodicJobs.Job job;

    @PostConstruct
    void schedule() {
        Duration every = PeriodicJobs.interval(interval);
        job = jobs.start("Sweep of expired uploads", every.compareTo(Duration.ofMinutes(1)) < 0 ? every
                : Duration.ofMinutes(1), every, PeriodicJobs.Needs.DATABASE, j -> run());
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    /** One round over every tenant. */
    public void run() {
        eachTenant.run("Sweep of expired uploads", () -> job != null && job.stopping(), EachTenant.NO_LIMIT,
                tenant -> {
                    int swept = sweep(tenant);
                    if (swept > 0) {
                        LOG.info("Swept " + swept + " expired upload(s) of tenant " + tenant);
                    }
                });
    }

    private int sweep(TenantId tenant) {
        int swept = 0;
        List<UUID> batch;
        do {
            Instant now = clock.instant();
            batch = tenancy.call(tenant, () -> {
                List<UUID> due = partials.lockExpired(tenant, now, BATCH);
                due.forEach(partials::remove);
                return due;
            });
            batch.forEach(id -> partials.delete(tenant, id));
            swept += batch.size();
        } while (batch.size() == BATCH);
        strays(tenant);
        return swept;
    }

    /** Partial files of this instance older than an upload lives, whose row is gone. */
    private void strays(TenantId tenant) {
        Path dir = partials.file(tenant, new UUID(0, 0)).getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        Instant before = Instant.now().minus(io.coffer.documents.ResumableUploads.LIFETIME).minus(Duration.ofHours(1));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                UUID id;
                try {
                    id = UUID.fromString(file.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)
                        && tenancy.call(tenant, () -> partials.find(id)).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warning("Could not list the partial uploads of tenant " + tenant + ": " + e.getMessage());
        }
    }
}
