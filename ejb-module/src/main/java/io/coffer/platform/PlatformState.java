package io.coffer.platform;

import jakarta.enterprise.context.ApplicationScoped;

/** What other modules' start-up beans may ask of the platform's start: is the database migrated and guarded? */
@ApplicationScoped
public class PlatformState {
    private volatile boolean databaseReady;

    /** Called once by the platform when the database is migrated and the row-level-security guard passed. */
    public void databaseReady() {
        databaseReady = true;
    }

    public boolean isDatabaseReady() {
        return databaseReady;
    }
}
