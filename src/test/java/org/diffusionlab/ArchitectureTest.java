package org.diffusionlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The one rule of docs/architecture.md: the engine (and its data) knows nothing of the UI, and the command
 * line drives the engine without JavaFX. Rules allow an empty "should" so that they hold while a
 * package has no classes yet.
 */
@AnalyzeClasses(packages = "org.diffusionlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineAndDataKnowNothingOfTheUi = noClasses()
            .that().resideInAnyPackage("org.diffusionlab.engine..", "org.diffusionlab.data..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "org.diffusionlab.app..", "org.diffusionlab.cli..",
                    "org.controlsfx..", "org.jfree..")
            .allowEmptyShould(true)
            .because("the engine is headless; the app and cli depend on it, never the other way round");

    @ArchTest
    static final ArchRule cliIsHeadless = noClasses()
            .that().resideInAPackage("org.diffusionlab.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "..app..")
            .allowEmptyShould(true)
            .because("the command line must run without a display");

    @ArchTest
    static final ArchRule appLeavesNd4jToTheEngine = noClasses()
            .that().resideInAPackage("org.diffusionlab.app..")
            .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
            .because("ND4J arrays belong to the engine and are used only on the app's worker threads, through "
                    + "engine calls such as Trainer and Snapshot.toModel(); the UI sees plain Java values");

    /** Guards against the rules above passing only because the import found nothing at all. */
    @Test
    void importSeesTheProductionClasses() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.diffusionlab");
        assertTrue(classes.contain("org.diffusionlab.app.DiffusionLabApp"));
        assertTrue(classes.contain("org.diffusionlab.Version"));
    }
}
