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
}
