package io.coffer.mail;

import io.coffer.mail.internal.MailHandler;
import io.coffer.outbox.Outbox;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends mail after the caller's transaction commits (or at once, outside a transaction), never on the caller's thread:
 * the mail is outbox work (kind {@code mail}, OUT-12) written in the caller's transaction, so a crash between the
 * commit and the send delays the mail instead of losing it.
 */
@ApplicationScoped
public class Mailer {

    @Inject
    Outbox outbox;

    @EJB
    TenantScope tenants;

    public void sendAfterCommit(Mail mail) {
        outbox.enqueue(tenants.current().orElse(null), MailHandler.KIND, MailHandler.payload(mail));
    }
}
