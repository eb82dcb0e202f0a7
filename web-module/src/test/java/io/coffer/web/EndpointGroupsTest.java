package io.coffer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OPS-12: the endpoint group of a request comes from a fixed table; no path a client sends becomes a label value. */
class EndpointGroupsTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/me, me",
            "/api/v1/auth/login, auth",
            "/api/v1/auth/logout, auth",
            "/api/v1/datarooms, datarooms",
            "/api/v1/datarooms/0193b0a4-0000-7000-8000-000000000000/tree, datarooms",
            "/api/v1/datarooms/0193b0a4-0000-7000-8000-000000000000/analytics, datarooms",
            "/api/v1/documents/0193b0a4-0000-7000-8000-000000000000/pages/3, documents",
            "/api/v1/share-links/0193b0a4-0000-7000-8000-000000000000/visits, share-links",
            "/api/v1/public/links/AbCdEf_-123/tree, public-links",
            "/api/v1/public/links/AbCdEf_-123/events, public-links",
            "/api/v1/questions/0193b0a4-0000-7000-8000-000000000000/answers, questions",
            "/api/v1/documents/0193b0a4-0000-7000-8000-000000000000/questions, documents",
            "/api/v1/public/links/AbCdEf_-123/questions, public-links",
            "/api/v1/webhook-deliveries/x/replay, webhooks",
            "/api/v1/webhooks, webhooks",
            "/api/v1/activity, activity",
            "/api/v1/audit/export, audit",
            "/api/v1/uploads/abc, uploads",
            "/api/v1/me;jsessionid=abc, me",
            "/, web",
            "/rooms/0193b0a4-0000-7000-8000-000000000000, web",
            "/assets/index-abc.js, web",
            "/l/AbCdEf_-123, web",
            "/api, other",
            "/api/, other",
            "/api/v1, other",
            "/api/v1/, other",
            "/api/v2/me, other",
            "/api/v1/no-such-thing, other",
            "/api/v1/ME, other",
            "/api/v1/%6De, other",
            "/api/v1/0193b0a4-0000-7000-8000-000000000000, other"})
    void ops12_aPathIsCountedUnderItsGroup(String path, String group) {
        assertEquals(group, EndpointGroups.of(path), path);
    }

    @Test
    void ops12_theGroupsAreAFixedSmallSet_whateverPathsClientsSend() {
        Set<String> all = EndpointGroups.all();
        assertTrue(all.size() <= 25, "a bounded label: " + all);
        for (int i = 0; i < 1000; i++) {
            String random = "/api/v1/" + UUID.randomUUID() + "/" + UUID.randomUUID();
            assertTrue(all.contains(EndpointGroups.of(random)), random);
            assertTrue(all.contains(EndpointGroups.of("/" + UUID.randomUUID())), "outside the API");
        }
        for (String group : all) {
            assertTrue(group.matches("[a-z][a-z-]{1,30}"), "a label value is a plain word: " + group);
        }
    }

    /** A resource added to the API without a group here would be counted as "other": this test names it. */
    @Test
    void ops12_everyResourceOfTheApiHasItsOwnGroup() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.coffer.api");
        int resources = 0;
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(Path.class)) {
                continue;
            }
            resources++;
            String path = c.getAnnotationOfType(Path.class).value();
            String group = EndpointGroups.of(EndpointGroups.API + (path.startsWith("/") ? path : "/" + path));
            assertNotEquals(EndpointGroups.OTHER, group, c.getName() + " (@Path " + path + ") has no group");
        }
        assertTrue(resources > 15, "the API's resources were found: " + resources);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 200, 204, 301, 304, 400, 404, 429, 500, 503, 599})
    void ops12_statusClass(int status) {
        assertEquals(status / 100 + "xx", EndpointGroups.statusClass(status));
    }

    @Test
    void ops12_aStatusOutsideHttpsRangeIsOther() {
        assertEquals("other", EndpointGroups.statusClass(0));
        assertEquals("other", EndpointGroups.statusClass(600));
    }
}
