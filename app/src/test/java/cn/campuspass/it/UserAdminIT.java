package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffDirectorySync;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A3.3 over HTTP on the real stack: the list with its columns and filters, every operation, bad input, phone
 * uniqueness, a disabled user's sessions ending, temporary passwords, WeChat unbinding, realm accounts made elsewhere
 * appearing in the list, and nobody handing out permissions they do not hold.
 */
class UserAdminIT extends StackTest {

    static final String SCHOOL = "useruni";

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    StaffDirectorySync sync;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void schoolAdminManagesSystemUsers() {
        onboard(SCHOOL, "admin", "13800000000", "UserUni@2026");
        String admin = Tokens.school(SCHOOL, "admin", "UserUni@2026");
        RealmResource realm = keycloak.realm(null, "school-" + SCHOOL);
        String schema = SchoolCode.of(SCHOOL).schemaName();

        long department = Http.post(url("/admin/api/departments"), admin, Map.of("name", "保卫处"))
                .json()
                .path("id")
                .asLong();
        long otherDepartment = Http.post(url("/admin/api/departments"), admin, Map.of("name", "计算机学院"))
                .json()
                .path("id")
                .asLong();
        long position = jdbc.queryForObject(
                "INSERT INTO " + schema + ".job_position (name) VALUES ('门卫班长') RETURNING id", Long.class);
        Map<String, Long> roleIds = new HashMap<>();
        Http.get(url("/admin/api/roles"), admin)
                .json()
                .valueStream()
                .forEach(r ->
                        roleIds.put(r.path("realmRole").asString(), r.path("id").asLong()));

        // The first admin, created by onboarding in the realm only, is in the list.
        JsonNode first = Http.get(url("/admin/api/users"), admin).json();
        assertThat(first.path("total").asLong()).isEqualTo(1);
        JsonNode adminRow = first.path("items").get(0);
        assertThat(adminRow.path("username").asString()).isEqualTo("admin");
        assertThat(adminRow.path("phone").asString()).isEqualTo("138****0000");
        assertThat(names(adminRow.path("roles"), "name")).containsExactly("学校管理员");
        String adminId = adminRow.path("id").asString();

        // Create: initial password checked by the realm's policy, to be changed at first sign-in.
        Map<String, Object> guard = new HashMap<>();
        guard.put("username", "Guard1");
        guard.put("name", "张门卫");
        guard.put("phone", "+86 138-0000-0011");
        guard.put("roleIds", List.of(roleIds.get("gate-guard")));
        guard.put("positionId", position);
        guard.put("departmentIds", List.of(department));
        guard.put("password", "short");
        Http.Response weak = Http.post(url("/admin/api/users"), admin, guard);
        assertThat(weak.status()).as(weak.body()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("UPSTREAM_REFUSED");
        assertThat(realm.users().searchByUsername("guard1", true)).isEmpty();
        guard.put("password", "Initial@2026");
        Http.Response created = Http.post(url("/admin/api/users"), admin, guard);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.json();
        String guardId = user.path("id").asString();
        assertThat(user.path("username").asString()).isEqualTo("guard1");
        assertThat(user.path("phone").asString()).isEqualTo("13800000011");
        assertThat(user.path("position").path("name").asString()).isEqualTo("门卫班长");
        assertThat(names(user.path("departments"), "name")).containsExactly("保卫处");
        assertThat(user.path("updatedBy").asString()).isEqualTo("admin");
        UserRepresentation rep = realm.users().get(guardId).toRepresentation();
        assertThat(rep.getRequiredActions()).contains("UPDATE_PASSWORD");
        assertThat(realmRoles(realm, guardId)).contains("gate-guard");

        // Bad input: a 4xx with a stable code each; phone unique in the school.
        assertThat(createWith(admin, guard, "username", "guard1").code()).isEqualTo("USERNAME_TAKEN");
        Map<String, Object> other = new HashMap<>(guard);
        other.put("username", "guard2");
        assertThat(createWith(admin, other, "phone", "13800000011").code()).isEqualTo("PHONE_TAKEN");
        assertThat(createWith(admin, other, "phone", "13800000000").code()).isEqualTo("PHONE_TAKEN");
        assertThat(createWith(admin, other, "phone", "12345").code()).isEqualTo("PHONE_INVALID");
        assertThat(createWith(admin, other, "username", "a b").code()).isEqualTo("USERNAME_INVALID");
        assertThat(createWith(admin, other, "username", "").code()).isEqualTo("USERNAME_INVALID");
        assertThat(createWith(admin, other, "name", "").code()).isEqualTo("NAME_INVALID");
        assertThat(createWith(admin, other, "roleIds", List.of()).code()).isEqualTo("USER_ROLES_REQUIRED");
        assertThat(createWith(admin, other, "roleIds", List.of(99999)).code()).isEqualTo("USER_ROLE_UNKNOWN");
        assertThat(createWith(admin, other, "departmentIds", List.of(99999)).code())
                .isEqualTo("DEPARTMENT_UNKNOWN");
        assertThat(createWith(admin, other, "positionId", 99999).code()).isEqualTo("POSITION_UNKNOWN");
        assertThat(createWith(admin, other, "password", "").code()).isEqualTo("PASSWORD_REQUIRED");
        assertThat(realm.users().searchByUsername("guard2", true)).isEmpty();

        // The list: columns and filters.
        JsonNode row = list(admin, "text=guard").path("items").get(0);
        assertThat(row.path("username").asString()).isEqualTo("guard1");
        assertThat(row.path("name").asString()).isEqualTo("张门卫");
        assertThat(row.path("phone").asString()).isEqualTo("138****0011");
        assertThat(names(row.path("roles"), "name")).containsExactly("门岗");
        assertThat(row.path("position").path("name").asString()).isEqualTo("门卫班长");
        assertThat(names(row.path("departments"), "name")).containsExactly("保卫处");
        assertThat(row.path("enabled").asBoolean()).isTrue();
        assertThat(row.path("createdAt").asString()).isNotBlank();
        assertThat(list(admin, "text=0011").path("total").asLong()).isEqualTo(1);
        assertThat(list(admin, "text=" + Http.enc("张")).path("total").asLong()).isEqualTo(1);
        assertThat(list(admin, "roleId=" + roleIds.get("gate-guard"))
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(list(admin, "departmentId=" + department).path("total").asLong())
                .isEqualTo(1);
        assertThat(list(admin, "departmentId=" + otherDepartment).path("total").asLong())
                .isZero();
        assertThat(list(admin, "enabled=false").path("total").asLong()).isZero();
        assertThat(list(admin, "size=1&page=1").path("items").size()).isEqualTo(1);
        assertThat(list(admin, "size=1&page=1").path("total").asLong()).isEqualTo(2);
        assertThat(Http.get(url("/admin/api/users/" + guardId), admin)
                        .json()
                        .path("phone")
                        .asString())
                .isEqualTo("13800000011");
        assertThat(Http.get(url("/admin/api/users/no-such-user"), admin).status())
                .isEqualTo(404);

        // The guard signs in, changing the initial password first.
        BrowserLogin.Tokens guardTokens = RoleAdminIT.firstLoginTokens(SCHOOL, "guard1", "Initial@2026", "Guard@20261");
        JsonNode guardMe =
                Http.get(url("/admin/api/me"), guardTokens.accessToken()).json();
        assertThat(guardMe.path("departments").toString()).isEqualTo("[\"保卫处\"]");
        assertThat(guardMe.path("position").asString()).isEqualTo("门卫班长");

        // Edit: name, phone, roles (realm mappings follow), departments, position.
        Map<String, Object> edit = new HashMap<>();
        edit.put("name", "张班长");
        edit.put("phone", "13800000012");
        edit.put("roleIds", List.of(roleIds.get("department-admin")));
        edit.put("positionId", null);
        edit.put("departmentIds", List.of(department, otherDepartment));
        Http.Response edited = Http.put(url("/admin/api/users/" + guardId), admin, edit);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("name").asString()).isEqualTo("张班长");
        assertThat(edited.json().path("position").isNull()).isTrue();
        assertThat(names(edited.json().path("roles"), "name")).containsExactly("部门管理员");
        assertThat(realmRoles(realm, guardId)).contains("department-admin").doesNotContain("gate-guard");
        assertThat(realm.users().get(guardId).toRepresentation().getAttributes().get("phone"))
                .containsExactly("13800000012");
        Map<String, Object> stealPhone = new HashMap<>(edit);
        stealPhone.put("phone", "13800000000");
        assertThat(Http.put(url("/admin/api/users/" + guardId), admin, stealPhone)
                        .code())
                .isEqualTo("PHONE_TAKEN");
        assertThat(Http.put(url("/admin/api/users/no-such-user"), admin, edit).status())
                .isEqualTo(404);

        // Disable: the realm refuses the user, their sessions end (refresh fails), their token grants nothing.
        String departmentAdmin = Tokens.school(SCHOOL, "guard1", "Guard@20261");
        BrowserLogin.Tokens session = Tokens.schoolLogin(SCHOOL, "guard1", "Guard@20261");
        assertThat(Http.get(url("/admin/api/registrants"), departmentAdmin).status())
                .isEqualTo(200);
        Http.Response disabled = Http.post(url("/admin/api/users/" + guardId + "/disable"), admin, Map.of());
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(realm.users().get(guardId).toRepresentation().isEnabled()).isFalse();
        assertThat(realm.users().get(guardId).getUserSessions()).isEmpty();
        assertThat(Tokens.browser(SCHOOL).refresh(session.refreshToken()).ok()).isFalse();
        assertThat(Tokens.browser(SCHOOL).refresh(guardTokens.refreshToken()).ok())
                .isFalse();
        assertThat(Tokens.schoolLogin(SCHOOL, "guard1", "Guard@20261").ok()).isFalse();
        long deadline = System.nanoTime() + 15_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline
                && (status = Http.get(url("/admin/api/registrants"), departmentAdmin)
                                .status())
                        != 403) {
            sleep(200);
        }
        assertThat(status).isEqualTo(403);
        assertThat(list(admin, "enabled=false").path("total").asLong()).isEqualTo(1);
        assertThat(Http.post(url("/admin/api/users/" + adminId + "/disable"), admin, Map.of())
                        .code())
                .isEqualTo("USER_SELF");
        assertThat(Http.post(url("/admin/api/users/" + guardId + "/enable"), admin, Map.of())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(Tokens.schoolLogin(SCHOOL, "guard1", "Guard@20261").ok()).isTrue();

        // Reset password: a new temporary one, checked by the policy; the old one stops working.
        assertThat(Http.post(url("/admin/api/users/" + guardId + "/reset-password"), admin, Map.of("password", "weak"))
                        .code())
                .isEqualTo("UPSTREAM_REFUSED");
        assertThat(Http.post(url("/admin/api/users/" + guardId + "/reset-password"), admin, Map.of())
                        .code())
                .isEqualTo("PASSWORD_REQUIRED");
        assertThat(Http.post(
                                url("/admin/api/users/" + guardId + "/reset-password"),
                                admin,
                                Map.of("password", "Temporary@2026"))
                        .status())
                .isEqualTo(204);
        assertThat(Tokens.schoolLogin(SCHOOL, "guard1", "Guard@20261").ok()).isFalse();
        RoleAdminIT.firstLogin(SCHOOL, "guard1", "Temporary@2026", "Guard@20262");

        // Unbind WeChat: safe without a binding; removes a WeChat identity-provider link when there is one.
        Http.Response none = Http.post(url("/admin/api/users/" + guardId + "/unbind-wechat"), admin, Map.of());
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().path("removed").size()).isZero();
        IdentityProviderRepresentation wechat = new IdentityProviderRepresentation();
        wechat.setAlias("wechat");
        wechat.setProviderId("oidc");
        wechat.setEnabled(true);
        wechat.setConfig(Map.of(
                "clientId", "wx-test",
                "clientSecret", "secret",
                "authorizationUrl", "http://127.0.0.1:1/authorize",
                "tokenUrl", "http://127.0.0.1:1/token"));
        realm.identityProviders().create(wechat).close();
        FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
        link.setIdentityProvider("wechat");
        link.setUserId("o-staff-openid-1");
        link.setUserName("o-staff-openid-1");
        realm.users().get(guardId).addFederatedIdentity("wechat", link).close();
        assertThat(realm.users().get(guardId).getFederatedIdentity()).hasSize(1);
        Http.Response unbound = Http.post(url("/admin/api/users/" + guardId + "/unbind-wechat"), admin, Map.of());
        assertThat(unbound.json().path("removed").toString()).contains("identity-provider:wechat");
        assertThat(realm.users().get(guardId).getFederatedIdentity()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM platform.audit_event WHERE school_code = ? AND action = ?",
                        Long.class,
                        SCHOOL,
                        "staff-user.wechat-unbound"))
                .isEqualTo(2);

