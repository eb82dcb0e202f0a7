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
    /** The observing modules and their own HTTP faces, the only callers they have. */
    static final String[] OBSERVERS_AND_THEIR_RESOURCES = {"io.coffer.activity..", "io.coffer.audit..",
        "io.coffer.api.activity..", "io.coffer.api.audit.."};

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
        noClasses().that().resideOutsideOfPackages(OBSERVERS_AND_THEIR_RESOURCES)
                .should().dependOnClassesThat().resideInAnyPackage(OBSERVERS)
                .because("activity and audit only observe CDI events; nothing calls them")
                .check(classes);
    }

    /** Issue 12 (AUTO-29): automation observes events; only its web face calls it, only events reads its records. */
    @Test
    void auto29_nothingButItsWebFaceDependsOnAutomation() {
        noClasses().that().resideOutsideOfPackages("io.coffer.automation..", "io.coffer.api.automation..")
                .and().doNotHaveFullyQualifiedName("io.coffer.events.EventFacts")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.automation..")
                .because("automation only observes events; its face is for its own resource")
                .check(classes);
    }

    @Test
    void webhooksAreCalledByAutomationAndTheirOwnWebPackageOnly() {
        noClasses().that().resideOutsideOfPackages("io.coffer.webhooks..", "io.coffer.automation..",
                        "io.coffer.api.webhooks..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.webhooks..")
                .because("webhooks sit above the domain: automation and api.webhooks call them, nobody else")
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
    @Test
    void doc33_theWebLayerNeverReachesStorage() {
        noClasses().that().resideInAnyPackage(WEB)
                .should().dependOnClassesThat().resideInAPackage("io.coffer.storage..")
                .because("documents answers a Content or a PageImage; blob ids and BlobStore stay behind it (DOC-33)")
                .check(classes);
    }

    @Test
    void doc35_onlyDocumentsReachesStorage() {
        noClasses().that().resideOutsideOfPackages("io.coffer.documents..", "io.coffer.storage..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.storage..")
                .because("an S3 BlobStore must be a change inside storage alone: documents is its only user (DOC-35)")
                .check(classes);
    }

    @Test
    void sl43_shareLinksNeverReachStorageNorTheFileSystem() {
        noClasses().that().resideInAPackage("io.coffer.sharelinks..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.storage..", "java.nio.file..")
                .because("visitors' renditions and caches belong to documents; sharelinks asks for a Content (SL-43)")
                .check(classes);
    }

    @Test
    void doc34_theOnDiskLayoutOfRenditionsIsDecidedInOneClass() {
        noClasses().that().resideInAnyPackage("io.coffer.documents..", "io.coffer.sharelinks..")
                .and().doNotHaveFullyQualifiedName("io.coffer.documents.internal.Renditions")
                .should().callMethod(io.coffer.platform.CofferSettings.class, "home")
                .because("page caches, visitors' renditions and their work files are laid out by Renditions (DOC-34)")
                .check(classes);
    }

    @Test
    void fd32_bytesReachHttpThroughOneContentResponses() {
        noClasses().that().resideInAnyPackage(WEB)
                .and().resideOutsideOfPackages("io.coffer.api.content..", "io.coffer.api.audit..",
                        "io.coffer.api.activity..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.ws.rs.core.StreamingOutput")
                .orShould().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .because("Range, ETag, Content-Disposition and the download rule are written once (FD-32)")
                .check(classes);
    }

    @Test
    void jsonPGoesThroughOneProvider() {
        noClasses().that().doNotHaveFullyQualifiedName("io.coffer.shared.JsonP")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a static method of jakarta.json.Json",
                        call -> call.getTargetOwner().isEquivalentTo(jakarta.json.Json.class)))
                .because("Json's static methods look the JSON-P provider up on every call; io.coffer.shared.JsonP"
                        + " looked it up once (a third of a beacon's server time, docs/benchmarks.md)")
                .check(classes);
    }
}
