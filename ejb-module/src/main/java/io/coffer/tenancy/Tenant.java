package io.coffer.tenancy;

import io.coffer.shared.TenantId;

/** A tenant as the global directory knows it. Slugs are public names (like an organisation's name on GitHub). */
public record Tenant(TenantId id, String slug, String name) {
}
