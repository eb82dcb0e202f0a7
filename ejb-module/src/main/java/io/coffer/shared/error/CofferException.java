package io.coffer.shared.error;

import jakarta.ejb.ApplicationException;

/**
 * Base of the errors a module reports on purpose. An application exception: it rolls the transaction back and
 * reaches the caller unwrapped. Its message is written for the client and never holds internals.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class CofferException extends RuntimeException {
    protected CofferException(String message) {
        super(message, null, false, false);
    }
}
