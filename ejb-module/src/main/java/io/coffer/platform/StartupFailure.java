package io.coffer.platform;

/**
 * Start-up cannot go on; the message says what the operator must fix. Thrown without a stack trace or cause, so
 * that the log shows one clear line instead of a page of frames; an application exception, so that it crosses EJB
 * calls unwrapped.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class StartupFailure extends RuntimeException {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.coffer.startup");

    public StartupFailure(String whatToFix) {
        super(whatToFix, null, false, false);
    }

    /**
     * Stops Coffer with one line, {@code Coffer cannot start: <what to fix>}, and exit status 1. Throwing from a
     * start-up bean instead would make Liberty print a cascade of container errors and keep a half-started server.
     * Exiting from a thread of its own lets the start-up thread return, so Liberty's shutdown (and the embedded
     * database's) runs cleanly; a supervisor (systemd, a container runtime) sees the non-zero exit.
     */
    public void stopCoffer() {
        LOG.severe("Coffer cannot start: " + getMessage());
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(1);
        }, "coffer-startup-failure");
        exit.start();
    }
}
