package io.coffer.identity;

import io.coffer.identity.IdentityEvents.LoginSucceeded;
import io.coffer.identity.IdentityEvents.SsoLogin;
import io.coffer.identity.IdentityEvents.UserCreated;
import io.coffer.identity.internal.AccessTokens;
import io.coffer.identity.internal.OidcProviders;
import io.coffer.identity.internal.SignInPolicies;
import io.coffer.identity.internal.SignIns;
import io.coffer.identity.internal.SsoConfigs;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.SsoFailedException;
import io.coffer.shared.error.UnavailableException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.Tenant;
import io.coffer.tenancy.TenantDirectory;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Single sign-on with the tenant's OpenID Connect provider (docs/features/sso.md, SSO-4..SSO-14): the start, which
 * sends the browser to the provider, and the callback, which ends as a login. The provider is called outside any
 * transaction; each database step is a transaction of the tenant.
 */
// Not an EJB, for the reason Authentication is not one (FD-22): every refusal would mark Liberty's local transaction.
@ApplicationScoped
public class SingleSignOn {

    /** How long a started sign-in may take at the provider (SSO-4). */
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final String EXPIRED = "The sign-in expired or was already finished: start it again.";

    @EJB
    TenantDirectory tenants;

    @EJB
    TenantScope tenancy;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    SsoConfigs configs;

    @Inject
    SignInPolicies policies;

    @Inject
    OidcProviders providers;

    @Inject
    Users users;

    @Inject
    SignIns signIns;

    @Inject
    CofferSettings settings;

    @EJB
    ThrottlingGate throttle;

    @Inject
    Clock clock;

    @Inject
    Event<IdentityEvent> events;

    /** Where to send the browser, and the binding secret it keeps in its cookie until the callback (SSO-5). */
    public record Start(URI location, String browserSecret) {
        @Override
        public String toString() {
            return "Start[" + location.getHost() + "]";
        }
    }

    /** SSO-15: sign-ins one address may start in the throttle's window. */
    static final int STARTS_PER_ADDRESS = 300;

    /** The redirect URI registered at the provider: the callback under {@code COFFER_PUBLIC_URL}. */
    public URI redirectUri() {
        return URI.create(settings.publicUrl() + "/api/v1/auth/sso/callback");
    }

    /**
     * Starts a sign-in to tenant {@code tenantSlug} (SSO-4..6): 404 for an unknown tenant, one without enabled SSO, or
     * one whose policy leaves {@code oidc} out (SSO-11), all alike; 503 when the provider's discovery fails. At most
     * {@link #STARTS_PER_ADDRESS} per address in the throttle's window, then 429 (SSO-15: each start stores a row).
     */
    public Start start(String tenantSlug, String clientAddress) {
        throttle.attempt(Throttling.addressKey("sso-start", clientAddress), STARTS_PER_ADDRESS);
        TenantId tenant = tenants.findBySlug(tenantSlug == null ? "" : tenantSlug).map(Tenant::id)
                .orElseThrow(() -> new NotFoundException("no such tenant"));
        SsoConfigs.Config config = tenancy.call(tenant, this::usable)
                .orElseThrow(() -> new NotFoundException("no single sign-on"));
        OidcProviders.Provider provider;
        try {
            provider = providers.discover(config.issuer());
        } catch (OidcProviders.ProviderFailure failure) {
            throw new UnavailableException("The identity provider cannot be reached: " + failure.getMessage());
        }
        String browser = OidcProviders.newRandom();
        String nonce = OidcProviders.newRandom();
        String verifier = OidcProviders.newCodeVerifier();
        String state = tenancy.call(tenant, () -> {
            OneTimeSecrets.Issued issued = secrets.issue(SecretKind.SSO_STATE, clock.instant().plus(STATE_LIFETIME));
            configs.sweep(STATE_LIFETIME.multipliedBy(2)); // the sign-ins never finished
            configs.start(issued.hash(), Secrets.hash(browser), nonce, verifier);
            return issued.secret();
        });
        return new Start(providers.authenticationRequest(provider, config.clientId(), redirectUri(), state, nonce,
                verifier), browser);
    }

    /** The tenant's SSO settings when a sign-in may use them: enabled, and {@code oidc} allowed (SSO-11). */
    private Optional<SsoConfigs.Config> usable() {
        return configs.current()
                .filter(c -> SignInPolicies.ssoUsable(policies.current().allowedLoginMethods(), c.enabled()));
    }

    /** What the callback read, committed, before it talks to the provider. */
    private record Pending(SsoConfigs.Started started, SsoConfigs.Config config, String clientSecret) {
    }

