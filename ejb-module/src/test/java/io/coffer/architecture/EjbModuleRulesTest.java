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
    void aStartIsRefusedThroughThePlatformOnly_whichStopsTheEmbeddedDatabaseFirst() {
        noClasses().that().doNotHaveFullyQualifiedName(io.coffer.platform.PlatformState.class.getName())
                .and().doNotHaveFullyQualifiedName("io.coffer.platform.internal.DatabaseStartup")
                .should().callMethod(io.coffer.platform.StartupFailure.class, "stopCoffer")
                .because("a start-up bean refuses the start with PlatformState.refuseStart, which stops the embedded"
                        + " database before Coffer exits (DatabaseStartup stops it itself when it fails)")
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
        // API-key token below its user's). Only delegated access asks it: RoomDocuments for a document (download
        // tickets, visitors), the link store for a link's scope; and the owner side of share links never goes there.
        assertCalledOnlyFrom(io.coffer.datarooms.Permissions.class, "onBehalfOf",
                java.util.Set.of("io.coffer.datarooms.RoomDocuments", "io.coffer.sharelinks.internal.LinkStore"));
        assertCalledOnlyFrom(io.coffer.datarooms.RoomDocuments.class, "onBehalfOf",
                java.util.Set.of("io.coffer.documents.DelegatedAccess", "io.coffer.documents.Tickets"));
        // the rule can fail: the forms exist and are called today
        org.junit.jupiter.api.Assertions.assertFalse(callersOf(io.coffer.datarooms.Permissions.class, "onBehalfOf")
                .isEmpty(), "no call of Permissions.onBehalfOf found: the rule above checks nothing");
    }

    /** Issue 11: the domain order — datarooms below documents below sharelinks; storage behind documents. */
    @Test
    void theDomainModulesDependInOneDirection() {
        noClasses().that().resideInAPackage("io.coffer.datarooms..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.documents..", "io.coffer.sharelinks..")
                .because("datarooms is below documents and sharelinks (they talk to it; it answers with events)")
                .check(EJB_CLASSES);
        noClasses().that().resideInAPackage("io.coffer.documents..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.sharelinks..")
                .because("documents is below sharelinks")
                .check(EJB_CLASSES);
        noClasses().that().resideInAnyPackage("io.coffer.identity..", "io.coffer.tenancy..", "io.coffer.platform..",
                        "io.coffer.shared..", "io.coffer.mail..", "io.coffer.storage..", "io.coffer.idempotency..",
                        "io.coffer.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.datarooms..", "io.coffer.documents..",
                        "io.coffer.sharelinks..")
                .because("the foundation knows nothing of the domain above it")
                .check(EJB_CLASSES);
        noClasses().that().resideInAnyPackage("io.coffer.identity..", "io.coffer.tenancy..", "io.coffer.platform..",
                        "io.coffer.shared..", "io.coffer.mail..", "io.coffer.storage..", "io.coffer.idempotency..",
                        "io.coffer.outbox..", "io.coffer.datarooms..", "io.coffer.documents..",
                        "io.coffer.sharelinks..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.events..")
                .because("events reads the domain's records for the modules above it; the domain never reads it back")
                .check(EJB_CLASSES);
        noClasses().that().resideInAPackage("io.coffer.events..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.activity..", "io.coffer.audit..",
                        "io.coffer.automation..", "io.coffer.webhooks..")
                .because("events is below the modules that read it: their own records live in events too")
                .check(EJB_CLASSES);
    }

    /**
     * Release (OPS-22): the platform's re-seal job walks tenants with tenancy's public face; nothing else of the
     * platform knows tenancy, and tenancy never knows the platform (no cycle between the two foundations).
     */
    @Test
    void onlyTheMasterKeyRotationOfThePlatformKnowsTenancy_andTenancyNeverThePlatform() {
        noClasses().that().resideInAPackage("io.coffer.platform..")
                .and().doNotHaveFullyQualifiedName("io.coffer.platform.internal.MasterKeyRotation")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.tenancy..")
                .because("the platform stands on shared; only the re-seal job walks tenants")
                .check(EJB_CLASSES);
        noClasses().that().resideInAPackage("io.coffer.platform..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.tenancy.internal..")
                .check(EJB_CLASSES);
        noClasses().that().resideInAPackage("io.coffer.tenancy..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.platform..")
                .because("tenancy is below the platform's re-seal job")
                .check(EJB_CLASSES);
        org.junit.jupiter.api.Assertions.assertTrue(EJB_CLASSES.get("io.coffer.platform.SealedColumn")
                .getDirectDependenciesToSelf().stream()
                .anyMatch(d -> !d.getOriginClass().getPackageName().startsWith("io.coffer.platform")),
                "no module contributes a SealedColumn: the job re-seals nothing");
    }

    /** Issue 12: the outbox is foundation (tenancy, platform, shared only); webhooks are reached by automation only. */
    @Test
    void theOutboxIsFoundationAndWebhooksAreCalledByAutomationOnly() {
        noClasses().that().resideInAPackage("io.coffer.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coffer.identity..", "io.coffer.mail..",
                        "io.coffer.storage..", "io.coffer.idempotency..", "io.coffer.webhooks..", "io.coffer.events..",
                        "io.coffer.audit..", "io.coffer.activity..", "io.coffer.automation..")
                .because("the outbox stands on tenancy, platform and shared only; the modules doing the work implement"
                        + " its handlers")
                .check(EJB_CLASSES);
        noClasses().that().resideOutsideOfPackages("io.coffer.webhooks..", "io.coffer.automation..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.webhooks..")
                .because("webhooks sit above the domain: only automation calls them (and their own web face)")
                .check(EJB_CLASSES);
    }

    /**
     * Issue 18: file requests sit above documents and datarooms; nothing in the domain depends on them (the events
     * mapping and the activity module's erasure read their face), and their senders' data face is the activity
     * module's only.
     */
    @Test
    void fileRequestsSitAboveTheDomain() {
        noClasses().that().resideOutsideOfPackages("io.coffer.filerequests..", "io.coffer.events..",
                        "io.coffer.activity..")
                .should().dependOnClassesThat().resideInAPackage("io.coffer.filerequests..")
                .because("file requests are above documents and datarooms (they talk down; events go up)")
                .check(EJB_CLASSES);
        noClasses().that().resideOutsideOfPackages("io.coffer.activity..", "io.coffer.filerequests..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.coffer.filerequests.SenderData")
                .because("erasing or ageing senders' emails is the activity module's, after its role check (ACT-12)")
                .check(EJB_CLASSES);
    }

    /** Issue 12: the share links' visitor data face checks no caller: erasure and retention (activity) only. */
    @Test
    void act12_onlyTheActivityModuleReachesTheVisitorsPersonalData() {
        noClasses().that().resideOutsideOfPackages("io.coffer.activity..", "io.coffer.sharelinks..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.coffer.sharelinks.VisitorData")
                .because("erasing or ageing visitors' data is the activity module's, after its role check (ACT-12)")
                .check(EJB_CLASSES);
        org.junit.jupiter.api.Assertions.assertFalse(EJB_CLASSES.get("io.coffer.sharelinks.VisitorData")
                .getDirectDependenciesToSelf().isEmpty(), "nothing calls VisitorData: the rule above checks nothing");
    }

    /**
     * Issue 12: the beacon facts (a link as last checked, per instance) serve beacons (ACT-31) and, since issue 14,
     * the page image path guarded by the same access generation (SL-46) — never trees, downloads or tickets.
     */
    @Test
    void act31_sl46_onlyBeaconsAndPageImagesReadTheLinksFactsFromMemory() {
        noClasses().that().haveNameNotMatching("io\\.coffer\\.sharelinks\\.BeaconChecks(\\$.*)?")
                .and().haveNameNotMatching("io\\.coffer\\.sharelinks\\.internal\\.BeaconFacts(\\$.*)?")
                .and().doNotHaveFullyQualifiedName("io.coffer.sharelinks.internal.VisitorGate")
                .should().dependOnClassesThat().haveNameMatching("io\\.coffer\\.sharelinks\\.internal\\.BeaconFacts.*")
                .because("trees, downloads and tickets check the link at each request (ACT-31, SL-4)")
                .check(EJB_CLASSES);
        noClasses().that().haveFullyQualifiedName("io.coffer.sharelinks.internal.VisitorGate")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a method of BeaconFacts from anywhere but visitingForPage",
                        (com.tngtech.archunit.core.domain.JavaMethodCall call) -> call.getTargetOwner().getName()
                                .startsWith("io.coffer.sharelinks.internal.BeaconFacts")
                                && !call.getOrigin().getName().equals("visitingForPage")))
                .because("of the gate, only the page image path reads the facts (SL-46)")
                .check(EJB_CLASSES);
        org.junit.jupiter.api.Assertions.assertFalse(EJB_CLASSES.get("io.coffer.sharelinks.internal.BeaconFacts")
                .getDirectDependenciesToSelf().isEmpty(), "nothing reads BeaconFacts: the rule above checks nothing");
    }

    /** Issue 11: an EntityManager (and what it reaches) stays behind a module's face, in its internal package. */
    @Test
    void noEntityManagerInAPublicPackage() {
        noClasses().that().resideOutsideOfPackage("..internal..")
                .should().dependOnClassesThat().areAssignableTo(jakarta.persistence.EntityManager.class)
                .because("a public face answers records and typed ids; persistence is its module's business")
                .check(EJB_CLASSES);
    }

    /** Issue 11: publishers inject Event of their own sealed event type, never Event of Object. */
    @Test
    void publishersInjectTheirOwnEventType() {
        java.util.List<String> untyped = new java.util.ArrayList<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : EJB_CLASSES) {
            for (com.tngtech.archunit.core.domain.JavaField f : c.getFields()) {
                if (f.getRawType().isEquivalentTo(jakarta.enterprise.event.Event.class)
                        && f.reflect().getGenericType().getTypeName().endsWith("<java.lang.Object>")) {
                    untyped.add(f.getFullName());
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), untyped, "fields of type Event<Object>");
    }

    private static java.util.Set<String> callersOf(Class<?> owner, String method) {
        java.util.Set<String> callers = new java.util.TreeSet<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : EJB_CLASSES) {
            for (com.tngtech.archunit.core.domain.JavaMethodCall call : c.getMethodCallsFromSelf()) {
                if (call.getTarget().getOwner().isEquivalentTo(owner) && call.getName().equals(method)
                        && !c.isEquivalentTo(owner)) {
                    callers.add(c.getName().replaceAll("\\$.*", ""));
                }
            }
        }
        return callers;
    }

    private static void assertCalledOnlyFrom(Class<?> owner, String method, java.util.Set<String> allowed) {
        java.util.Set<String> others = new java.util.TreeSet<>(callersOf(owner, method));
        others.removeAll(allowed);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), others,
                owner.getSimpleName() + "." + method + " asked outside delegated access (PERM-16)");
    }
}
