package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.EndpointProbe.Credentials;
import cn.campuspass.it.EndpointProbe.Fill;
import cn.campuspass.it.EndpointProbe.Reply;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.EndpointDeclarations;
import cn.campuspass.platform.security.EndpointDeclarations.Declaration;
import cn.campuspass.platform.security.KeycloakProperties;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.security.PermissionDefinition;
import cn.campuspass.platform.security.PermissionRegistry;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.platform.web.EndpointCatalog;
import cn.campuspass.platform.web.EndpointCatalog.Channel;
import cn.campuspass.platform.web.EndpointCatalog.Endpoint;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's authorization matrix (A3.6): every endpoint of the catalog, read from the application, against every
 * seeded role, a custom role, a realm role that merely carries a powerful-sounding name, an account without a role,
 * no token and an operator token. What each caller may do is derived from the permission declarations and the
 * seeded roles' defaults ({@link PermissionRegistry}), never listed here, so a new endpoint is covered without
 * editing this test. That another school's token never reaches this school's rows is the tenant matrix of
 * {@link EndpointCampaignIT}. Also: department administrators see only the departments they run, and a role's
 * permissions change within the grant cache's lifetime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends StackTest {

    private static final String SCHOOL = "authz";
    private static final String NO_SUCH_ID = "987654321";
    /**
     * Operator paths name a school that does not exist: the operator is let through to suspend, offboard or
     * reconfigure it, and must find nothing (the school under test stays as it is for the other tests).
     */
    private static final String NO_SUCH_SCHOOL = "nosuchschool";

    @Autowired
    EndpointCatalog catalog;

    @Autowired
    EndpointDeclarations declarations;

    @Autowired
    PermissionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    /** A caller of the matrix: their token and what the declarations say they may use. */
    record Caller(String name, String token, Set<String> permissions, boolean staff, boolean operator) {}

    private final Map<String, Caller> callers = new LinkedHashMap<>();
    private SchoolFixtures fixtures;
    private String schema;

    @BeforeAll
    void schoolWithOneAccountPerRole() {
        onboard(SCHOOL, "admin", "13610000001", "Authz@2026x");
        schema = SchoolCode.of(SCHOOL).schemaName();
        fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        RealmResource realm = realm();
        // A realm role called "admin" that the school's role table does not know: its name must grant nothing.
        realm.roles().create(role("admin"));
        // A custom role that may only view access records, named like the school administrator's role in English.
        realm.roles().create(role("role-records"));
        jdbc.update(
                "INSERT INTO " + schema + ".staff_role (realm_role, name, data_scope) VALUES (?, ?, 'SCHOOL')",
                "role-records",
                "school-admin");
        jdbc.update(
                "INSERT INTO " + schema + ".staff_role_permission (role_id, permission)"
                        + " SELECT id, 'access:record:view' FROM " + schema + ".staff_role WHERE realm_role = ?",
                "role-records");

        fixtures.staff(SCHOOL, "officer", "13610000002", "Officer@2026x", SeededRole.SECURITY_OFFICER.realmRole());
        fixtures.staff(SCHOOL, "deptadmin", "13610000003", "Dept@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        fixtures.staff(SCHOOL, "guard", "13610000004", "Guard@2026x", SeededRole.GATE_GUARD.realmRole());
        fixtures.staff(SCHOOL, "records", "13610000005", "Records@2026x", "role-records");
        fixtures.staff(SCHOOL, "named", "13610000006", "Named@2026x", "admin");
        fixtures.staff(SCHOOL, "nobody", "13610000007", "Nobody@2026x", "offline_access");

        Set<String> school = registry.schoolPermissionCodes();
        callers.put("admin", new Caller("admin", login("admin", "Authz@2026x"), school, true, false));
        for (SeededRole seeded :
                List.of(SeededRole.SECURITY_OFFICER, SeededRole.DEPARTMENT_ADMIN, SeededRole.GATE_GUARD)) {
            String username = switch (seeded) {
                case SECURITY_OFFICER -> "officer";
                case DEPARTMENT_ADMIN -> "deptadmin";
                default -> "guard";
            };
            String password = switch (seeded) {
                case SECURITY_OFFICER -> "Officer@2026x";
                case DEPARTMENT_ADMIN -> "Dept@2026x";
                default -> "Guard@2026x";
            };
            callers.put(username, new Caller(username, login(username, password), defaults(seeded), true, false));
        }
        callers.put(
                "records",
                new Caller("records", login("records", "Records@2026x"), Set.of("access:record:view"), true, false));
        callers.put("named", new Caller("named", login("named", "Named@2026x"), Set.of(), false, false));
        callers.put("nobody", new Caller("nobody", login("nobody", "Nobody@2026x"), Set.of(), false, false));
        callers.put(
                "operator", new Caller("operator", Tokens.operator(), registry.platformPermissionCodes(), false, true));
        callers.put("anonymous", new Caller("anonymous", null, Set.of(), false, false));
    }

    @Test
    void everyEndpointAnswersEveryCallerAsItsDeclarationSays() {
        List<String> failures = new ArrayList<>();
        int allowed = 0;
        int refused = 0;
        for (Endpoint endpoint : catalog.endpoints()) {
            if (endpoint.channel() != Channel.ADMIN && endpoint.channel() != Channel.OPERATOR) {
                continue; // portal, device and public endpoints take no staff token (the campaign covers them)
            }
            Declaration declaration = declarations.of(endpoint.handler());
            String method =
                    endpoint.method() == null ? "POST" : endpoint.method().name();
            String path = EndpointProbe.path(
                    endpoint, name -> name.equals("code") || name.equals("school") ? NO_SUCH_SCHOOL : NO_SUCH_ID);
            Object body = endpoint.readsBody() ? EndpointProbe.body(endpoint, Fill.PLAUSIBLE, 987654321L) : null;
            for (Caller caller : callers.values()) {
                boolean mayUse = mayUse(caller, endpoint, declaration);
                Reply reply = EndpointProbe.json(method, url(path), new Credentials(caller.token(), null, null), body);
                String where =
                        endpoint + " as " + caller.name() + " → " + reply.status() + " " + abbreviate(reply.body());
                if (reply.status() >= 500) {
                    failures.add(where + " (server error)");
                } else if (caller.token() == null) {
                    if (reply.status() != 401) {
                        failures.add(where + " (expected 401 without a token)");
                    }
                } else if (mayUse && (reply.status() == 401 || reply.status() == 403)) {
                    failures.add(where + " (expected to be let through: " + declaration + ")");
                } else if (!mayUse && reply.status() != 403 && reply.status() != 401) {
                    failures.add(where + " (expected 403: " + declaration + ")");
                } else if (mayUse) {
                    allowed++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(Http.get(url("/admin/api/me"), callers.get("admin").token()).status())
                .as("the school under test is untouched")
                .isEqualTo(200);
        // The matrix really ran both ways.
        assertThat(allowed).isGreaterThan(50);
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void aGateGuardReadsNothingBeyondVerifyingPasses() {
        String guard = callers.get("guard").token();
        for (String path : List.of(
                "/admin/api/home",
                "/admin/api/school/settings",
                "/admin/api/campuses",
                "/admin/api/departments",
                "/admin/api/gates",
                "/admin/api/gates/1/poster",
                "/admin/api/registrants",
                "/admin/api/access-records")) {
            assertThat(Http.get(url(path), guard).status()).as(path).isEqualTo(403);
        }
        JsonNode me = Http.get(url("/admin/api/me"), guard).json();
        assertThat(me.path("permissions").toString()).isEqualTo("[\"access:pass:verify\"]");
        assertThat(me.path("roleNames").get(0).asString()).isEqualTo("门岗");
    }

    @Test
    void aDepartmentAdministratorSeesOnlyTheDepartmentsTheyRun() {
        String admin = callers.get("admin").token();
        long campus = fixtures.campus(admin, "权限校区");
        long gate = fixtures.gate(admin, campus, "权限东门");
        long mine = fixtures.department(admin, "我管的学院");
        long other = fixtures.department(admin, "别人的学院");
        long inMine = fixtures.registrant(SCHOOL, "本院学生", "STUDENT", "D2026000001", "13710000001", "11111X", mine);
        long inOther = fixtures.registrant(SCHOOL, "外院学生", "STUDENT", "D2026000002", "13710000002", "22222X", other);
        long managed = fixtures.registrant(SCHOOL, "代管学生", "STUDENT", "D2026000003", "13710000003", "33333X", other);
        jdbc.update("UPDATE " + schema + ".registrant SET managed_department_id = ? WHERE id = ?", mine, managed);
        for (long registrant : List.of(inMine, inOther, managed)) {
            jdbc.update(
                    "INSERT INTO " + schema + ".access_record (registrant_id, name, phone_masked, identity, number,"
                            + " department_id, managed_department_id, campus_id, gate_id, method, allowed, verified_by)"
                            + " SELECT id, name, phone_masked, identity, number, department_id, managed_department_id,"
                            + " ?, ?, 'GUARD', true, 'guard' FROM " + schema + ".registrant WHERE id = ?",
                    campus,
                    gate,
                    registrant);
        }
        String deptAdminId = userId("deptadmin");
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username, name) VALUES (?, 'deptadmin', '部门管理员')"
                        + " ON CONFLICT (id) DO NOTHING",
                deptAdminId);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_department (user_id, department_id) VALUES (?, ?)",
                deptAdminId,
                mine);

        String deptAdmin = callers.get("deptadmin").token();
        awaitUntil(() -> ids(Http.get(url("/admin/api/registrants?size=100"), deptAdmin)
                        .json()
                        .path("items"))
                .equals(Set.of(inMine, managed)));
        assertThat(Http.get(url("/admin/api/registrants/" + inMine), deptAdmin).status())
                .isEqualTo(200);
        assertThat(Http.get(url("/admin/api/registrants/" + inOther), deptAdmin).status())
                .isEqualTo(404);
        assertThat(Http.get(url("/admin/api/registrants/" + inOther + "/access-rules"), deptAdmin)
                        .status())
                .isEqualTo(404);
        JsonNode records =
                Http.get(url("/admin/api/access-records?size=100"), deptAdmin).json();
        Set<Long> seen = new java.util.HashSet<>();
        records.path("items").forEach(item -> seen.add(item.path("registrantId").asLong()));
        assertThat(seen).isEqualTo(Set.of(inMine, managed));
        assertThat(Http.get(url("/admin/api/home"), deptAdmin)
                        .json()
                        .path("registrants")
                        .path("total")
                        .asLong())
                .isEqualTo(2);
        // The school administrator sees all three.
        assertThat(ids(Http.get(url("/admin/api/registrants?size=100"), admin)
                        .json()
                        .path("items")))
                .contains(inMine, inOther, managed);
        assertThat(Http.get(url("/admin/api/me"), deptAdmin)
                        .json()
                        .path("dataScope")
                        .asString())
                .isEqualTo("DEPARTMENTS");
    }

    @Test
    void aRolesPermissionsAndStatusTakeEffectWithoutANewToken() {
        String records = callers.get("records").token();
        assertThat(Http.get(url("/admin/api/campuses"), records).status()).isEqualTo(403);
        jdbc.update("INSERT INTO " + schema + ".staff_role_permission (role_id, permission)"
                + " SELECT id, 'organization:campus:view' FROM " + schema + ".staff_role"
                + " WHERE realm_role = 'role-records'");
        awaitUntil(() -> Http.get(url("/admin/api/campuses"), records).status() == 200);
        jdbc.update("UPDATE " + schema + ".staff_role SET enabled = false WHERE realm_role = 'role-records'");
        awaitUntil(() -> Http.get(url("/admin/api/access-records"), records).status() == 403);
        assertThat(Http.get(url("/admin/api/campuses"), records).status()).isEqualTo(403);
        assertThat(Http.get(url("/admin/api/me"), records).status()).isEqualTo(403);
        jdbc.update("UPDATE " + schema + ".staff_role SET enabled = true WHERE realm_role = 'role-records'");
        jdbc.update("DELETE FROM " + schema + ".staff_role_permission WHERE permission = 'organization:campus:view'"
                + " AND role_id = (SELECT id FROM " + schema + ".staff_role WHERE realm_role = 'role-records')");
        awaitUntil(() -> Http.get(url("/admin/api/access-records"), records).status() == 200);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private boolean mayUse(Caller caller, Endpoint endpoint, Declaration declaration) {
        if (endpoint.channel() == Channel.OPERATOR) {
            return caller.operator()
                    && declaration.permission() != null
                    && caller.permissions().contains(declaration.permission());
        }
        if (caller.operator()) {
            return false;
        }
        if (declaration.permission() != null) {
            return caller.permissions().contains(declaration.permission());
        }
        return declaration.audience() == OpenTo.Audience.SIGNED_IN_STAFF && caller.staff();
    }

    private Set<String> defaults(SeededRole role) {
        return registry.schoolPermissions().stream()
                .filter(p -> p.grantedTo().contains(role))
                .map(PermissionDefinition::code)
                .collect(Collectors.toUnmodifiableSet());
    }

    private String login(String username, String password) {
        return Tokens.school(SCHOOL, username, password);
    }

    private RealmResource realm() {
        return keycloak.realm(
                KeycloakProperties.DEFAULT_CLUSTER, SchoolCode.of(SCHOOL).realmName());
    }

    private String userId(String username) {
        return realm().users().searchByUsername(username, true).get(0).getId();
    }

    private static RoleRepresentation role(String name) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        return role;
    }

    private static Set<Long> ids(JsonNode items) {
        Set<Long> ids = new java.util.HashSet<>();
        items.forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    /** Polls (the grant cache holds a school's roles for a few seconds) until the condition holds, or fails. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not met within 30 s");
            }
            sleep(250);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
