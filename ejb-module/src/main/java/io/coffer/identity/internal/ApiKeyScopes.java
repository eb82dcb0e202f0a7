package io.coffer.identity.internal;

import io.coffer.identity.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an API key's scopes allow (contract "API-key scopes", ID-25): a ladder, each scope adding to the one below —
 * {@code read} only reads, {@code write} adds every change a MEMBER may make, {@code admin} adds the ADMIN endpoints.
 * A key acts as MEMBER unless it holds {@code admin}, and never above its creator's current role ({@link Caller}).
 */
public final class ApiKeyScopes {

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String ADMIN = "admin";
    public static final Set<String> ALL = Set.of(READ, WRITE, ADMIN);

    private ApiKeyScopes() {
    }

    /** The scopes of a token's space-separated {@code scope} claim; unknown words are ignored (they allow nothing). */
    public static List<String> parse(String claim) {
        return Arrays.stream(claim.trim().split("\\s+")).filter(ALL::contains).toList();
    }

    /** The highest role a key with these scopes may act with: ADMIN with {@code admin}, else MEMBER. */
    public static Role highestRole(List<String> scopes) {
        return scopes.contains(ADMIN) ? Role.ADMIN : Role.MEMBER;
    }

    /** Whether a key with these scopes may change anything ({@code write} or {@code admin}); else it only reads. */
    public static boolean writes(List<String> scopes) {
        return scopes.contains(WRITE) || scopes.contains(ADMIN);
    }
}
