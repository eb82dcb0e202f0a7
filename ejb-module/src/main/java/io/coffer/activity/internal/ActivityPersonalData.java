package io.coffer.activity.internal;

import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** The store's own personal data: the emails, addresses and user agents of {@code activity_events} (ACT-12). */
@ApplicationScoped
public class ActivityPersonalData implements PersonalData {

    @Inject
    ActivityStore store;

    @Override
    public void erase(TenantId tenant, String email) {
        store.erase(tenant, email, List.of());
    }

    /** Rows older than the cutoff go whole (their partitions are dropped first by {@link ActivityMaintenance}). */
    @Override
    public void dropOlderThan(TenantId tenant, Instant cutoff) {
        store.deleteOlderThan(tenant, cutoff);
    }
}
