package io.coffer.identity;

import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.OidcProviders;
import io.coffer.identity.internal.SignInPolicies;
import io.coffer.identity.internal.SsoConfigs;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tenant's OpenID Connect provider settings (docs/features/sso.md, SSO-1..SSO-3): the OWNER's only, the client
 * secret write-only and sealed.
 */
@Stateless
@PermitAll
public class TenantSso {

    static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    SsoConfigs configs;

    @Inject
    OidcProviders providers;

    @Inject
    SignInPolicies policies;

    @Inject
    Event<IdentityEvent> events;

    @Inject
    Clock clock;

    /** What the API shows: everything but the secret, of which only whether one is stored (SSO-2). */
    public record Settings(boolean enabled, String issuer, String clientId, boolean clientSecretSet,
                           List<String> emailDomains, boolean autoProvision, Role defaultRole) {
    }

    /** The defaults of a tenant that never set SSO up: disabled, nothing filled in. */
    static final Settings NONE = new Settings(false, "", "", false, List.of(), false, Role.MEMBER);

    public Settings get() {
        requireOwner();
        return configs.current().map(TenantSso::settings).orElse(NONE);
    }

    /**
     * SSO-3: replaces the settings after checking them, the issuer by fetching its discovery document. A null
     * {@code clientSecret} keeps the stored one; {@code enabled} needs a client id and a secret.
     */
    public Settings update(Boolean enabled, String issuer, String clientId, String clientSecret,
                           List<String> emailDomains, Boolean autoProvision, String defaultRole) {
        Caller.Actor actor = requireOwner();
        if (enabled == null) {
            throw ValidationException.of("enabled", "is required");
        }
        if (autoProvision == null) {
            throw ValidationException.of("autoProvision", "is required");
        }
        Role role;
        try {
            role = defaultRole == null ? Role.MEMBER : Role.valueOf(defaultRole);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("defaultRole", "must be MEMBER or ADMIN");
        }
        if (role == Role.OWNER) {
            throw ValidationException.of("defaultRole", "must be MEMBER or ADMIN: an OWNER is never made by sign-in");
        }
        String id = clientId == null ? "" : clientId.strip();
        if (id.isEmpty() || id.length() > 255) {
            throw ValidationException.of("clientId", "is required, at most 255 characters");
        }
        String secret = clientSecret == null || clientSecret.isEmpty() ? null : clientSecret;
        if (secret != null && secret.length() > 1024) {
            throw ValidationException.of("clientSecret", "must be at most 1024 characters");
        }
        boolean secretKnown = secret != null || configs.current().map(SsoConfigs.Config::secretSet).orElse(false);
        if (enabled && !secretKnown) {
            throw ValidationException.of("clientSecret", "is required to enable single sign-on");
        }
        List<String> domains = domains(emailDomains);
        String checkedIssuer = issuer == null ? "" : issuer.strip();
        try {
            if (enabled) {
                providers.discover(checkedIssuer); // SSO-3: a provider that answers as this issuer
            } else if (!checkedIssuer.isEmpty()) {
                providers.checkedIssuer(checkedIssuer); // disabling works while the provider is down
            }
        } catch (OidcProviders.ProviderFailure failure) {
            throw ValidationException.of("issuer", failure.getMessage());
        }
        if (!SignInPolicies.leavesAWayIn(policies.current().allowedLoginMethods(), enabled)) {
            throw new ConflictException("The sign-in policy allows single sign-on only: allow \"password\" in"
                    + " /tenant/security before disabling single sign-on.");
        }
        SsoConfigs.Config saved = configs.save(new SsoConfigs.Config(enabled, checkedIssuer, id, secretKnown, domains,
                autoProvision, role), secret, actor.user().userId().value());
        events.fire(new IdentityEvents.SsoSettingsChanged(caller.tenant(), actor.user().userId(),
                "enabled=" + saved.enabled() + " issuer=" + saved.issuer() + " clientId=" + saved.clientId()
                        + " emailDomains=" + String.join(",", saved.emailDomains()) + " autoProvision="
                        + saved.autoProvision() + " defaultRole=" + saved.defaultRole()
                        + (secret != null ? " clientSecret=replaced" : ""), clock.instant()));
        return settings(saved);
    }

    private static List<String> domains(List<String> given) {
        if (given == null || given.isEmpty() || given.size() > 50) {
            throw ValidationException.of("emailDomains", "must name 1 to 50 email domains");
        }
        List<String> out = new ArrayList<>();
        for (String d : given) {
            String domain = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                throw ValidationException.of("emailDomains", "each must be a domain such as example.com");
            }
            if (!out.contains(domain)) {
                out.add(domain);
            }
        }
        return out;
    }

    private static Settings settings(SsoConfigs.Config c) {
        return new Settings(c.enabled(), c.issuer(), c.clientId(), c.secretSet(), c.emailDomains(), c.autoProvision(),
                c.defaultRole());
    }

    private Caller.Actor requireOwner() {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        if (actor.apiKey() || actor.role() != Role.OWNER) {
            throw new ForbiddenException("The tenant's single sign-on settings are the OWNER's, in a signed-in"
                    + " session.");
        }
        return actor;
    }
}
