package io.coffer.identity.internal;

import io.coffer.identity.IdentityEvent;
import io.coffer.identity.IdentityEvents.UserCreated;
import io.coffer.identity.Role;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.CofferSettings.Bootstrap;
import io.coffer.platform.PlatformState;
import io.coffer.platform.StartupFailure;
import io.coffer.shared.error.ConflictException;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * At start, once the database is ready: makes sure a signing key exists, and creates the bootstrap tenant and its
 * verified OWNER from {@code COFFER_BOOTSTRAP_*} when they are missing (ID-22; idempotent across restarts).
 */
@Singleton
@Startup
@DependsOn({"DatabaseStartup", "MasterKeyRotation"}) // after the key check (OPS-23): it opens a signing key
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdentityStartup {

    private static final Logger LOG = Logger.getLogger(IdentityStartup.class.getName());

    @Inject
    CofferSettings settings;

    @Inject
    SigningKeys signingKeys;

    @EJB
    TenantDirectory tenants;

    @EJB
    TenantScope tenancy;

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    @Inject
    Event<IdentityEvent> events;

    @Inject
    PlatformState platform;

    @PostConstruct
    void start() {
        if (!platform.isDatabaseReady()) {
            return; // the platform is already stopping Coffer with its own one-line reason
        }
        try {
            signingKeys.signingKey(); // its own transaction (@Transactional): this bean runs without one
            settings.bootstrap().ifPresent(wanted -> {
                try {
                    Passwords.checkPolicy(wanted.password(), "COFFER_BOOTSTRAP_PASSWORD");
                } catch (io.coffer.shared.error.ValidationException weak) {
                    throw new StartupFailure("COFFER_BOOTSTRAP_PASSWORD " + weak.errors().get(0).message());
                }
                bootstrap(wanted);
            });
        } catch (StartupFailure failure) {
            platform.refuseStart(failure);
        }
    }

    private void bootstrap(Bootstrap wanted) {
        Tenant tenant = tenants.findBySlug(wanted.tenantSlug()).orElseGet(() -> {
            try {
                return tenants.create(wanted.tenantSlug(), wanted.tenantSlug());
            } catch (ConflictException raced) {
                return tenants.findBySlug(wanted.tenantSlug()).orElseThrow();
            }
        });
        tenancy.call(tenant.id(), () -> {
            if (users.findByEmail(wanted.email()).isEmpty()) {
                UserEntity owner = users.add(new UserEntity(UUID.randomUUID(), wanted.email().trim(), "Owner",
                        Role.OWNER, passwords.hash(wanted.password()), clock.instant()));
                events.fire(new UserCreated(tenant.id(), owner.userId(), null, clock.instant()));
                LOG.info(() -> "Bootstrap: created tenant '" + tenant.slug() + "' and its owner");
            }
            return null;
        });
    }
}
