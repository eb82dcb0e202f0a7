package io.coffer.activity.internal;

import io.coffer.shared.TenantId;
import java.time.Instant;

/**
 * One holder of visitors' personal data (emails, client addresses, user agents) inside the activity module: the
 * store's own rows ({@code activity_events}), the share links' visitor tables, the analytics tables. Erasure
 * ({@code POST /privacy/erasure}) and retention call every implementation (CDI {@code Instance<PersonalData>}), so a
 * new table that holds an email gets its implementation here and is erased and aged like the others (ACT-12, ACT-14).
 * Counts stay: an implementation nulls or replaces the personal fields, it never deletes a counted row (ACT-13).
 * Both methods run in the caller's transaction, bound to {@code tenant} (row-level security holds them to it).
 */
public interface PersonalData {

    /** Removes {@code email} (compared case-insensitively) and the address and user agent that went with it. */
    void erase(TenantId tenant, String email);

    /** Removes the personal data older than {@code cutoff} (retention, {@code COFFER_ACTIVITY_RETENTION_DAYS}). */
    void dropOlderThan(TenantId tenant, Instant cutoff);
}
