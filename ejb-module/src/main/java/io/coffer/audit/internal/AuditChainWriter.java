package io.coffer.audit.internal;

import io.coffer.platform.PlatformState;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.EachTenant;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The chain's writer on this instance (AUD-14, docs/features/audit.md "The chain written off the request"): one loop
 * that links the tenants' committed pending entries into their chains, in batches of {@link AuditStore#CHAIN_BATCH}
 * per transaction. A commit that added an entry names its tenant ({@link #committed}) and wakes the loop at once; the
 * loop also looks every second, and every {@link #SWEEP_SECONDS} walks every tenant ({@link EachTenant}), which picks
 * up entries whose writer never named them (another instance that died between its commit and its chaining, a round
 * that failed). Several instances may chain at once: {@code audit_chain} takes the tenant's chain lock, so they take
 * turns and never fork the chain (AUD-5). Nothing is lost at a stop or a crash: pending entries are rows.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditChainWriter {

    static final long SWEEP_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(AuditChainWriter.class.getName());

    private final Set<TenantId> named = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditStore store;

    @EJB
    TenantScope tenancy;

    @Inject
    EachTenant eachTenant;

    @Inject
    PlatformState platform;

    private Future<?> loop;
    private volatile boolean stopping;
    private long lastSweep = System.nanoTime();

    /** One long-running loop, started in the application's context (never in that of the request that woke it). */
    @PostConstruct
    void start() {
        loop = scheduler.submit(ManagedExecutors.managedTask((Runnable) this::loop,
                Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "coffer-audit-chain"), null));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        signal.release();
        if (loop != null) {
            loop.cancel(true);
        }
    }

    /** A transaction that added an entry of {@code tenant} has committed: chain it now. Never blocks the caller. */
    public void committed(TenantId tenant) {
        named.add(tenant);
        signal.release();
    }

    private void loop() {
        while (!stopping) {
            try {
                signal.tryAcquire(1, TimeUnit.SECONDS);
                signal.drainPermits();
                if (stopping || !platform.isDatabaseReady()) {
                    continue;
                }
                for (TenantId tenant : named) {
                    named.remove(tenant);
                    try {
                        chainAll(tenant);
                    } catch (RuntimeException e) {
                        named.add(tenant); // tried again at the next round
                        throw e;
                    }
                }
                if (System.nanoTime() - lastSweep > TimeUnit.SECONDS.toNanos(SWEEP_SECONDS)) {
                    lastSweep = System.nanoTime();
                    eachTenant.run("Audit chain", () -> stopping, 10, this::chainAll);
                }
            } catch (RuntimeException e) {
                LOG.warning("Audit chain round failed, the next one retries: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Links every committed pending entry of {@code tenant}, one transaction per batch. */
    private void chainAll(TenantId tenant) {
        int chained;
        do {
            chained = tenancy.call(tenant, () -> store.chain(tenant));
        } while (chained == AuditStore.CHAIN_BATCH && !stopping);
    }
}