        // Managing users is not handing out more than one holds: a user manager without the registrant
        // permissions cannot give the school admin role, but can give a role within their own permissions.
        long managerRole = Http.post(
                        url("/admin/api/roles"),
                        admin,
                        Map.of(
                                "name",
                                "用户管理员",
                                "dataScope",
                                "OWN",
                                "permissions",
                                List.of("system:user:view", "system:user:manage", "system:role:view")))
                .json()
                .path("id")
                .asLong();
        long viewerRole = Http.post(
                        url("/admin/api/roles"),
                        admin,
                        Map.of("name", "用户查看", "dataScope", "OWN", "permissions", List.of("system:user:view")))
                .json()
                .path("id")
                .asLong();
        Map<String, Object> manager = new HashMap<>(other);
        manager.put("username", "manager");
        manager.put("phone", "13800000013");
        manager.put("roleIds", List.of(managerRole));
        assertThat(Http.post(url("/admin/api/users"), admin, manager).status()).isEqualTo(201);
        String managerToken = RoleAdminIT.firstLogin(SCHOOL, "manager", "Initial@2026", "Manager@2026");
        Map<String, Object> escalate = new HashMap<>(other);
        escalate.put("username", "boss");
        escalate.put("phone", "13800000014");
        escalate.put("roleIds", List.of(roleIds.get("school-admin")));
        Http.Response refused = Http.post(url("/admin/api/users"), managerToken, escalate);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("GRANT_BEYOND_CALLER");
        assertThat(Http.put(
                                url("/admin/api/users/" + adminId),
                                managerToken,
                                Map.of(
                                        "name", "管理员",
                                        "phone", "13800000000",
                                        "roleIds", List.of(viewerRole)))
                        .code())
                .as("taking the school admin role away needs its permissions too")
                .isEqualTo("GRANT_BEYOND_CALLER");
        escalate.put("roleIds", List.of(viewerRole));
        assertThat(Http.post(url("/admin/api/users"), managerToken, escalate).status())
                .isEqualTo(201);

