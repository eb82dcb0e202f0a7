package io.coffer.platform;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What other modules' start-up beans may ask of the platform's start: is the database migrated and guarded? And the
 * one way a start-up bean refuses the start ({@link #refuseStart}).
 */
@ApplicationScoped
public class PlatformState {
    private volatile boolean databaseReady;
    private volatile boolean refused;
    private volatile Runnable stopDatabase;

    /**
     * Called once by the platform when the database is migrated and the row-level-security guard passed, with what
     * stops the database it started (nothing for an external one).
     */
    public void databaseReady(Runnable stopDatabase) {
        this.stopDatabase = stopDatabase;
        databaseReady = true;
    }

    /**
     * A start-up check after the database's (the master key's, OPS-23; storage; identity's bootstrap; settings) stops
     * Coffer: the start-up beans after it and the periodic jobs leave the database alone, as when it never became
     * ready, the embedded database stops now, and Coffer exits with the failure's line ({@link StartupFailure#stopCoffer}).
     * Left to the shutdown that {@code System.exit} begins, the embedded database outlived the JVM on a loaded machine
     * (MasterKeyRotationIT saw its port still open after 30 s).
     */
    public void refuseStart(StartupFailure failure) {
        refused = true;
        Runnable stop = stopDatabase;
        if (stop != null) {
            stop.run();
        }
        failure.stopCoffer();
    }

    /** Whether the database is migrated and guarded, and no start-up check refused the start. */
    public boolean isDatabaseReady() {
        return databaseReady && !refused;
    }
}
