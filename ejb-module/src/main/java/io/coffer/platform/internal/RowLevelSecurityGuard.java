package io.coffer.platform.internal;

import io.coffer.platform.StartupFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Refuses to start when the second wall could be bypassed: the role Coffer runs its queries as must not be a
 * superuser nor have BYPASSRLS, and every table must have row-level security enabled, forced (so that even the
 * tables' owner is held) and at least one policy — except the few global tables listed here, which hold no tenant
 * data by design. A table added without a policy, with or without a {@code tenant_id}, stops start-up.
 */
public final class RowLevelSecurityGuard {

    /**
     * Global by design: the tenant directory, the token → tenant index, signing keys, throttle counters, the outbox
     * (ids, kinds and sealed payloads only, worked across tenants by one claim query: OUT-3), the access generations
     * (a counter per tenant id, FD-34), Liquibase's.
     */
    static final List<String> GLOBAL_TABLES = List.of("tenants", "token_index", "signing_keys", "auth_throttle",
            "outbox", "access_generations", "databasechangelog", "databasechangeloglock");

    /**
     * Held by their policy, not forced: the owner's function {@code coffer_text_matches} reads search's text index with
     * the same tenant filter, because PostgreSQL uses no index for an operator that is not leakproof ({@code @@}) under
     * row-level security (docs/features/search.md, design decisions). The query role is held as everywhere.
     */
    static final List<String> OWNER_READS = List.of("document_text");

    private RowLevelSecurityGuard() {
    }

    public static void check(DataSource queryRole) {
        try (Connection c = queryRole.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery(
                    "select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
                if (!r.next()) {
                    throw new StartupFailure("the database role of COFFER_DB_USER cannot be read from pg_roles");
                }
                if (r.getBoolean(2) || r.getBoolean(3)) {
                    throw new StartupFailure("the database role '" + r.getString(1) + "' (COFFER_DB_USER) is a"
                            + " superuser or has BYPASSRLS, so row-level security would not hold: use a role"
                            + " created with NOSUPERUSER NOBYPASSRLS");
                }
            }
            List<String> unprotected = new ArrayList<>();
            try (ResultSet r = s.executeQuery("""
                    select c.relname
                      from pg_class c
                      join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = current_schema() and c.relkind in ('r', 'p')
                       and (not c.relrowsecurity or not c.relforcerowsecurity
                            or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
                     order by c.relname""")) {
                while (r.next()) {
                    if (!GLOBAL_TABLES.contains(r.getString(1)) && !OWNER_READS.contains(r.getString(1))) {
                        unprotected.add(r.getString(1));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("""
                    select c.relname
                      from pg_class c
                      join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = current_schema() and c.relkind in ('r', 'p')
                       and (not c.relrowsecurity or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
                     order by c.relname""")) {
                while (r.next()) {
                    if (OWNER_READS.contains(r.getString(1))) {
                        unprotected.add(r.getString(1)); // not forced, but enabled with its policy: always
                    }
                }
            }
            if (!unprotected.isEmpty()) {
                throw new StartupFailure("tables without forced row-level security: " + unprotected
                        + "; the schema was changed outside Coffer's migrations");
            }
        } catch (SQLException e) {
            throw new StartupFailure("cannot check the database as COFFER_DB_USER ("
                    + EmbeddedPostgresServer.rootMessage(e) + "): check COFFER_DB_URL, COFFER_DB_USER and"
                    + " COFFER_DB_PASSWORD");
        }
    }
}
