package io.coffer.platform;

import jakarta.enterprise.context.ApplicationScoped;

/** What other modules' start-up beans may ask of the platform's start: is the database migrated and guarded? */
@ApplicationScoped
public class PlatformState {
    private volatile boolean databaseReady;
    private volatile boolean refused;

    /** Called once by the platform when the database is migrated and the row-level-security guard passed. */
    public void databaseReady() {
        databaseReady = true;
    }

    /**
     * Called when a start-up check after the database's (the master key's, OPS-23) stops Coffer: the start-up beans
     * after it and the periodic jobs then leave the database alone, as when it never became ready.
     */
    public void startRefused() {
        refused = true;
    }

    /** Whether the database is migrated and guarded, and no start-up check refused the start. */
    public boolean isDatabaseReady() {
        return databaseReady && !refused;
    }
}
