package io.coffer.filerequests;

import io.coffer.filerequests.internal.FileRequestRows;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The personal data file requests hold (the email each sender gave, FR-3), for the activity module's erasure and
 * retention only (docs/features/activity.md, ACT-12, ACT-14): in the transaction's tenant, no caller check here (the
 * activity module checks the role before it erases). The files stay; only the email goes.
 */
@Stateless
@PermitAll
public class SenderData {

    @Inject
    FileRequestRows rows;

    /** Erases {@code email} (any case) from the tenant's received files. */
    public int erase(String email) {
        return rows.eraseEmail(email);
    }

    /** Empties the senders' emails of files received before {@code cutoff} (retention). */
    public int dropOlderThan(Instant cutoff) {
        return rows.dropEmailsBefore(cutoff);
    }
}
