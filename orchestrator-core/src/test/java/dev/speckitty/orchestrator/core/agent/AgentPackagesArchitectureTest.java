package dev.speckitty.orchestrator.core.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter packages depend only on the SPI and each other, one way. */
class AgentPackagesArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.speckitty.orchestrator.core.agent");

    @Test
    void internalDoesNotDependOnThePublicAgentPackage() {
        noClasses().that().resideInAPackage("..core.agent.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.speckitty.orchestrator.core.agent")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnTheEngineTheCliOrTheTestKit() {
        noClasses().that().resideInAPackage("..core.agent..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.speckitty.orchestrator.core", "dev.speckitty.orchestrator.core.internal..",
                        "dev.speckitty.orchestrator.cli..", "dev.speckitty.orchestrator.testkit..")
                .check(CLASSES);
    }
}
