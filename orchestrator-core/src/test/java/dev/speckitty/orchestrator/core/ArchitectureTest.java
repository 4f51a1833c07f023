package dev.speckitty.orchestrator.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.speckitty.orchestrator.core");

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.speckitty.orchestrator.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreDependsNeitherOnTheCliNorOnTheTestKit() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.speckitty.orchestrator.cli..", "dev.speckitty.orchestrator.testkit..")
                .check(CORE);
    }

    @Test
    void spiAndStateDoNotDependOnTheEngineOrItsInternals() {
        noClasses().that().resideInAnyPackage("dev.speckitty.orchestrator.core.spi..",
                        "dev.speckitty.orchestrator.core.state..", "dev.speckitty.orchestrator.core.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.speckitty.orchestrator.core")
                .check(CORE);
    }
}
