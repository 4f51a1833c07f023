package dev.speckitty.orchestrator.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI stays thin: only public APIs of the other modules, and only {@link Main} exits the JVM. */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.speckitty.orchestrator.cli");

    @Test
    void usesOnlyPublicApisOfTheOtherModules() {
        noClasses().that().resideInAPackage("dev.speckitty.orchestrator.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.speckitty.orchestrator.client..internal..",
                        "dev.speckitty.orchestrator.core..internal..",
                        "dev.speckitty.orchestrator.testkit..internal..")
                .check(CLI);
    }

    @Test
    void onlyMainExitsTheJvm() {
        noClasses().that().resideInAPackage("dev.speckitty.orchestrator.cli..")
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(System.class, "exit", int.class)
                .check(CLI);
    }
}
