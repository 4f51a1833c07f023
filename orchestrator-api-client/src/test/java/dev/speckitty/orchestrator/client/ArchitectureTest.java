package dev.speckitty.orchestrator.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package structure and API hygiene of the client module. */
class ArchitectureTest {
    private static final String ROOT = "dev.speckitty.orchestrator.client";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertThat(classes.stream().map(JavaClass::getPackageName)).contains(ROOT, ROOT + ".internal",
                ROOT + ".model", ROOT + ".policy", ROOT + ".error", ROOT + ".spi", ROOT + ".transport");
    }

    /** Each package is its own slice, so a cycle between any two packages (including the root) is caught. */
    @Test
    void noPackageCycles() {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return javaClass.getPackageName().startsWith(ROOT)
                        ? SliceIdentifier.of(javaClass.getPackageName())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + ROOT;
            }
        };
        SlicesRuleDefinition.slices().assignedFrom(byPackage).should().beFreeOfCycles().check(classes);
    }

    @Test
    void noDependencyOnCliLibrariesOrOtherModules() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.jline..", "ch.qos.logback..",
                        "org.slf4j.simple..", "dev.speckitty.orchestrator.core..", "dev.speckitty.orchestrator.cli..",
                        "..testkit..")
                .check(classes);
    }

    @Test
    void nobodyExitsTheJvm() {
        noClasses().should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(classes);
    }

    @Test
    void publicSignaturesNeverExposeInternalPackages() {
        apiClasses().should(haveSignaturesFreeOf("an internal type", t -> t.getPackageName().contains(".internal")))
                .check(classes);
    }

    @Test
    void publicSignaturesNeverExposeImmutablesImplementations() {
        apiClasses().should(haveSignaturesFreeOf("a generated Immutable* class",
                t -> t.getPackageName().startsWith(ROOT) && outermost(t).getSimpleName().startsWith("Immutable")))
                .check(classes);
    }

    @Test
    void publicSignaturesNeverExposeJackson() {
        apiClasses().should(haveSignaturesFreeOf("a Jackson type",
                t -> t.getPackageName().startsWith("com.fasterxml.jackson"))).check(classes);
    }

    @Test
    void generatedImplementationsAreNotPublic() {
        classes().that().haveSimpleNameStartingWith("Immutable").and().areTopLevelClasses()
                .should().notBePublic().check(classes);
    }

    private static com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction apiClasses() {
        return classes().that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>(
                "are effectively public outside internal packages") {
            @Override
            public boolean test(JavaClass c) {
                return !c.getPackageName().contains(".internal") && effectivelyPublic(c);
            }
        });
    }

    static boolean effectivelyPublic(JavaClass c) {
        if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        return c.getEnclosingClass().map(ArchitectureTest::effectivelyPublic).orElse(true);
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass cur = c;
        while (cur.getEnclosingClass().isPresent()) {
            cur = cur.getEnclosingClass().get();
        }
        return cur;
    }

    /** Checks return, parameter and field types (with their type arguments) of public and protected members. */
    private static ArchCondition<JavaClass> haveSignaturesFreeOf(String what, Predicate<JavaClass> banned) {
        return new ArchCondition<>("have public signatures free of " + what) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    if (!exposed(unit.getModifiers())) {
                        continue;
                    }
                    Set<JavaClass> types = new HashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
                    unit.getParameterTypes().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
                    report(c, unit.getFullName(), types, events);
                }
                for (JavaField f : c.getFields()) {
                    if (exposed(f.getModifiers())) {
                        report(c, f.getFullName(), f.getType().getAllInvolvedRawTypes(), events);
                    }
                }
            }

            private boolean exposed(Set<JavaModifier> modifiers) {
                return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
            }

            private void report(JavaClass c, String member, Set<JavaClass> types, ConditionEvents events) {
                for (JavaClass t : types) {
                    JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
                    if (banned.test(base)) {
                        events.add(SimpleConditionEvent.violated(c, member + " exposes " + base.getName()));
                    }
                }
            }
        };
    }
}
