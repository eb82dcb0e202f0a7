package io.coffer.activity.internal;

import io.coffer.platform.CofferSettings;
import io.coffer.platform.PeriodicJobs;
import io.coffer.tenancy.EachTenant;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The store's daily work (ACT-11, ACT-16), at start and every {@code coffer.activity.maintenance.interval} (a day;
 * tests shorten it): the partitions of this month and the next two exist ({@code activity_ensure_partitions(2)});
 * then retention — every monthly partition wholly older than {@code COFFER_ACTIVITY_RETENTION_DAYS} is dropped
 * ({@code activity_drop_partitions_before}), and, tenant by tenant in transactions of their own, the rows older than
 * the cutoff left in the straddling month and the default partition, and the personal data older than the cutoff
 * of every {@link PersonalData} holder (share links' visitors, analytics). Analytics' roll-up counts stay. Several
 * instances may run it at once: both partition functions are idempotent and run under one advisory lock. On the
 * periodic jobs' frame ({@link PeriodicJobs}: a tick every minute at most, a round when due), tenant by tenant
 * ({@link EachTenant}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ActivityMaintenance {

    /** Months ahead whose partitions exist: a month boundary never finds its partition missing. */
    static final int MONTHS_AHEAD = 2;
    /** How often the job looks whether it is due (and whether the database is ready yet). */
    static final long TICK_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(ActivityMaintenance.class.getName());

    @Inject
    PeriodicJobs jobs;

    @Inject
    EachTenant eachTenant;

    @EJB
    TenantScope tenancy;

    @Inject
    ActivityMaintenanceWork work;

    @Inject
    @Any
    Instance<PersonalData> holders;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "coffer.activity.maintenance.interval", defaultValue = "P1D")
    String interval;

    private PeriodicJobs.Job job;
    /** When the last round succeeded, by the monotonic clock (the wall clock may be moved: tests, NTP). */
    private volatile long lastRun;
    private volatile boolean ran;

    @PostConstruct
    void schedule() {
        Duration every = PeriodicJobs.interval(interval);
        Duration tick = every.compareTo(Duration.ofSeconds(TICK_SECONDS)) < 0 ? every : Duration.ofSeconds(TICK_SECONDS);
        job = jobs.start("Activity maintenance", Duration.ofSeconds(5), tick, PeriodicJobs.Needs.DATABASE,
                j -> tick(every));
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    /** A round when one is due: a failed round (an exception out of here) is tried again at the next tick. */
    private void tick(Duration every) {
        long started = System.nanoTime();
        if (ran && started - lastRun < every.toNanos()) {
            return;
        }
        run(clock.instant());
        lastRun = started;
        ran = true;
    }

    /** One round: partitions, then retention with the cutoff {@code now - COFFER_ACTIVITY_RETENTION_DAYS}. */
    void run(Instant now) {
        int made = work.ensurePartitions(MONTHS_AHEAD);
        Instant cutoff = now.minus(Duration.ofDays(settings.activityRetentionDays()));
        int dropped = work.dropPartitionsBefore(cutoff);
        eachTenant.run("Activity retention", () -> job != null && job.stopping(), EachTenant.NO_LIMIT,
                tenant -> tenancy.call(tenant, () -> {
                    for (PersonalData holder : holders) {
                        holder.dropOlderThan(tenant, cutoff);
                    }
                    return null;
                }));
        if (made > 0 || dropped > 0) {
            LOG.info("Activity partitions: " + made + " made, " + dropped + " dropped (older than " + cutoff + ")");
        }
    }
}
