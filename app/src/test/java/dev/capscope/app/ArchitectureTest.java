package dev.capscope.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering, as rules over the compiled production classes of every module (core, bridge,
 * app): the core is a headless library, the bridge's raw JNA binding stays behind its driver,
 * view models hold state without building scenes, and only the command line writes to the
 * standard streams.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notATestJar)
                .importPackages("dev.capscope");
        // The rules below would pass vacuously on an empty import.
        assertTrue(classes.contain("dev.capscope.core.model.CapSpace"), "core imported");
        assertTrue(classes.contain("dev.capscope.bridge.driver.BridgeConnection"), "bridge imported");
        assertTrue(classes.contain("dev.capscope.app.cli.CapscopeCli"), "app imported");
    }

    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    @Test
    void coreUsesNeitherJavaFxNorJnaNorTheLayersAboveIt() {
        noClasses().that().resideInAPackage("dev.capscope.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.jna..",
                        "org.controlsfx..", "atlantafx..", "picocli..", "dev.capscope.bridge..", "dev.capscope.app..")
                .check(classes);
    }

    @Test
    void viewModelsDoNotBuildScenes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void onlyTheDriverUsesTheRawNativeBinding() {
        noClasses().that().resideOutsideOfPackages("dev.capscope.bridge.jna..", "dev.capscope.bridge.driver..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.capscope.bridge.jna..", "com.sun.jna..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.capscope.app.cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .check(classes);
    }
}