        // A realm account given a known role in Keycloak's own console appears once the school is synced again.
        realms.ensureUser(
                realm,
                new SchoolRealmProvisioner.FirstAdmin(
                        "kcguard", "外部门卫", PhoneNumber.parse("13800000015").orElseThrow(), "KcGuard@2026"),
                "gate-guard");
        sync.forget(SchoolCode.of(SCHOOL));
        JsonNode imported = list(admin, "text=kcguard");
        assertThat(imported.path("total").asLong()).isEqualTo(1);
        assertThat(names(imported.path("items").get(0).path("roles"), "name")).containsExactly("门岗");

        // Delete: not oneself; the account leaves the realm and the list.
        assertThat(Http.delete(url("/admin/api/users/" + adminId), admin).code())
                .isEqualTo("USER_SELF");
        assertThat(Http.delete(url("/admin/api/users/" + guardId), admin).status())
                .isEqualTo(204);
        assertThat(realm.users().searchByUsername("guard1", true)).isEmpty();
        assertThat(Http.get(url("/admin/api/users/" + guardId), admin).status()).isEqualTo(404);
        assertThat(list(admin, "text=guard1").path("total").asLong()).isZero();

        // Only with the permissions: no token, a view-only user.
        assertThat(Http.get(url("/admin/api/users"), null).status()).isEqualTo(401);
        String viewer = RoleAdminIT.firstLogin(SCHOOL, "boss", "Initial@2026", "Viewer@2026");
        assertThat(Http.get(url("/admin/api/users"), viewer).status()).isEqualTo(200);
        assertThat(Http.post(url("/admin/api/users/" + adminId + "/reset-password"), viewer, Map.of("password", "X"))
                        .status())
                .isEqualTo(403);
    }

    private Http.Response createWith(String token, Map<String, Object> base, String field, Object value) {
        Map<String, Object> body = new HashMap<>(base);
        body.put(field, value);
        Http.Response r = Http.post(url("/admin/api/users"), token, body);
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        return r;
    }

    private JsonNode list(String token, String query) {
        Http.Response r = Http.get(url("/admin/api/users?" + query), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> realmRoles(RealmResource realm, String userId) {
        return realm.users().get(userId).roles().realmLevel().listAll().stream()
                .map(RoleRepresentation::getName)
                .toList();
    }
}
