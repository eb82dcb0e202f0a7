package io.coffer.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one frame of Coffer's periodic jobs (the trash purge, the sweep of expired resumable uploads, the activity
 * store's maintenance, the rendition sweep): a round every period on the managed scheduler, none before the database
 * is ready (for a job that needs it) nor once the job stops, and a failed round logged in one line and tried again
 * next period. Timers fire on every instance (non-persistent): a round that must not be done twice claims its work
 * in the database itself, tenant by tenant ({@code FOR UPDATE SKIP LOCKED} on the rows it removes, or an advisory
 * lock around idempotent DDL), so several instances share a round's work instead of repeating it; see each job.
 */
@ApplicationScoped
public class PeriodicJobs {

    private static final Logger LOG = Logger.getLogger(PeriodicJobs.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PlatformState platform;

    /** What a job needs before its first round. */
    public enum Needs {
        /** The database migrated and guarded ({@link PlatformState#isDatabaseReady()}). */
        DATABASE,
        /** Nothing (files only). */
        NOTHING
    }

    /** A scheduled job: ask {@link #stopping()} between units of work; {@link #stop()} from the owner's PreDestroy. */
    public static final class Job {
        private final String what;
        private volatile boolean stopping;
        private volatile ScheduledFuture<?> task;

        private Job(String what) {
            this.what = what;
        }

        /** Whether the job was stopped: a round in progress ends at its next unit of work. */
        public boolean stopping() {
            return stopping;
        }

        /** Stops the job: no further round starts. */
        public void stop() {
            stopping = true;
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /**
     * Runs {@code round} after {@code firstDelay}, then {@code period} after the end of each round (fixed delay: rounds
     * never overlap on one instance). A {@code RuntimeException} from a round is logged as
     * {@code "<what> failed this round, will retry: ..."}.
     */
    public Job start(String what, Duration firstDelay, Duration period, Needs needs, Consumer<Job> round) {
        Job job = new Job(what);
        Runnable tick = () -> {
            if (job.stopping || needs == Needs.DATABASE && !platform.isDatabaseReady()) {
                return;
            }
            try {
                round.accept(job);
            } catch (RuntimeException e) {
                LOG.warning(what + " failed this round, will retry: " + e);
            }
        };
        try {
            job.task = scheduler.scheduleWithFixedDelay(tick, Math.max(0, firstDelay.toSeconds()),
                    Math.max(1, period.toSeconds()), TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            job.stopping = true; // the server is stopping
        }
        return job;
    }

    /** An ISO-8601 duration of configuration (e.g. {@code PT1H}), at least a second. */
    public static Duration interval(String iso) {
        Duration d = Duration.parse(iso);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
