package io.coffer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CofferSettingsTest {

    private static CofferSettings settings(Map<String, String> values) {
        return new CofferSettings(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void relativeHomeIsRelativeToTheDirectoryTheRunCommandStartedIn() {
        CofferSettings s = settings(Map.of("COFFER_LAUNCH_DIR", "/srv/coffer", "COFFER_HOME", "data/../store"));
        assertEquals(Path.of("/srv/coffer/store"), s.home());
    }

    @Test
    void defaultHomeIsCofferDataInTheLaunchDirectory() {
        assertEquals(Path.of("/srv/x/coffer-data"), settings(Map.of("COFFER_LAUNCH_DIR", "/srv/x")).home());
    }

    @Test
    void absoluteHomeIsKept() {
        assertEquals(Path.of("/var/lib/coffer"),
                settings(Map.of("COFFER_LAUNCH_DIR", "/srv/x", "COFFER_HOME", "/var/lib/coffer")).home());
    }

    @Test
    void embeddedWhenNoDatabaseUrlOrTheEmbeddedDefault() {
        assertTrue(settings(Map.of()).embeddedDatabase());
        assertEquals("jdbc:postgresql://127.0.0.1:54329/coffer", settings(Map.of()).databaseUrl());
        // server.xml's own default for COFFER_DB_URL is the embedded URL: still embedded
        assertTrue(settings(Map.of("COFFER_EMBEDDED_DB_PORT", "5555",
                "COFFER_DB_URL", "jdbc:postgresql://127.0.0.1:5555/coffer")).embeddedDatabase());
        assertTrue(settings(Map.of("COFFER_DB_URL", "  ")).embeddedDatabase());
    }

    @Test
    void externalDatabaseUsesTheQueryRoleAsOwnerUnlessToldOtherwise() {
        CofferSettings external = settings(Map.of("COFFER_DB_URL", "jdbc:postgresql://db:5432/coffer",
                "COFFER_DB_USER", "app", "COFFER_DB_PASSWORD", "secret"));
        assertFalse(external.embeddedDatabase());
        assertEquals("app", external.databaseOwnerUser());
        assertEquals("secret", external.databaseOwnerPassword().orElseThrow());

        CofferSettings split = settings(Map.of("COFFER_DB_URL", "jdbc:postgresql://db:5432/coffer",
                "COFFER_DB_USER", "app", "COFFER_DB_OWNER_USER", "owner", "COFFER_DB_OWNER_PASSWORD", "o"));
        assertEquals("owner", split.databaseOwnerUser());
        assertEquals("o", split.databaseOwnerPassword().orElseThrow());
    }

    @Test
    void embeddedDatabaseHasSeparateOwnerAndQueryRoles() {
        CofferSettings s = settings(Map.of());
        assertEquals("coffer_app", s.databaseUser());
        assertEquals("coffer_owner", s.databaseOwnerUser());
    }

    @Test
    void fd15_theEmbeddedRolesHaveNoFixedPasswordsButTheVariablesStillSetThem() {
        CofferSettings s = settings(Map.of());
        assertTrue(s.databasePassword().isEmpty(), "no published default: the start generates one");
        assertTrue(s.databaseOwnerPassword().isEmpty());
        CofferSettings set = settings(Map.of("COFFER_DB_PASSWORD", "a", "COFFER_DB_OWNER_PASSWORD", "b"));
        assertEquals("a", set.databasePassword().orElseThrow());
        assertEquals("b", set.databaseOwnerPassword().orElseThrow());
    }

    @Test
    void aBadPortOrRoleNameStopsStartUpWithTheVariableToFix() {
        StartupFailure port = assertThrows(StartupFailure.class,
                () -> settings(Map.of("COFFER_EMBEDDED_DB_PORT", "http")).embeddedDatabasePort());
        assertTrue(port.getMessage().contains("COFFER_EMBEDDED_DB_PORT"));
        StartupFailure role = assertThrows(StartupFailure.class,
                () -> CofferSettings.checkedRoleName("x; drop table users", "COFFER_DB_USER"));
        assertTrue(role.getMessage().contains("COFFER_DB_USER"));
        assertEquals(0, role.getStackTrace().length, "start-up failures carry no stack trace");
    }

    @Test
    void wh10_webhookTargetsInPrivateRangesAreRefusedUnlessTheOperatorAllowsThem() {
        assertFalse(settings(Map.of()).webhookAllowPrivate());
        assertFalse(settings(Map.of("COFFER_WEBHOOK_ALLOW_PRIVATE", "false")).webhookAllowPrivate());
        assertTrue(settings(Map.of("COFFER_WEBHOOK_ALLOW_PRIVATE", "TRUE")).webhookAllowPrivate());
        StartupFailure bad = assertThrows(StartupFailure.class,
                () -> settings(Map.of("COFFER_WEBHOOK_ALLOW_PRIVATE", "yes")).webhookAllowPrivate());
        assertTrue(bad.getMessage().contains("COFFER_WEBHOOK_ALLOW_PRIVATE"), bad.getMessage());
    }

    @Test
    void act11_activityRetentionIs730DaysUnlessSetAndMustBePositive() {
        assertEquals(730, settings(Map.of()).activityRetentionDays());
        assertEquals(30, settings(Map.of("COFFER_ACTIVITY_RETENTION_DAYS", " 30 ")).activityRetentionDays());
        for (String bad : new String[] {"0", "-5", "a year"}) {
            StartupFailure f = assertThrows(StartupFailure.class,
                    () -> settings(Map.of("COFFER_ACTIVITY_RETENTION_DAYS", bad)).activityRetentionDays());
            assertTrue(f.getMessage().contains("COFFER_ACTIVITY_RETENTION_DAYS"));
        }
    }

    @Test
    void doc42_theRenditionCacheHolds2GiBUnlessSetInMiBAndMustBePositive() {
        assertEquals(2048L * 1024 * 1024, settings(Map.of()).renditionCacheBytes());
        assertEquals(64L * 1024 * 1024, settings(Map.of("COFFER_RENDITION_CACHE_MB", " 64 ")).renditionCacheBytes());
        for (String bad : new String[] {"0", "-1", "2 GiB", "99999999999999999"}) {
            StartupFailure f = assertThrows(StartupFailure.class,
                    () -> settings(Map.of("COFFER_RENDITION_CACHE_MB", bad)).renditionCacheBytes());
            assertTrue(f.getMessage().contains("COFFER_RENDITION_CACHE_MB"), f.getMessage());
        }
    }
}
