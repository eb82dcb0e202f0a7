package io.coffer.activity.internal;

import io.coffer.shared.TenantId;
import io.coffer.sharelinks.VisitorData;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The share links' visitor tables (sessions, email codes, NDA acceptances), through their face; the sessions an
 * erased email named lose their address and user agent in the activity rows too, also the rows that carry the
 * session but not the email (ACT-12).
 */
@ApplicationScoped
public class ShareLinkPersonalData implements PersonalData {

    @EJB
    VisitorData visitors;

    @Inject
    ActivityStore store;

    @Override
    public void erase(TenantId tenant, String email) {
        List<UUID> sessions = visitors.erase(email);
        if (!sessions.isEmpty()) {
            store.erase(tenant, email, sessions);
        }
    }

    @Override
    public void dropOlderThan(TenantId tenant, Instant cutoff) {
        visitors.dropOlderThan(cutoff);
    }
}
