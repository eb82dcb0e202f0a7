package io.coffer.api.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public paths that server.xml keeps away from MP-JWT (the {@code bearerPaths} filter of {@code cofferJwt}) are the
 * {@link Public} resources' paths: a {@code @Public} endpoint missing there would read a bearer sent along (another
 * tenant's token next to a link's, FD-1/FD-3), which the public endpoints promise not to do. Found missing once: the
 * login's second step ({@code /auth/mfa}) when it was added.
 */
class PublicPathsTest {

    static final java.nio.file.Path SERVER_XML = java.nio.file.Path.of("..", "server-config", "server.xml");

    @Test
    void everyPublicEndpointIsLeftOutOfMpJwtsFilter() throws Exception {
        List<String> excluded = excludedFromBearerPaths();
        assertTrue(excluded.contains("/metrics"), "the filter was read: " + excluded);
        List<String> missing = new ArrayList<>();
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.coffer.api");
        int checked = 0;
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(Public.class) || !c.isAnnotatedWith(Path.class)) {
                continue;
            }
            String base = "/api/v1" + c.getAnnotationOfType(Path.class).value();
            for (JavaMethod m : c.getMethods()) {
                if (!m.isAnnotatedWith(Path.class) && !isResourceMethod(m)) {
                    continue;
                }
                String path = base + (m.isAnnotatedWith(Path.class) ? m.getAnnotationOfType(Path.class).value() : "");
                String fixed = path.contains("{") ? path.substring(0, path.indexOf('{')) : path;
                checked++;
                if (excluded.stream().noneMatch(fixed::contains)) {
                    missing.add(c.getSimpleName() + "." + m.getName() + " " + path);
                }
            }
        }
        assertTrue(checked > 10, "public endpoints found: " + checked);
        assertTrue(missing.isEmpty(), "public endpoints that MP-JWT would read a bearer on; add them to server.xml's"
                + " bearerPaths filter (urlPattern of notPublic): " + missing);
    }

    @Test
    void noAuthenticatedResourceIsLeftOutOfMpJwtsFilter() throws Exception {
        List<String> excluded = excludedFromBearerPaths();
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.coffer.api");
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(Authenticated.class) || !c.isAnnotatedWith(Path.class)) {
                continue;
            }
            String base = "/api/v1" + c.getAnnotationOfType(Path.class).value();
            for (String pattern : excluded) {
                assertFalse(base.startsWith(pattern) && !pattern.equals("/api/v1/"), c.getSimpleName() + " (" + base
                        + ") needs a token but server.xml leaves it out of MP-JWT (" + pattern + ")");
            }
        }
    }

    static boolean isResourceMethod(JavaMethod m) {
        return m.isAnnotatedWith(jakarta.ws.rs.GET.class) || m.isAnnotatedWith(jakarta.ws.rs.POST.class)
                || m.isAnnotatedWith(jakarta.ws.rs.PUT.class) || m.isAnnotatedWith(jakarta.ws.rs.PATCH.class)
                || m.isAnnotatedWith(jakarta.ws.rs.DELETE.class) || m.isAnnotatedWith(jakarta.ws.rs.HEAD.class)
                || m.isAnnotatedWith(jakarta.ws.rs.OPTIONS.class);
    }

    /** The urlPattern of {@code bearerPaths}' {@code notContain} rule, split at {@code |}. */
    static List<String> excludedFromBearerPaths() throws Exception {
        String xml = Files.readString(SERVER_XML, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<authFilter id=\"bearerPaths\">\\s*<requestUrl[^>]*matchType=\"notContain\""
                + "[^>]*urlPattern=\"([^\"]+)\"").matcher(xml);
        assertTrue(m.find(), "server.xml has the bearerPaths filter");
        return List.of(m.group(1).split("\\|"));
    }
}
