package cn.campuspass.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import cn.campuspass.CampusPassApplication;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps module boundaries honest: Spring Modulith's verification plus a few ArchUnit rules. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(CampusPassApplication.class);
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.campuspass");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void expectedModulesAreDetected() {
        org.assertj.core.api.Assertions.assertThat(
                        MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("platform", "storage", "tenant", "organization", "wechat");
    }

    @Test
    void platformKernelDependsOnNoFeatureModule() {
        noClasses()
                .that()
                .resideInAPackage("cn.campuspass.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "cn.campuspass.tenant..",
                        "cn.campuspass.organization..",
                        "cn.campuspass.wechat..",
                        "cn.campuspass.storage..")
                .check(CLASSES);
    }

    @Test
    void schoolModulesNeverReachIntoTheOperatorSide() {
        noClasses()
                .that()
                .resideInAnyPackage("cn.campuspass.organization..", "cn.campuspass.wechat..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("cn.campuspass.tenant..")
                .check(CLASSES);
    }

    @Test
    void controllersDoNotTouchRepositories() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(CLASSES);
    }

    @Test
    void writeModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
