package io.coffer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The EJB module holds the domain: HTTP belongs in web-module. */
class EjbModuleRulesTest {

    static final JavaClasses EJB_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.coffer");

    @Test
    void noJaxRsInTheEjbModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
                .because("HTTP belongs in web-module")
                .check(EJB_CLASSES);
    }

    @Test
    void tenantDataIsReachedOnlyThroughTenantOwnedEntities() {
        noClasses().that().resideOutsideOfPackage("io.coffer.tenancy..")
                .should().callMethod(jakarta.persistence.EntityManager.class, "setProperty", String.class,
                        Object.class)
                .because("only tenancy binds a tenant to a transaction (FD-1, FD-3)")
                .check(EJB_CLASSES);
    }

    @Test
    void perm16_permissionsOnSomeonesBehalfAreAskedOnlyForDelegatedAccessNeverForTheCaller() {
        // onBehalfOf reads a user's database role; the caller acts with the role CallerCheck.current() names (an
        // API-key token below its user's): only DataRooms' delegated-access methods (tickets, share-link visitors) ask
        noClasses().that().doNotHaveFullyQualifiedName("io.coffer.datarooms.DataRooms")
                .and().doNotHaveFullyQualifiedName("io.coffer.datarooms.Permissions")
                .should().callMethod(io.coffer.datarooms.Permissions.class, "onBehalfOf", io.coffer.shared.UserId.class,
                        java.util.UUID.class)
                .orShould().callMethod(io.coffer.datarooms.Permissions.class, "onBehalfOf",
                        io.coffer.shared.UserId.class, java.util.UUID.class, java.util.Collection.class)
                .orShould().callMethod(io.coffer.datarooms.Permissions.class, "visibleTree",
                        io.coffer.shared.UserId.class, java.util.UUID.class)
                .because("the caller's permission is the capped actor's (PERM-16), asked with require*/held")
                .check(EJB_CLASSES);
        noClasses().that().haveFullyQualifiedName("io.coffer.sharelinks.ShareLinks")
                .should().callMethod(io.coffer.datarooms.DataRooms.class, "documentOnBehalfOf",
                        io.coffer.shared.UserId.class, java.util.UUID.class, io.coffer.datarooms.Permission.class)
                .orShould().callMethod(io.coffer.datarooms.DataRooms.class, "treeOnBehalfOf",
                        io.coffer.shared.UserId.class, java.util.UUID.class)
                .because("a link's managers act as themselves (PERM-16); only visitors act on the creator's behalf")
                .check(EJB_CLASSES);
    }
}
