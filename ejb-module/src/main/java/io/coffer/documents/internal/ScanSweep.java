package io.coffer.documents.internal;

import io.coffer.platform.CofferSettings;
import io.coffer.platform.PeriodicJobs;
import io.coffer.platform.PlatformState;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the scanner again about every version still SCANNING, tenant by tenant, every {@code coffer.scan.retry-interval}
 * (a minute; the tests shorten it), when a scanner is configured (FR-9): a scanner that was down or timed out, or a
 * server that stopped between storing and scanning, leaves versions SCANNING, and this settles them once clamd answers.
 * Start-up is refused when {@code COFFER_CLAMAV} or {@code COFFER_SCAN} is malformed.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScanSweep {

    static final int BATCH = 100;

    @Inject
    PeriodicJobs jobs;

    @Inject
    EachTenant eachTenant;

    @EJB
    TenantScope tenancy;

    @Inject
    Versions versions;

    @Inject
    Scanning scanning;

    @Inject
    CofferSettings settings;

    @Inject
    PlatformState platform;

    @Inject
    @ConfigProperty(name = "coffer.scan.retry-interval", defaultValue = "PT1M")
    String interval;

    private PeriodicJobs.Job job;

    @PostConstruct
    void schedule() {
        try {
            settings.scanner();
            settings.scanningOff();
        } catch (io.coffer.platform.StartupFailure failure) {
            platform.refuseStart(failure);
            return;
        }
        if (!scanning.required()) {
            return;
        }
        Duration every = PeriodicJobs.interval(interval);
        job = jobs.start("Virus scan retry", every, every, PeriodicJobs.Needs.DATABASE, j -> run());
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    public void run() {
        eachTenant.run("Virus scan retry", () -> job != null && job.stopping(), 3, this::retry);
    }

    private void retry(TenantId tenant) {
        List<UUID> waiting = tenancy.call(tenant, () -> versions.scanning(BATCH).stream()
                .map(DocumentVersionEntity::id).toList());
        for (UUID version : waiting) {
            if (scanning.settle(tenant, version) == io.coffer.documents.ScanStatus.SCANNING) {
                return; // the scanner still does not answer: the next round tries again
            }
        }
    }
}
