package io.coffer.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.identity.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ID-25, ID-26: what a key's scopes allow, a ladder read < write < admin. */
class ApiKeyScopesTest {

    @Test
    void id26_onlyWriteOrAdminWrites() {
        assertFalse(ApiKeyScopes.writes(ApiKeyScopes.parse("read")));
        assertTrue(ApiKeyScopes.writes(ApiKeyScopes.parse("write")));
        assertTrue(ApiKeyScopes.writes(ApiKeyScopes.parse("read write")));
        assertTrue(ApiKeyScopes.writes(ApiKeyScopes.parse("admin")));
        assertFalse(ApiKeyScopes.writes(ApiKeyScopes.parse("")), "no scope allows nothing");
        assertFalse(ApiKeyScopes.writes(ApiKeyScopes.parse("root superuser")), "unknown words allow nothing");
        assertEquals(List.of("read"), ApiKeyScopes.parse(" read  ROOT "));
    }

    @Test
    void id25_aKeyActsAsMemberUnlessItsScopeIsAdmin() {
        assertEquals(Role.MEMBER, ApiKeyScopes.highestRole(ApiKeyScopes.parse("read")));
        assertEquals(Role.MEMBER, ApiKeyScopes.highestRole(ApiKeyScopes.parse("read write")));
        assertEquals(Role.MEMBER, ApiKeyScopes.highestRole(ApiKeyScopes.parse("owner")));
        assertEquals(Role.ADMIN, ApiKeyScopes.highestRole(ApiKeyScopes.parse("read admin")));
    }
}
