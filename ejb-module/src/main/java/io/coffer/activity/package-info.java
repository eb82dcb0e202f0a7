/**
 * Activity: the store of every event of the contract's list ({@code activity_events}, partitioned by month), read by
 * {@code GET /activity}, aged by retention and cleaned of a visitor's personal data by erasure
 * (docs/features/activity.md). Observes {@link io.coffer.shared.CofferEvent} and reads each through
 * {@link io.coffer.events.EventFacts}; nothing calls it but its own resources ({@code io.coffer.api.activity}).
 */
package io.coffer.activity;
