package io.coffer.sharelinks.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The rows of visitor sessions, NDA acceptances and a link's view count (in the caller's tenant transaction). */
@ApplicationScoped
public class SessionRows {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    /** Counts one view of the link, unless its view limit is reached: false then (SL-9; one conditional update). */
    public boolean countView(UUID linkId) {
        return em.createQuery("update ShareLinkEntity l set l.viewCount = l.viewCount + 1 where l.id = :id"
                        + " and (l.maxViews is null or l.viewCount < l.maxViews)")
                .setParameter("id", linkId).executeUpdate() == 1;
    }

    /** A new visitor session, stored now; answers its id. */
    public UUID open(UUID linkId, String email, boolean emailVerified, String client, int securityVersion,
                     Instant now, Instant expires) {
        VisitorSessionEntity session = new VisitorSessionEntity(linkId, email, emailVerified, client, securityVersion,
                now, expires);
        em.persist(session);
        em.flush(); // the session row first: an NDA acceptance refers to it
        return session.id;
    }

    public void acceptNda(UUID linkId, UUID session, int ndaVersion, String ndaSha256, String email, String client,
                          Instant now) {
        em.persist(new NdaAcceptanceEntity(linkId, session, ndaVersion, ndaSha256, email, client, now));
        em.flush();
    }

    /** A stored session as the claims of its visitor token (for a ticket, whose bearer has no visitor token). */
    public Optional<VisitorClaims> claims(UUID sessionId) {
        return Optional.ofNullable(em.find(VisitorSessionEntity.class, sessionId))
                .map(s -> new VisitorClaims(s.id, s.linkId, s.securityVersion, s.email, s.createdAt, s.expiresAt));
    }
}
