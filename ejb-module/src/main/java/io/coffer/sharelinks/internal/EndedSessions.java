package io.coffer.sharelinks.internal;

import io.coffer.documents.Audience;
import io.coffer.documents.DelegatedAccess;
import io.coffer.sharelinks.ShareLinkEvents;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * When a link's sessions end (the link is revoked, or a change raises its security version), documents is told to
 * drop the renditions it made for them: each visitor session is an {@link Audience} (SL-22). Runs in the transaction
 * that fires the event. Where and how renditions are kept is documents' own (DOC-34).
 */
@ApplicationScoped
public class EndedSessions {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    @EJB
    DelegatedAccess documents;

    void onRevoked(@Observes ShareLinkEvents.Revoked revoked) {
        forgetLink(revoked.link());
    }

    void onUpdated(@Observes ShareLinkEvents.Updated updated) {
        if (updated.sessionsEnded()) {
            forgetLink(updated.link());
        }
    }

    private void forgetLink(UUID link) {
        documents.forget(em.createQuery("select s.id from VisitorSessionEntity s where s.linkId = :link", UUID.class)
                .setParameter("link", link).getResultStream().map(Audience::new).toList());
    }
}
