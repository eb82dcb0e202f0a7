package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ejb.EJB;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A background job's round over every tenant, the one way periodic jobs walk tenants and the one place their
 * cluster-wide guard is taken (architecture: "a background job works tenant by tenant"; timers fire on every
 * instance). Each tenant stands alone: the work opens its own tenant transactions ({@link TenantScope#call}), a
 * tenant whose work fails is logged and tried again next round while the tenants after it go on, and a round ends
 * early when its job stops or when too many tenants fail in a row (the cause is then the database or the server, not
 * one tenant).
 *
 * <p>The guard: while one instance works on a tenant for a job, it holds a PostgreSQL advisory lock named by the job
 * and the tenant ({@code pg_try_advisory_xact_lock} in a local transaction of a connection of its own, held for the
 * tenant's work and ended after it — a broken connection ends it too, so a crash never leaves a tenant locked);
 * another instance that finds it taken skips that tenant this round (the holder is doing it). The jobs' own claims on
 * their rows ({@code FOR UPDATE SKIP LOCKED}) stay as a second line. A lock key shared by two tenants (a 32-bit hash)
 * only makes one of them wait for the next round on the instance that met it, while the holder reaches it itself.
 */
@ApplicationScoped
public class EachTenant {

    /** No limit on tenants failing in a row. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;
    static final String CLAIM = "select pg_try_advisory_xact_lock(?, ?)";
    private static final Logger LOG = Logger.getLogger(EachTenant.class.getName());

    @EJB
    TenantDirectory tenants;

    @Resource(lookup = "jdbc/coffer")
    DataSource database;

    /**
     * Runs {@code work} for every tenant in turn that no other instance is working on for {@code what} right now.
     * {@code what} names the job in the lock and the log ({@code "<what> of tenant <id> failed this round, will retry:
     * ..."}); after {@code failuresEndingRound} failures in a row the round ends. Answers how many tenants it worked
     * on.
     */
    public int run(String what, BooleanSupplier stopping, int failuresEndingRound, Consumer<TenantId> work) {
        int failedInARow = 0;
        int worked = 0;
        for (TenantId tenant : tenants.all()) {
            if (stopping.getAsBoolean()) {
                return worked;
            }
            try {
                if (claimed(what, tenant, work)) {
                    worked++;
                }
                failedInARow = 0;
            } catch (RuntimeException e) {
                LOG.warning(what + " of tenant " + tenant + " failed this round, will retry: " + e);
                if (++failedInARow == failuresEndingRound) {
                    LOG.warning(what + ": " + failuresEndingRound + " tenants failed in a row; the round ends here"
                            + " and the next one starts over");
                    return worked;
                }
            }
        }
        return worked;
    }

    /** Works on {@code tenant} under the job's lock for it; false (nothing done) when another instance holds it. */
    private boolean claimed(String what, TenantId tenant, Consumer<TenantId> work) {
        try (Connection c = database.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                    s.setInt(1, key(what));
                    s.setInt(2, key(tenant.value()));
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next() || !r.getBoolean(1)) {
                            return false;
                        }
                    }
                }
                work.accept(tenant);
                return true;
            } finally {
                c.rollback(); // ends the local transaction, and with it the lock
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim the tenant for " + what + ": " + e.getMessage(), e);
        }
    }

    static int key(String job) {
        int h = 0x436f6666; // "Coff": apart from other advisory locks' first keys
        for (byte b : job.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    static int key(UUID tenant) {
        return Long.hashCode(tenant.getMostSignificantBits() ^ tenant.getLeastSignificantBits());
    }
}
