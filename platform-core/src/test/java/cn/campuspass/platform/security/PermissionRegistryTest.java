package cn.campuspass.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionRegistryTest {

    @Test
    void refusesCodesThatAreNotModuleResourceAction() {
        for (String bad : List.of("registrant:view", "Registrant:registrant:view", "a:b:c:d", "a::c", "a:b:c ")) {
            assertThatThrownBy(() -> PermissionDefinition.of(bad, PermissionMenu.REGISTRANT, "x", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(PermissionDefinition.of("registrant:personal-data:view", PermissionMenu.REGISTRANT, "x", "x")
                        .module())
                .isEqualTo("registrant");
    }

    @Test
    void refusesADuplicateDeclaration() {
        var one = PermissionDefinition.of("a:b:view", PermissionMenu.HOME, "x", "x");
        var two = PermissionDefinition.of("a:b:view", PermissionMenu.ACCESS, "y", "y");
        assertThatThrownBy(() -> new PermissionRegistry(List.of(one, two)))
                .hasMessageContaining("declared twice: a:b:view");
    }

    @Test
    void refusesAPlatformPermissionGrantedToASchoolRole() {
        var leak = PermissionDefinition.of(
                "platform:school:manage", PermissionMenu.PLATFORM, "x", "x", SeededRole.SECURITY_OFFICER);
        assertThatThrownBy(() -> new PermissionRegistry(List.of(leak))).hasMessageContaining("platform permission");
    }

    @Test
    void keepsPlatformAndSchoolPermissionsApartAndOrdersByMenu() {
        var registry = new PermissionRegistry(List.of(
                PermissionDefinition.of("platform:school:view", PermissionMenu.PLATFORM, "x", "x"),
                PermissionDefinition.of("access:record:view", PermissionMenu.ACCESS, "x", "x"),
                PermissionDefinition.of("home:dashboard:view", PermissionMenu.HOME, "x", "x")));
        assertThat(registry.schoolPermissionCodes())
                .containsExactlyInAnyOrder("access:record:view", "home:dashboard:view");
        assertThat(registry.platformPermissionCodes()).containsExactly("platform:school:view");
        assertThat(registry.all())
                .extracting(PermissionDefinition::code)
                .containsExactly("home:dashboard:view", "access:record:view", "platform:school:view");
    }
}
