package io.coffer.platform;

/**
 * Start-up cannot go on; the message says what the operator must fix. Thrown without a stack trace or cause, so
 * that the log shows one clear line instead of a page of frames.
 */
public class StartupFailure extends RuntimeException {
    public StartupFailure(String whatToFix) {
        super(whatToFix, null, false, false);
    }
}
