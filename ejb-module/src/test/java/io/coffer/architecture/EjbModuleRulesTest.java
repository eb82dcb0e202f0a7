package io.coffer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
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

    /**
     * FD-22: an application exception with rollback thrown out of a container-managed method without a transaction
     * marks Liberty's local transaction (bean-managed ones too), which logs WLTC0017E (ERROR) and an FFDC incident
     * for every refusal. The public faces that run without a transaction are CDI beans instead, and a public
     * NOT_SUPPORTED method returns its refusal (an Optional) rather than throwing it.
     */
    @Test
    void publicFacesWithoutATransactionAreNotEjbs() {
        java.util.List<String> offenders = new java.util.ArrayList<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : EJB_CLASSES) {
            if (c.getPackageName().contains(".internal")) {
                continue;
            }
            c.tryGetAnnotationOfType(jakarta.ejb.TransactionAttribute.class)
                    .filter(t -> t.value() == jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
                    .ifPresent(t -> offenders.add(c.getName()));
            c.tryGetAnnotationOfType(jakarta.ejb.TransactionManagement.class)
                    .filter(t -> t.value() == jakarta.ejb.TransactionManagementType.BEAN)
                    .ifPresent(t -> offenders.add(c.getName() + " (bean-managed)"));
            for (com.tngtech.archunit.core.domain.JavaMethod m : c.getMethods()) {
                m.tryGetAnnotationOfType(jakarta.ejb.TransactionAttribute.class)
                        .filter(t -> t.value() == jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
                        .filter(t -> !m.getRawReturnType().isEquivalentTo(java.util.Optional.class))
                        .ifPresent(t -> offenders.add(m.getFullName()));
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), offenders,
                "public beans or methods that run without a transaction and may throw a refusal");
    }

    @Test
    void doc36_noRangeOrBoundedStreamIsWrittenByHand() {
        noClasses().should().beAssignableTo(java.io.InputStream.class)
                .because("ranged reads bound a positioned channel with commons-io's BoundedInputStream (DOC-36)")
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
                        io.coffer.datarooms.Holder.class, java.util.UUID.class)
                .orShould().callMethod(io.coffer.datarooms.Permissions.class, "visibleTree",
                        java.util.Collection.class, java.util.UUID.class, java.util.Collection.class)
                .because("the caller's permission is the capped actor's (PERM-16), asked with require*/held")
                .check(EJB_CLASSES);
        noClasses().that().haveFullyQualifiedName("io.coffer.sharelinks.ShareLinks")
                .should().callMethod(io.coffer.datarooms.DataRooms.class, "documentOnBehalfOf",
                        io.coffer.shared.UserId.class, java.util.UUID.class, io.coffer.datarooms.Permission.class)
                .orShould().callMethod(io.coffer.datarooms.DataRooms.class, "documentOnBehalfOf",
                        io.coffer.datarooms.Holder.class, java.util.UUID.class, io.coffer.datarooms.Permission.class)
                .orShould().callMethod(io.coffer.datarooms.DataRooms.class, "treeOnBehalfOf",
                        java.util.Collection.class, java.util.UUID.class, java.util.Collection.class)
                .because("a link's managers act as themselves (PERM-16); only visitors act on the creator's behalf")
                .check(EJB_CLASSES);
    }
}