    /**
     * The provider's answer (SSO-4..SSO-10): {@code state} redeemed once, the browser's binding checked, the code
     * exchanged, the ID token checked, the member found or provisioned; answers as a login. Every refusal is an
     * {@link SsoFailedException} whose message names the step (SSO-12).
     */
    public Authentication.IssuedToken callback(String state, String code, String error, String browserSecret,
                                               String clientAddress, String userAgent) {
        if (state == null || state.isBlank()) {
            throw new SsoFailedException("The provider's answer has no state: start the sign-in again.");
        }
        TenantId tenant = secrets.tenantOf(state, SecretKind.SSO_STATE)
                .orElseThrow(() -> new SsoFailedException(EXPIRED));
        // SSO-4: the state is spent here, committed, whatever comes of the rest
        Pending pending = tenancy.call(tenant, () -> {
            if (secrets.redeemHere(state, SecretKind.SSO_STATE) != OneTimeSecrets.Redemption.REDEEMED) {
                return null;
            }
            Optional<SsoConfigs.Started> started = configs.take(Secrets.hash(state));
            Optional<SsoConfigs.Config> config = usable();
            if (started.isEmpty() || config.isEmpty()) {
                return null;
            }
            return new Pending(started.get(), config.get(), configs.clientSecret().orElse(""));
        });
        if (pending == null) {
            throw new SsoFailedException(EXPIRED);
        }
        if (browserSecret == null || !MessageDigest.isEqual(Secrets.hash(browserSecret).getBytes(StandardCharsets.UTF_8),
                pending.started().browserHash().getBytes(StandardCharsets.UTF_8))) {
            throw new SsoFailedException("This sign-in was started in another browser (or its cookie was lost):"
                    + " start it again here."); // SSO-5
        }
        if (error != null && !error.isBlank()) {
            String shown = error.replaceAll("[^A-Za-z0-9_.-]", "");
            throw new SsoFailedException("The identity provider refused the sign-in ("
                    + shown.substring(0, Math.min(shown.length(), 64)) + ").");
        }
        if (code == null || code.isBlank()) {
            throw new SsoFailedException("The provider's answer has no code: start the sign-in again.");
        }
        OidcProviders.Identity identity;
        try {
            OidcProviders.Provider provider = providers.discover(pending.config().issuer());
            identity = providers.redeem(provider, pending.config().clientId(), pending.clientSecret(), redirectUri(),
                    code, pending.started().codeVerifier(), pending.started().nonce());
        } catch (OidcProviders.ProviderFailure failure) {
            throw new SsoFailedException(failure.getMessage()); // SSO-6, SSO-7
        }
        String email = checkedEmail(identity, pending.config()); // SSO-8
        SignedIn signed = tenancy.call(tenant, () -> signIn(tenant, email, identity, pending.config(), clientAddress,
                userAgent));
        events.fire(new LoginSucceeded(tenant, signed.user(), clientAddress, clock.instant()));
        events.fire(new SsoLogin(tenant, signed.user(), pending.config().issuer(), identity.subject(), clientAddress,
                clock.instant()));
        return new Authentication.IssuedToken(signed.tokens().accessToken(), AccessTokens.LIFETIME.toSeconds(),
                signed.tokens().refreshToken());
    }

    private record SignedIn(io.coffer.shared.UserId user, SignIns.Signed tokens) {
    }

    /** SSO-8: a verified email of one of the tenant's domains, or a refusal. */
    static String checkedEmail(OidcProviders.Identity identity, SsoConfigs.Config config) {
        String email = identity.email() == null ? "" : identity.email().strip().toLowerCase(Locale.ROOT);
        int at = email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1) {
            throw new SsoFailedException("The identity provider gave no email address: ask your administrator to"
                    + " release the email claim to Coffer.");
        }
        if (!identity.emailVerified()) {
            throw new SsoFailedException("The identity provider has not verified " + email + ".");
        }
        if (!config.emailDomains().contains(email.substring(at + 1))) {
            throw new SsoFailedException(email + " is not of a domain this tenant signs in with.");
        }
        return email;
    }

    /** SSO-9, SSO-10, SSO-14: the member of that email (or a new one), and a session that passed a second factor. */
    private SignedIn signIn(TenantId tenant, String email, OidcProviders.Identity identity, SsoConfigs.Config config,
                            String clientAddress, String userAgent) {
        UserEntity user = users.findByEmail(email).orElse(null);
        if (user == null) {
            if (users.wasRemoved(email)) {
                throw new SsoFailedException(email + " was removed from this tenant: ask an administrator to"
                        + " invite you again.");
            }
            if (!config.autoProvision()) {
                throw new SsoFailedException(email + " is not a member of this tenant: ask an administrator to"
                        + " invite you.");
            }
            String name = identity.name() == null || identity.name().isBlank() ? email.substring(0, email.indexOf('@'))
                    : identity.name().strip();
            user = users.add(new UserEntity(UUID.randomUUID(), email, name.length() > 100 ? name.substring(0, 100)
                    : name, config.defaultRole(), null, clock.instant()));
            events.fire(new UserCreated(tenant, user.userId(), null, clock.instant()));
        } else if (!user.emailVerified()) {
            user.verifyEmail(clock.instant()); // the provider verified it (SSO-8)
        }
        return new SignedIn(user.userId(), signIns.begin(user, tenant, clientAddress, userAgent, true));
    }
}
