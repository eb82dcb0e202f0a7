package io.coffer.documents.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** The rows of {@code download_tickets} (in the caller's tenant transaction). */
@ApplicationScoped
public class TicketRows {

    @PersistenceContext(unitName = "coffer")
    EntityManager em;

    public void add(TicketEntity ticket) {
        em.persist(ticket);
        em.flush();
    }

    public Optional<TicketEntity> byHash(String tokenHash) {
        return em.createQuery("select t from TicketEntity t where t.tokenHash = :hash", TicketEntity.class)
                .setParameter("hash", tokenHash).getResultStream().findFirst();
    }
}
