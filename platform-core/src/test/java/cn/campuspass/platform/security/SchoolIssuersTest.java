package cn.campuspass.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.school.SchoolStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class SchoolIssuersTest {

    final List<SchoolCode> lookups = new ArrayList<>();
    final SchoolDirectory directory = code -> {
        lookups.add(code);
        return code.value().equals("alpha")
                ? Optional.of(new SchoolEntry(code, "A", SchoolStatus.ACTIVE, SchemaState.CURRENT, "main", "main"))
                : Optional.empty();
    };
    final KeycloakProperties keycloak = new KeycloakProperties(
            "https://id.example.edu.cn/", Map.of("kc2", "https://id2.example.edu.cn"), null, null, null, null, null);
    final SchoolIssuers issuers = new SchoolIssuers(keycloak, directory);

    @Test
    void trustsExactlyThePlatformRealmAndRegisteredSchoolRealms() {
        assertThat(issuers.isPlatform("https://id.example.edu.cn/realms/platform"))
                .isTrue();
        assertThat(issuers.isPlatform("https://id.example.edu.cn/realms/platform/"))
                .isFalse();
        assertThat(issuers.schoolOf("https://id.example.edu.cn/realms/school-alpha"))
                .isPresent();
    }

    @Test
    void refusesLookalikesWithoutAskingTheRegistryForInvalidNames() {
        assertThat(issuers.schoolOf("https://evil.example.com/realms/school-alpha"))
                .isEmpty();
        assertThat(issuers.schoolOf("https://id2.example.edu.cn/realms/school-alpha"))
                .as("wrong cluster")
                .isEmpty();
        assertThat(issuers.schoolOf("https://id.example.edu.cn/realms/school-beta"))
                .isEmpty();
        lookups.clear();
        assertThat(issuers.schoolOf("https://id.example.edu.cn/realms/school-Alpha%20"))
                .isEmpty();
        assertThat(issuers.schoolOf(null)).isEmpty();
        assertThat(lookups).isEmpty();
    }

    @Test
    void platformAndSchoolRolesMapToDisjointAuthorities() {
        Jwt schoolToken = jwt(List.of("school-admin", "gate-guard", "platform-operator"));
        // A school token only says "a school realm signed this": its role names grant nothing by themselves.
        assertThat(RealmRolesConverter.schoolAuthorities(schoolToken).stream().map(GrantedAuthority::getAuthority))
                .containsExactly("ROLE_SCHOOL_USER");
        assertThat(RealmRolesConverter.platformAuthorities(schoolToken).stream().map(GrantedAuthority::getAuthority))
                .containsExactly("ROLE_OPERATOR");
        assertThat(RealmRolesConverter.platformAuthorities(jwt(List.of("school-admin"))))
                .isEmpty();
    }

    private static Jwt jwt(List<String> roles) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
    }
}
