package io.coffer.identity.internal;

import io.coffer.identity.UserProfile;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a user row into the profile the API shows. */
@ApplicationScoped
public class Profiles {
    @EJB
    TenantDirectory tenants;

    public UserProfile of(UserEntity user, TenantId tenant) {
        String slug = tenants.find(tenant).map(Tenant::slug).orElseThrow();
        return new UserProfile(user.userId(), tenant, slug, user.email(), user.displayName(), user.role());
    }
}
