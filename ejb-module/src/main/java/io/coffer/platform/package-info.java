/**
 * Platform: what every module stands on at run time — settings, the database (embedded by default), schema
 * migrations, the start-up checks that keep the tenancy walls honest, and health.
 *
 * <p>Contract: {@link io.coffer.platform.CofferSettings} is the only reader of operator configuration
 * ({@code COFFER_*}); {@link io.coffer.platform.StartupFailure} is the one way start-up stops, with one log line
 * that says what to fix. Start order: embedded database (when {@code COFFER_DB_URL} is unset) → Liquibase as the
 * owner role → row-level-security guard as the query role. Nothing here knows a domain module.
 */
package io.coffer.platform;
