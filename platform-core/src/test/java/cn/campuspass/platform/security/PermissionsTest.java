package cn.campuspass.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void schoolAdminMayDoEverything() {
        assertThat(Permissions.of(List.of("school-admin"))).containsExactlyInAnyOrderElementsOf(Permissions.ALL);
        assertThat(Permissions.ALL).hasSize(9);
    }

    @Test
    void securityOfficerMayDoAllButSettings() {
        assertThat(Permissions.of(List.of("security-officer")))
                .hasSize(8)
                .doesNotContain(Permissions.SETTINGS_MANAGE)
                .contains(Permissions.REGISTRANT_IMPORT, Permissions.DEVICE_MANAGE, Permissions.PASS_VERIFY);
    }

    @Test
    void departmentAdminAndGateGuardSeeLittle() {
        assertThat(Permissions.of(List.of("department-admin")))
                .containsExactly(Permissions.ACCESS_RECORD_VIEW, Permissions.REGISTRANT_VIEW);
        assertThat(Permissions.of(List.of("gate-guard"))).containsExactly(Permissions.PASS_VERIFY);
    }

    @Test
    void rolesCombineAndUnknownRolesGrantNothing() {
        assertThat(Permissions.of(List.of("gate-guard", "department-admin")))
                .containsExactly(Permissions.ACCESS_RECORD_VIEW, Permissions.PASS_VERIFY, Permissions.REGISTRANT_VIEW);
        assertThat(Permissions.of(List.of("offline_access", "default-roles-school-x", "platform-operator")))
                .isEmpty();
        assertThat(Permissions.schoolRoles())
                .containsExactly("school-admin", "security-officer", "department-admin", "gate-guard");
    }
}
