package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.sql.DataSource;

/**
 * The tenant's access generation (docs/features/foundation.md, FD-34): a number that every committed change of what
 * decides access raises — the modules attach {@code access_generation_bump()} to their own tables as deferred
 * constraint triggers (Liquibase), so no code path can change access without raising it. An answer remembered in
 * memory together with the generation read <em>before</em> the data it rests on stays true for as long as the
 * generation is the same; the counter lives in the shared database, so every instance sees a change at its next read.
 * <p>
 * One indexed read of a global table (no row-level security), over plain JDBC: in the caller's transaction when there
 * is one (the container shares its connection), else in a statement of its own — not an EJB call with a transaction
 * and a tenant binding of its own, which cost more than the read on the beacon path that asks it once per request
 * (docs/benchmarks.md).
 */
@ApplicationScoped
public class AccessGenerations {

    static final String READ = "select generation from access_generations where tenant_id = ?";

    @Resource(lookup = "jdbc/coffer")
    DataSource database;

    @Resource
    TransactionSynchronizationRegistry tsr;

    /** The key of the generation a transaction read, per tenant. */
    private record Read(TenantId tenant) {
    }

    /** The tenant's generation now (0 before its first change); remembered for the rest of the transaction. */
    public long current(TenantId tenant) {
        long generation = read(tenant);
        if (inTransaction()) {
            tsr.putResource(new Read(tenant), generation);
        }
        return generation;
    }

    /**
     * The generation this transaction read first ({@link #current} when it read none yet): what a request's work
     * rests on is judged as of one moment, and a second memory of the same request ({@link GenerationMemo}) costs no
     * second read. Outside a transaction, {@link #current}.
     */
    public long ofThisTransaction(TenantId tenant) {
        if (inTransaction()) {
            Object seen = tsr.getResource(new Read(tenant));
            if (seen != null) {
                return (Long) seen;
            }
        }
        return current(tenant);
    }

    /** Marks {@code key} in this transaction (nothing outside one). */
    void mark(Object key) {
        if (inTransaction()) {
            tsr.putResource(key, Boolean.TRUE);
        }
    }

    /** Whether {@code key} was marked in this transaction. */
    boolean marked(Object key) {
        return inTransaction() && tsr.getResource(key) != null;
    }

    private boolean inTransaction() {
        if (tsr.getTransactionKey() == null) {
            return false;
        }
        int status = tsr.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    private long read(TenantId tenant) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(READ)) {
            s.setObject(1, tenant.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the access generation", e);
        }
    }
}
