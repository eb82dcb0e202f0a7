package io.coffer.activity.internal;

import io.coffer.filerequests.SenderData;
import io.coffer.shared.TenantId;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The emails senders gave file requests (FR-3), through their face: erased and aged out like visitors' (ACT-12). */
@ApplicationScoped
public class FileRequestPersonalData implements PersonalData {

    @EJB
    SenderData senders;

    @Override
    public void erase(TenantId tenant, String email) {
        senders.erase(email);
    }

    @Override
    public void dropOlderThan(TenantId tenant, Instant cutoff) {
        senders.dropOlderThan(cutoff);
    }
}
