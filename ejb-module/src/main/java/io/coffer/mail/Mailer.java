package io.coffer.mail;

import io.coffer.mail.internal.MailTransport;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sends mail after the caller's transaction commits (or at once, outside a transaction), never on the caller's thread. */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @Resource
    TransactionSynchronizationRegistry tsr;

    @Resource
    ManagedExecutorService executor;

    @Inject
    MailTransport transport;

    public void sendAfterCommit(Mail mail) {
        if (tsr.getTransactionKey() == null) {
            submit(mail);
            return;
        }
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    submit(mail);
                }
            }
        });
    }

    private void submit(Mail mail) {
        executor.submit(() -> {
            try {
                transport.deliver(mail);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not send " + mail + ": " + e.getMessage());
            }
        });
    }
}
