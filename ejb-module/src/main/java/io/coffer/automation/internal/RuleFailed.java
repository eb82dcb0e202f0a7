package io.coffer.automation.internal;

import jakarta.ejb.ApplicationException;

/** A rule's action failed: its transaction (the firing claim with it) rolls back, the reason is logged. */
@ApplicationException(rollback = true)
public class RuleFailed extends RuntimeException {
    RuleFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
