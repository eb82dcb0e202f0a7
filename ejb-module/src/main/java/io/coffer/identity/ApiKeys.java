package io.coffer.identity;

import io.coffer.identity.internal.AccessTokens;
import io.coffer.identity.internal.ApiKeyEntity;
import io.coffer.identity.internal.Caller;
import io.coffer.identity.internal.TokenStore;
import io.coffer.identity.internal.UserEntity;
import io.coffer.identity.internal.Users;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ForbiddenException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * API keys for integrations (ID-19): shown once, stored hashed, scoped ({@code read}, {@code write}, {@code admin}),
 * optionally expiring, revocable; exchanged at {@code /auth/token} for a short access token whose role never exceeds
 * the creator's current role (and {@code admin} scope is needed for an ADMIN token).
 */
@Stateless
@PermitAll
public class ApiKeys {

    public static final Set<String> SCOPES = io.coffer.identity.internal.ApiKeyScopes.ALL;

    /** An API key as listed (never the key itself). */
    public record ApiKey(UUID id, String name, List<String> scopes, Instant createdAt, Instant expiresAt,
                         boolean revoked) {
    }

    /** A created key: {@code key} is shown this once. */
    public record CreatedApiKey(ApiKey apiKey, String key) {
        @Override
        public String toString() {
            return "CreatedApiKey[" + apiKey.id() + "]";
        }
    }

    @Resource
    SessionContext context;

    @Inject
    Caller caller;

    @Inject
    Users users;

    @Inject
    TokenStore tokens;

    @Inject
    AccessTokens accessTokens;

    @Inject
    Clock clock;

    @Inject
    OneTimeSecrets secrets;

    /**
     * A new key of the caller (ADMIN+). MFA-15, MFA-18: under the tenant's {@code requireMfa} only from a session that
     * passed a second factor (403 {@code mfa-enrolment-required}, also when the web layer's gate is not in front).
     */
    public CreatedApiKey create(String name, List<String> scopes, Instant expiresAt) {
        Caller.Actor actor = requireAdmin();
        caller.requireSecondFactorPassed(context.getCallerPrincipal()); // before the body is checked
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ValidationException.of("name", "must be 1 to 100 characters");
        }
        if (scopes == null || scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
            throw ValidationException.of("scopes", "must be a non-empty list of read, write, admin");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ValidationException.of("expiresAt", "must be in the future");
        }
        TokenStore.Issued<ApiKeyEntity> issued = tokens.issueApiKey(actor.user().userId(), name.strip(),
                List.copyOf(new LinkedHashSet<>(scopes)), expiresAt);
        return new CreatedApiKey(view(issued.entity()), issued.secret());
    }

    public List<ApiKey> list() {
        requireAdmin();
        return tokens.apiKeys().stream().map(ApiKeys::view).toList();
    }

    /** Revokes a key at once; revoking a revoked key is a no-op. */
    public void revoke(UUID id) {
        requireAdmin();
        tokens.apiKey(id).orElseThrow(() -> new NotFoundException("no such key")).revoke(clock.instant());
    }

    /**
     * Exchanges a key for an access token; empty for an unknown, expired or revoked key (the caller answers 401). Not
     * thrown from here: a refusal thrown out of a method without a transaction marks Liberty's local transaction and
     * logs an ERROR for each wrong key (FD-22).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public java.util.Optional<Authentication.IssuedToken> exchange(String key) {
        return secrets.inTenantOf(key, SecretKind.API_KEY, tenant -> {
            ApiKeyEntity apiKey = tokens.findApiKey(key).filter(k -> k.usableAt(clock.instant())).orElse(null);
            if (apiKey == null) {
                return null;
            }
            UserEntity creator = users.find(new UserId(apiKey.createdBy())).orElse(null);
            if (creator == null) {
                return null;
            }
            // MEMBER, or ADMIN with scope admin; AccessTokens caps it at the creator's role, Caller again per request
            Role role = io.coffer.identity.internal.ApiKeyScopes.highestRole(apiKey.scopes());
            return new Authentication.IssuedToken(accessTokens.issue(creator, tenant, role, apiKey.scopes(),
                    apiKey.id()),
                    AccessTokens.LIFETIME.toSeconds(), null);
        });
    }

    private Caller.Actor requireAdmin() {
        Caller.Actor actor = caller.requireActor(context.getCallerPrincipal());
        if (!actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Managing API keys needs the ADMIN or OWNER role.");
        }
        return actor;
    }

    private static ApiKey view(ApiKeyEntity k) {
        return new ApiKey(k.id(), k.name(), k.scopes(), k.createdAt(), k.expiresAt(), k.revoked());
    }
}
