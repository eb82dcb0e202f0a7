package io.coffer.platform.internal;

import io.coffer.platform.PeriodicJobs;
import io.coffer.platform.PlatformState;
import io.coffer.platform.SealedColumn;
import io.coffer.platform.SecretBox;
import io.coffer.platform.StartupFailure;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.EachTenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The master key's start-up check and re-seal job (OPS-22, OPS-23), over every module's {@link SealedColumn} (found
 * through CDI: the platform names no module's table), read and written through {@link SealedValues}.
 *
 * <p>At start, once the database is ready: up to {@link #SAMPLES} values of each column (a per-tenant column's from
 * the first tenants that have some, at most {@link #SAMPLE_TENANTS} looked at) must include one the ring opens, or
 * Coffer does not start ({@link SecretBox#checkOpensAnyOf}).
 *
 * <p>While a previous key is configured, every {@code coffer.keys.reseal-interval} (a minute; tests shorten it) a
 * pass re-seals under the master key every value still under a previous key: the global columns outside any tenant,
 * then tenant by tenant ({@link EachTenant}: one instance per tenant at a time) each per-tenant column in the
 * tenant's own transactions, {@link #BATCH} values per transaction, each replaced only if unchanged since read. A
 * pass is full when it walked every tenant without a failure; the values a full pass found under a previous key are
 * the readiness check's {@code previousKeyValues} ({@link MasterKeyHealth}), and the first full pass that finds none
 * logs {@link #NOTHING_LEFT} once.
 */
@Singleton
@Startup
@DependsOn("DatabaseStartup")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MasterKeyRotation {

    static final int BATCH = 100;
    static final int SAMPLES = 3;
    static final int SAMPLE_TENANTS = 20;
    static final int FAILURES_ENDING_A_ROUND = 3;
    static final String WHAT = "master key rotation";
    /** The log line of OPS-22 (operations.md "Rotate the master key", step 3). */
    public static final String NOTHING_LEFT = "master key rotation: nothing sealed under a previous key";
    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class.getName());

    @Inject
    Instance<SealedColumn> columns;

    @Inject
    SealedValues values;

    @Inject
    SecretBox box;

    @Inject
    PlatformState platform;

    @Inject
    PeriodicJobs jobs;

    @Inject
    EachTenant eachTenant;

    @EJB
    TenantScope tenancy;

    @EJB
    TenantDirectory tenants;

    @Inject
    @ConfigProperty(name = "coffer.keys.reseal-interval", defaultValue = "PT1M")
    String interval;

    private PeriodicJobs.Job job;
    /** Values the last full pass found under a previous key; -1 before the first. */
    private final AtomicLong lastPassFound = new AtomicLong(-1);
    private volatile boolean toldNothingLeft;
    /** Every module's sealed columns, as found at start. */
    private List<SealedColumn> sealed = List.of();

    @PostConstruct
    void start() {
        if (!platform.isDatabaseReady()) {
            return; // the platform is already stopping Coffer with its own reason
        }
        sealed = columns.stream().toList();
        try {
            checkTheRingOpensWhatIsStored();
        } catch (StartupFailure failure) {
            platform.refuseStart(failure);
            return;
        }
        if (box.hasPreviousKeys()) {
            Duration every = PeriodicJobs.interval(interval);
            job = jobs.start("Master key rotation", every.compareTo(Duration.ofMinutes(1)) < 0 ? every
                    : Duration.ofMinutes(1), every, PeriodicJobs.Needs.DATABASE, j -> pass());
        }
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.stop();
        }
    }

    /** Whether a previous key is configured (a rotation is under way). */
    public boolean rotating() {
        return box.hasPreviousKeys();
    }

    /** What the last full pass found under a previous key, or -1 before the first full pass (or without rotation). */
    public long previousKeyValues() {
        return lastPassFound.get();
    }

    /** OPS-23: sample each column; a column whose samples exist and none opens stops the start. */
    void checkTheRingOpensWhatIsStored() {
        List<SealedColumn> perTenant = new ArrayList<>();
        for (SealedColumn column : sealed) {
            if (column.perTenant()) {
                perTenant.add(column);
            } else {
                box.checkOpensAnyOf(column.what(), values.batch(column, null, SAMPLES).stream()
                        .map(SealedValues.Sealed::sealed).toList());
            }
        }
        if (perTenant.isEmpty()) {
            return;
        }
        List<List<byte[]>> samples = new ArrayList<>();
        perTenant.forEach(c -> samples.add(new ArrayList<>()));
        int looked = 0;
        for (TenantId tenant : tenants.all()) {
            if (looked++ == SAMPLE_TENANTS || samples.stream().allMatch(s -> s.size() >= SAMPLES)) {
                break;
            }
            tenancy.call(tenant, () -> {
                for (int i = 0; i < perTenant.size(); i++) {
                    List<byte[]> have = samples.get(i);
                    if (have.size() < SAMPLES) {
                        values.batch(perTenant.get(i), null, SAMPLES - have.size())
                                .forEach(v -> have.add(v.sealed()));
                    }
                }
                return null;
            });
        }
        for (int i = 0; i < perTenant.size(); i++) {
            box.checkOpensAnyOf(perTenant.get(i).what(), samples.get(i));
        }
    }

    /** One pass over every column (OPS-22); public for the job's frame only. */
    public void pass() {
        if (!box.hasPreviousKeys()) {
            return;
        }
        AtomicLong found = new AtomicLong();
        boolean full = true;
        List<SealedColumn> perTenant = new ArrayList<>();
        for (SealedColumn column : sealed) {
            if (column.perTenant()) {
                perTenant.add(column);
                continue;
            }
            try {
                found.addAndGet(reseal(column, Supplier::get));
            } catch (RuntimeException e) {
                full = false;
                LOG.warning(WHAT + " of " + column.what() + " failed this round, will retry: " + e);
            }
        }
        Set<TenantId> expected = new HashSet<>(tenants.all());
        Set<TenantId> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
        eachTenant.run(WHAT, () -> job != null && job.stopping(), FAILURES_ENDING_A_ROUND, tenant -> {
            long inTenant = 0;
            for (SealedColumn column : perTenant) {
                inTenant += reseal(column, work -> tenancy.call(tenant, work));
            }
            found.addAndGet(inTenant);
            done.add(tenant);
        });
        if (!full || !done.containsAll(expected)) {
            return; // a tenant failed or another instance had it: not a full pass on this instance
        }
        lastPassFound.set(found.get());
        if (found.get() > 0) {
            LOG.info(WHAT + ": " + found.get() + " value(s) were sealed under a previous key in this pass; re-sealed"
                    + " under COFFER_KEY_ENCRYPTION_KEY");
        } else if (!toldNothingLeft) {
            toldNothingLeft = true;
            LOG.info(NOTHING_LEFT);
        }
    }

    /** How the work on one batch runs: in the tenant's transaction, or as is (a global column's own). */
    interface Scope {
        List<SealedValues.Sealed> run(Supplier<List<SealedValues.Sealed>> work);
    }

    /** Re-seals a column batch by batch; answers how many values it found under a previous key. */
    long reseal(SealedColumn column, Scope scope) {
        long found = 0;
        String after = null;
        while (job == null || !job.stopping()) {
            String from = after;
            long[] counts = new long[3]; // found, lost (changed since read), opened by no key
            List<SealedValues.Sealed> batch = scope.run(() -> {
                List<SealedValues.Sealed> read = values.batch(column, from, BATCH);
                for (SealedValues.Sealed value : read) {
                    if (box.sealedUnderCurrentKey(value.sealed())) {
                        continue;
                    }
                    byte[] resealed;
                    try {
                        resealed = box.resealed(value.sealed()).orElse(null);
                    } catch (StartupFailure opensUnderNoKey) {
                        counts[2]++;
                        continue;
                    }
                    counts[0]++;
                    if (resealed != null && !values.replace(column, value.id(), value.sealed(), resealed)) {
                        counts[1]++; // written meanwhile: the next pass looks at it again
                    }
                }
                return read;
            });
            found += counts[0];
            if (counts[2] > 0) {
                LOG.warning(WHAT + ": " + counts[2] + " of the " + column.what() + " open under no configured key"
                        + " (left as they are)");
            }
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
        }
        return found;
    }
}
