package dev.speckitty.orchestrator.testkit.mission;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the mission, project and agent packages of the test kit layered and free of cycles. */
class TestkitPackagesArchTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.speckitty.orchestrator.testkit.mission", "dev.speckitty.orchestrator.testkit.project",
                    "dev.speckitty.orchestrator.testkit.agent");

    @Test
    void noCyclesBetweenPackagesIncludingInternals() {
        slices().matching("dev.speckitty.orchestrator.testkit.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void missionDependsOnNeitherProjectNorAgent() {
        noClasses().that().resideInAPackage("dev.speckitty.orchestrator.testkit.mission..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.speckitty.orchestrator.testkit.project..",
                        "dev.speckitty.orchestrator.testkit.agent..", "dev.speckitty.orchestrator.testkit.host..")
                .check(CLASSES);
    }

    @Test
    void projectDoesNotDependOnAgentOrHost() {
        noClasses().that().resideInAPackage("dev.speckitty.orchestrator.testkit.project..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.speckitty.orchestrator.testkit.agent..",
                        "dev.speckitty.orchestrator.testkit.host..")
                .check(CLASSES);
    }

    @Test
    void scriptedAgentStaysLightAndOffTheHost() {
        // The agent starts once per run: it must not pull in the simulated host or JUnit.
        noClasses().that().resideInAPackage("dev.speckitty.orchestrator.testkit.agent..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.speckitty.orchestrator.testkit.host..", "org.junit..")
                .check(CLASSES);
    }
}
