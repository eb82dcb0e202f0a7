package io.coffer.documents.internal;

import io.coffer.documents.DocumentEvent;
import io.coffer.documents.DocumentEvents;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Once an upload's or a new version's transaction committed (its version queued with it: {@link Versions#add}), the
 * indexer is told to extract it in its next round (search, flow 1). A rolled-back upload wakes nothing.
 */
@ApplicationScoped
public class TextQueueObserver {

    @EJB
    TextIndexer indexer;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentEvent event) {
        if (event instanceof DocumentEvents.Uploaded || event instanceof DocumentEvents.VersionAdded) {
            indexer.wake(event.tenant());
        }
    }
}
