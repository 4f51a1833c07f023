package dev.speckitty.orchestrator.testkit.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The simulated host's internals never depend on its API package (so there is no package cycle). */
class HostArchitectureTest {
    @Test
    void internalDoesNotDependOnTheApiPackage() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.speckitty.orchestrator.testkit.host");
        noClasses().that().resideInAPackage("..testkit.host.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.speckitty.orchestrator.testkit.host")
                .check(classes);
        noClasses().that().resideInAPackage("..testkit.host..")
                .should().dependOnClassesThat().resideInAnyPackage("..testkit.agent..", "..testkit.junit..",
                        "..testkit.mission..", "..testkit.project..")
                .check(classes);
    }
}
