package cn.campuspass.tenant.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.school.SchoolCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Exact redirect URIs: what the console client gets per school, and the start-up refusal of wildcards. */
class SchoolRealmDefinitionTest {

    @Test
    void byDefaultEachSchoolGetsTheConsoleEntryAndItsOwnGuardPageExactly() {
        SchoolRealmDefinition definition =
                new SchoolRealmDefinition("https://pass.example.edu.cn", List.of(), env("prod"));
        assertThat(definition.redirectUris(SchoolCode.of("pku")))
                .containsExactly(
                        "https://pass.example.edu.cn/admin/",
                        "https://pass.example.edu.cn/portal/pku/guard",
                        "https://pass.example.edu.cn/portal/pku/staff");
    }

    @Test
    void configuredUrisNameTheSchoolByPlaceholder() {
        SchoolRealmDefinition definition = new SchoolRealmDefinition(
                "https://pass.example.edu.cn",
                List.of("https://console.example.edu.cn/admin/", "https://m.example.edu.cn/portal/{school}/guard"),
                env("prod"));
        assertThat(definition.redirectUris(SchoolCode.of("thu")))
                .containsExactly("https://console.example.edu.cn/admin/", "https://m.example.edu.cn/portal/thu/guard");
    }

    @Test
    void aWildcardRedirectUriIsRefusedAtStartUpOutsideTheLocalProfile() {
        assertThatThrownBy(() -> new SchoolRealmDefinition(
                        "https://pass.example.edu.cn", List.of("https://pass.example.edu.cn/admin/*"), env("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> new SchoolRealmDefinition("https://x", List.of("*"), env()))
                .isInstanceOf(IllegalStateException.class);
        // The local stack's any-port setting stays possible there.
        assertThat(new SchoolRealmDefinition("http://127.0.0.1:8080", List.of("*"), env("local"))
                        .redirectUris(SchoolCode.of("demo")))
                .containsExactly("*");
    }

    private static MockEnvironment env(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
