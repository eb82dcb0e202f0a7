package io.coffer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/strategy/architecture.md, over both modules (web-module's test class path holds the
 * EJB module's classes too). A new domain module is covered as soon as its package exists.
 */
class ModuleBoundariesTest {

    /** Web-facing packages: they call modules through their public faces only. */
    static final String[] WEB = {"io.coffer.api..", "io.coffer.web.."};
    /** Modules that only observe events: nothing may depend on them. */
    static final String[] OBSERVERS = {"io.coffer.activity..", "io.coffer.audit.."};

    static JavaClasses classes;

    @BeforeAll
    static void importCoffer() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.coffer");
    }

    /** Every module package directly under io.coffer (shared, tenancy, identity, platform, api, web...). */
    static Set<String> modules() {
        Set<String> modules = new TreeSet<>();
        for (JavaClass c : classes) {
            String rest = c.getPackageName().substring("io.coffer".length());
            if (rest.startsWith(".")) {
                modules.add(rest.substring(1).split("\\.")[0]);
            }
        }
        return modules;
    }

    @Test
    void someModulesWereImported() {
        Set<String> modules = modules();
        if (!modules.containsAll(Set.of("shared", "tenancy", "identity", "platform", "api", "web"))) {
            throw new AssertionError("class import is broken: " + modules);
        }
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackage() {
        for (String module : modules()) {
            String home = "io.coffer." + module + "..";
            ArchRule rule = noClasses().that().resideOutsideOfPackage(home)
                    .should().dependOnClassesThat().resideInAPackage("io.coffer." + module + ".internal..")
                    .because("a module's internal package is its own (" + module + ")")
                    .allowEmptyShould(true);
            rule.check(classes);
        }
    }

    @Test
    void nothingDependsOnTheObservingModules() {
        noClasses().that().resideOutsideOfPackages(OBSERVERS)
                .should().dependOnClassesThat().resideInAnyPackage(OBSERVERS)
                .because("activity and audit only observe CDI events; nothing calls them")
                .check(classes);
    }

    @Test
    void domainModulesKnowNothingOfTheWebLayer() {
        noClasses().that().resideOutsideOfPackages(WEB)
                .should().dependOnClassesThat().resideInAnyPackage(WEB)
                .because("calls go down: web → module API, never back")
                .check(classes);
    }

    @Test
    void theSharedKernelDependsOnNoModule() {
        noClasses().that().resideInAPackage("io.coffer.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.tenancy..", "io.coffer.identity..",
                        "io.coffer.platform..", "io.coffer.api..", "io.coffer.web..")
                .check(classes);
    }

    @Test
    void tenancyAndPlatformStandOnlyOnTheSharedKernel() {
        noClasses().that().resideInAnyPackage("io.coffer.tenancy..", "io.coffer.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.identity..", "io.coffer.api..",
                        "io.coffer.web..")
                .check(classes);
    }

    @Test
    void everyResourceSaysWhetherItNeedsAToken() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().beAnnotatedWith(io.coffer.api.security.Authenticated.class)
                .orShould().beAnnotatedWith(io.coffer.api.security.Public.class)
                .because("an endpoint is open only on purpose (FD-7: 401 problem before the resource runs)")
                .check(classes);
    }

    @Test
    void entitiesLiveInInternalPackagesAndNeverReachTheWebLayer() {
        classes().that().areAnnotatedWith(Entity.class)
                .should().resideInAPackage("..internal..")
                .because("entities never cross a module boundary; public faces use records")
                .check(classes);
    }
}
