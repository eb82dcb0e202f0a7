package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** The tenant's generation now (0 before its first change). */
    public long current(TenantId tenant) {
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
