package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A3.6 over HTTP on the real stack: the permission tree, every role operation, bad input, the protected school
 * administrator, delete refused while held, and a permission change reaching a signed-in user within the grants'
 * cache lifetime (polled, not slept).
 */
class RoleAdminIT extends StackTest {

    static final String SCHOOL = "roleuni";

    @Autowired
    KeycloakAdmin keycloak;

    @Test
    void rolesAreDataAndTheirPermissionsTakeEffect() {
        onboard(SCHOOL, "admin", "13700000000", "RoleUni@2026");
        String admin = Tokens.school(SCHOOL, "admin", "RoleUni@2026");

        // The permission tree: school permissions grouped by menu, in menu order, both languages, no platform group.
        Http.Response tree = Http.get(url("/admin/api/roles/permission-tree"), admin);
        assertThat(tree.status()).as(tree.body()).isEqualTo(200);
        List<String> menus = names(tree.json(), "menu");
        assertThat(menus).startsWith("HOME", "ORGANIZATION", "SYSTEM").doesNotContain("PLATFORM");
        JsonNode system = tree.json()
                .valueStream()
                .filter(n -> n.path("menu").asString().equals("SYSTEM"))
                .findFirst()
                .orElseThrow();
        assertThat(system.path("nameZh").asString()).isEqualTo("系统管理");
        assertThat(system.path("nameEn").asString()).isEqualTo("System");
        assertThat(names(system.path("permissions"), "code")).contains("system:role:view", "system:user:manage");
        assertThat(tree.body()).doesNotContain("platform:school");

        // The seeded roles; the first admin (created in the realm by onboarding) counts as a holder.
        JsonNode roles = Http.get(url("/admin/api/roles"), admin).json();
        assertThat(names(roles, "name")).containsExactly("学校管理员", "保卫处", "部门管理员", "门岗");
        JsonNode schoolAdmin = roles.get(0);
        assertThat(schoolAdmin.path("protectedRole").asBoolean()).isTrue();
        assertThat(schoolAdmin.path("holders").asLong()).isEqualTo(1);
        assertThat(schoolAdmin.path("dataScope").asString()).isEqualTo("SCHOOL");
        long schoolAdminId = schoolAdmin.path("id").asLong();
        JsonNode adminDetail =
                Http.get(url("/admin/api/roles/" + schoolAdminId), admin).json();
        assertThat(adminDetail.path("permissions").size())
                .isEqualTo(tree.json()
                        .valueStream()
                        .mapToInt(n -> n.path("permissions").size())
                        .sum());

        // The school administrator can be renamed, nothing more.
        assertThat(Http.post(url("/admin/api/roles/" + schoolAdminId + "/disable"), admin, Map.of())
                        .code())
                .isEqualTo("ROLE_PROTECTED");
        assertThat(Http.delete(url("/admin/api/roles/" + schoolAdminId), admin).code())
                .isEqualTo("ROLE_PROTECTED");
        Http.Response narrowed = Http.put(
                url("/admin/api/roles/" + schoolAdminId),
                admin,
                Map.of("name", "学校管理员", "dataScope", "OWN", "permissions", List.of("access:record:view")));
        assertThat(narrowed.status()).isEqualTo(409);
        assertThat(narrowed.code()).isEqualTo("ROLE_PROTECTED");
        Http.Response renamed = Http.put(
                url("/admin/api/roles/" + schoolAdminId), admin, Map.of("name", "校级管理员", "description", "全部权限"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("校级管理员");
        assertThat(renamed.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(Http.get(url("/admin/api/registrants"), admin).status()).isEqualTo(200);

        // Bad input: each a 4xx with a stable code, never a 500.
        assertThat(create(admin, "", "SCHOOL", List.of()).code()).isEqualTo("ROLE_NAME_INVALID");
        assertThat(create(admin, "名".repeat(51), "SCHOOL", List.of()).code()).isEqualTo("ROLE_NAME_INVALID");
        assertThat(create(admin, "门岗", "OWN", List.of()).code()).isEqualTo("ROLE_NAME_TAKEN");
        assertThat(create(admin, "新角色", "EVERYTHING", List.of()).code()).isEqualTo("ROLE_SCOPE_INVALID");
        assertThat(create(admin, "新角色", null, List.of()).code()).isEqualTo("ROLE_SCOPE_INVALID");
        Http.Response unknown = create(admin, "新角色", "OWN", List.of("access:record:view", "access:record:delete"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("PERMISSION_UNKNOWN");
        assertThat(create(admin, "新角色", "OWN", List.of("platform:school:manage"))
                        .code())
                .isEqualTo("PERMISSION_UNKNOWN");
        Map<String, Object> longDescription = new HashMap<>();
        longDescription.put("name", "新角色");
        longDescription.put("description", "d".repeat(201));
        longDescription.put("dataScope", "OWN");
        longDescription.put("permissions", List.of());
        assertThat(Http.post(url("/admin/api/roles"), admin, longDescription).code())
                .isEqualTo("ROLE_DESCRIPTION_INVALID");
        assertThat(Http.get(url("/admin/api/roles/999999"), admin).status()).isEqualTo(404);
        assertThat(names(Http.get(url("/admin/api/roles"), admin).json(), "name"))
                .doesNotContain("新角色");

        // A custom role named "admin": its name grants nothing, only what it was given.
        Http.Response created = create(admin, "admin", "SCHOOL", List.of("access:record:view"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode role = created.json();
        long roleId = role.path("id").asLong();
        String realmRole = role.path("realmRole").asString();
        assertThat(realmRole).matches("role-[a-z]{8}");
        assertThat(role.path("enabled").asBoolean()).isTrue();
        assertThat(role.path("holders").asLong()).isZero();
        assertThat(role.path("updatedBy").asString()).isEqualTo("admin");
        assertThat(role.path("permissions").toString()).isEqualTo("[\"access:record:view\"]");
        assertThat(keycloak.realm(null, "school-" + SCHOOL)
                        .roles()
                        .get(realmRole)
                        .toRepresentation()
                        .getDescription())
                .isEqualTo("admin");

        // A user holding it (created through the users API) may list access records and nothing else.
        Http.Response user = Http.post(
                url("/admin/api/users"),
                admin,
                Map.of(
                        "username", "viewer",
                        "name", "查看员",
                        "phone", "13700000001",
                        "roleIds", List.of(roleId),
                        "password", "Initial@2026"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String userId = user.json().path("id").asString();
        String viewer = firstLogin(SCHOOL, "viewer", "Initial@2026", "Viewer@2026");
        assertThat(Http.get(url("/admin/api/access-records"), viewer).status()).isEqualTo(200);
        assertThat(Http.get(url("/admin/api/registrants"), viewer).status()).isEqualTo(403);
        assertThat(Http.get(url("/admin/api/roles"), viewer).status()).isEqualTo(403);
        JsonNode me = Http.get(url("/admin/api/me"), viewer).json();
        assertThat(me.path("permissions").toString()).isEqualTo("[\"access:record:view\"]");
        assertThat(me.path("roleNames").toString()).contains("admin");

        // Editing the role reaches the user's next requests within the cache lifetime.
        Http.Response edited = Http.put(
                url("/admin/api/roles/" + roleId),
                admin,
                Map.of(
                        "name", "通行查看",
                        "description", "只看通行与人员",
                        "dataScope", "DEPARTMENTS",
                        "permissions", List.of("access:record:view", "registrant:registrant:view")));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("dataScope").asString()).isEqualTo("DEPARTMENTS");
        assertThat(Http.get(url("/admin/api/roles/" + roleId), admin)
                        .json()
                        .path("permissions")
                        .toString())
                .contains("registrant:registrant:view");
        assertThat(keycloak.realm(null, "school-" + SCHOOL)
                        .roles()
                        .get(realmRole)
                        .toRepresentation()
                        .getDescription())
                .isEqualTo("通行查看");
        awaitStatus(viewer, "/admin/api/registrants", s -> s == 200);
        Http.put(
                url("/admin/api/roles/" + roleId),
                admin,
                Map.of("name", "通行查看", "dataScope", "DEPARTMENTS", "permissions", List.of("access:record:view")));
        awaitStatus(viewer, "/admin/api/registrants", s -> s == 403);

        // Disabled, the role grants nothing; enabled again, it does.
        Http.Response disabled = Http.post(url("/admin/api/roles/" + roleId + "/disable"), admin, Map.of());
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        awaitStatus(viewer, "/admin/api/access-records", s -> s == 403);
        assertThat(Http.post(url("/admin/api/roles/" + roleId + "/enable"), admin, Map.of())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        awaitStatus(viewer, "/admin/api/access-records", s -> s == 200);

        // Delete is refused while anybody holds the role; once nobody does, the realm role goes too.
        JsonNode listed = Http.get(url("/admin/api/roles"), admin)
                .json()
                .valueStream()
                .filter(n -> n.path("id").asLong() == roleId)
                .findFirst()
                .orElseThrow();
        assertThat(listed.path("holders").asLong()).isEqualTo(1);
        Http.Response held = Http.delete(url("/admin/api/roles/" + roleId), admin);
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.code()).isEqualTo("ROLE_IN_USE");
        assertThat(Http.delete(url("/admin/api/users/" + userId), admin).status())
                .isEqualTo(204);
        assertThat(Http.delete(url("/admin/api/roles/" + roleId), admin).status())
                .isEqualTo(204);
        assertThat(Http.get(url("/admin/api/roles/" + roleId), admin).status()).isEqualTo(404);
        assertThatThrownBy(() -> keycloak.realm(null, "school-" + SCHOOL)
                        .roles()
                        .get(realmRole)
                        .toRepresentation())
                .isInstanceOf(jakarta.ws.rs.NotFoundException.class);

        // Viewing roles is not managing them: the security officer may look, not change.
        Http.post(
                url("/admin/api/users"),
                admin,
                Map.of(
                        "username", "officer",
                        "name", "保卫干事",
                        "phone", "13700000002",
                        "roleIds", List.of(roles.get(1).path("id").asLong()),
                        "password", "Initial@2026"));
        String officer = firstLogin(SCHOOL, "officer", "Initial@2026", "Officer@2026");
        assertThat(Http.get(url("/admin/api/roles"), officer).status()).isEqualTo(200);
        assertThat(create(officer, "越权角色", "OWN", List.of()).status()).isEqualTo(403);
    }

    private Http.Response create(String token, String name, String scope, List<String> permissions) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "测试");
        body.put("dataScope", scope);
        body.put("permissions", permissions);
        return Http.post(url("/admin/api/roles"), token, body);
    }

    /** Polls until the endpoint answers as expected (grants are cached for 5 s per node); fails after 15 s. */
    private void awaitStatus(String token, String path, IntPredicate expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = Http.get(url(path), token).status();
            if (expected.test(last)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(path + " still answers " + last);
    }

    /**
     * Signs in with an initial (temporary) password: Keycloak asks for a new one before issuing tokens. Returns the
     * access token.
     */
    static String firstLogin(String school, String username, String initial, String chosen) {
        return firstLoginTokens(school, username, initial, chosen).accessToken();
    }

    static BrowserLogin.Tokens firstLoginTokens(String school, String username, String initial, String chosen) {
        BrowserLogin browser = Tokens.browser(school);
        BrowserLogin.Step form = browser.authorize(Map.of());
        BrowserLogin.Step update =
                browser.submit(form, Map.of("username", username, "password", initial, "credentialId", ""));
        assertThat(update.redirectedWithCode())
                .as("initial password must be changed first")
                .isFalse();
        assertThat(update.body()).contains("password-new");
        BrowserLogin.Step done = browser.submit(update, Map.of("password-new", chosen, "password-confirm", chosen));
        assertThat(done.redirectedWithCode()).as(done.body()).isTrue();
        BrowserLogin.Tokens tokens = browser.exchange(done);
        assertThat(tokens.ok()).as(tokens.body()).isTrue();
        return tokens;
    }
}
