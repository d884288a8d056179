package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RoleRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** P1, P2, P3: a school is born end to end through the operator API on the real stack. */
class OnboardingIT extends StackTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    cn.campuspass.storage.ObjectStore storage;

    @Autowired
    cn.campuspass.tenant.keycloak.KeycloakAdmin keycloakAdmin;

    @Test
    void operatorOnboardsSchoolThatBecomesActiveWithSchemaRealmAndAdmin() {
        // How long this takes is measured by ops/bench/onboarding-bench.sh, not asserted here.
        JsonNode school = onboard("alpha", "alpha-admin", "13800138001", "Alpha@2026");

        assertThat(school.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(names(school.path("onboarding").path("steps"), "state")).containsOnly("DONE");
        assertThat(school.path("adminPhone").asString()).isEqualTo("138****8001");

        // Schema school_alpha holds the migrated tables.
        List<String> tables = jdbc.sql(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'school_alpha'")
                .query(String.class)
                .list();
        assertThat(tables).contains("campus", "gate", "flyway_schema_history");
        assertThat(school.path("schemaState").asString()).isEqualTo("CURRENT");

        // Realm school-alpha exists, enabled, with the school roles.
        Keycloak kc = keycloakAdmin.cluster("main");
        assertThat(kc.realm("school-alpha").toRepresentation().isEnabled()).isTrue();
        assertThat(kc.realm("school-alpha").roles().list().stream().map(RoleRepresentation::getName))
                .contains("school-admin", "security-officer", "department-admin", "gate-guard");

        // The first admin logs in with account + password and with phone + password (as typed by people).
        String byAccount = Tokens.school("alpha", "alpha-admin", "Alpha@2026");
        String byPhone = Tokens.school("alpha", "13800138001", "Alpha@2026");
        String byFormattedPhone = Tokens.school("alpha", "+86 138-0013-8001", "Alpha@2026");
        assertThat(Tokens.schoolLogin("alpha", "13800138001", "wrong-password1").ok())
                .isFalse();
        for (String token : List.of(byAccount, byPhone, byFormattedPhone)) {
            assertThat(Http.get(url("/admin/api/campuses"), token).status()).isEqualTo(200);
        }
    }

    @Test
    void duplicateCodeAndBadInputAreRefusedWithStableCodes() {
        onboard("beta", "beta-admin", "13800138002", "Beta@2026x");
        String operator = Tokens.operator();
        Http.Response again = Http.post(
                url("/operator/api/schools"),
                operator,
                Map.of(
                        "code", "beta",
                        "name", "重复",
                        "admin", Map.of("username", "x", "phone", "13800138009", "password", "Passw0rd!1")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("SCHOOL_CODE_TAKEN");
        assertThat(again.json().path("message").asString()).contains("已被使用");

        Http.Response badCode = Http.post(
                url("/operator/api/schools"),
                operator,
                Map.of(
                        "code", "Bad Code",
                        "name", "x",
                        "admin", Map.of("username", "x", "phone", "13800138009", "password", "Passw0rd!1")));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.code()).isEqualTo("VALIDATION_FAILED");

        Http.Response badPhone = Http.post(
                url("/operator/api/schools"),
                operator,
                Map.of(
                        "code", "gamma",
                        "name", "x",
                        "admin", Map.of("username", "x", "phone", "12345", "password", "Passw0rd!1")));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.code()).isEqualTo("PHONE_INVALID");

        Http.Response weak = Http.post(
                url("/operator/api/schools"),
                operator,
                Map.of(
                        "code", "gamma",
                        "name", "x",
                        "admin", Map.of("username", "x", "phone", "13800138009", "password", "abcdefgh")));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("PASSWORD_TOO_WEAK");
        assertThat(Http.get(url("/operator/api/schools/gamma"), operator).status())
                .isEqualTo(404);
    }

    @Test
    void operatorApiRefusesSchoolTokensAndAnonymousCallers() {
        onboard("delta", "delta-admin", "13800138003", "Delta@2026");
        String schoolAdmin = Tokens.school("delta", "delta-admin", "Delta@2026");
        assertThat(Http.get(url("/operator/api/schools"), schoolAdmin).status()).isEqualTo(403);
        Http.Response anonymous = Http.get(url("/operator/api/schools"), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        // Refusals raised in filters speak Chinese by default and English when asked.
        assertThat(anonymous.json().path("message").asString()).isEqualTo("请先登录");
        assertThat(Http.get(url("/operator/api/schools"), null, Map.of("Accept-Language", "en"))
                        .json()
                        .path("message")
                        .asString())
                .isEqualTo("Please sign in");
        // A platform token is not a school: the school admin API has nothing to bind it to.
        Http.Response operatorOnSchoolApi = Http.get(url("/admin/api/campuses"), Tokens.operator());
        assertThat(operatorOnSchoolApi.status()).isEqualTo(403);
    }

    @Test
    void suspendedSchoolCanNeitherLogInNorUseTokensUntilResumed() {
        onboard("epsilon", "eps-admin", "13800138004", "Epsilon@2026");
        String token = Tokens.school("epsilon", "eps-admin", "Epsilon@2026");
        String operator = Tokens.operator();

        Http.Response suspended = Http.post(url("/operator/api/schools/epsilon/suspend"), operator, null);
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().path("status").asString()).isEqualTo("SUSPENDED");
        // An already issued token is refused, and no new login is possible.
        Http.Response withOldToken = Http.get(url("/admin/api/campuses"), token);
        assertThat(withOldToken.status()).isEqualTo(503);
        assertThat(withOldToken.code()).isEqualTo("SCHOOL_UNAVAILABLE");
        assertThat(Tokens.schoolLogin("epsilon", "eps-admin", "Epsilon@2026").ok())
                .isFalse();
        assertThat(Http.get(url("/portal/epsilon/api/info"), null).code()).isEqualTo("SCHOOL_UNAVAILABLE");

        assertThat(Http.post(url("/operator/api/schools/epsilon/resume"), operator, null)
                        .status())
                .isEqualTo(200);
        String fresh = Tokens.school("epsilon", "eps-admin", "Epsilon@2026");
        assertThat(Http.get(url("/admin/api/campuses"), fresh).status()).isEqualTo(200);
    }

    @Test
    void listSearchesByNameOrCodeAndStatus() {
        onboard("zeta", "zeta-admin", "13800138005", "Zeta@20266");
        String operator = Tokens.operator();
        JsonNode page = Http.get(url("/operator/api/schools?q=ZET"), operator).json();
        assertThat(names(page.path("items"), "code")).containsExactly("zeta");
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode active = Http.get(url("/operator/api/schools?status=ACTIVE&size=200"), operator)
                .json();
        assertThat(names(active.path("items"), "status")).containsOnly("ACTIVE");
        assertThat(names(active.path("items"), "code")).contains("zeta");
    }

    @Test
    void offboardingExportsThenRemovesSchemaRealmAndFiles() throws Exception {
        onboard("omega", "omega-admin", "13800138006", "Omega@2026");
        String admin = Tokens.school("omega", "omega-admin", "Omega@2026");
        assertThat(Http.post(url("/admin/api/campuses"), admin, Map.of("name", "主校区"))
                        .status())
                .isEqualTo(201);
        // Files of the school in object storage, beside the marker onboarding wrote; a neighbour's file stays.
        cn.campuspass.platform.school.SchoolCode omega = cn.campuspass.platform.school.SchoolCode.of("omega");
        byte[] file = "照片".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String key : List.of("photos/1.jpg", "imports/problems/job-1.xlsx")) {
            storage.put(omega, key, new java.io.ByteArrayInputStream(file), file.length, "application/octet-stream");
        }
        assertThat(storage.list(omega, ""))
                .contains("campuspass-school.txt", "photos/1.jpg", "imports/problems/job-1.xlsx");
        onboard("omegb", "omegb-admin", "13800138007", "Omegb@2026");
        cn.campuspass.platform.school.SchoolCode neighbour = cn.campuspass.platform.school.SchoolCode.of("omegb");
        storage.put(neighbour, "photos/1.jpg", new java.io.ByteArrayInputStream(file), file.length, "image/jpeg");

        Http.Response wrongConfirm =
                Http.post(url("/operator/api/schools/omega/offboard"), Tokens.operator(), Map.of("confirm", "nope"));
        assertThat(wrongConfirm.code()).isEqualTo("CONFIRMATION_MISMATCH");

        Http.Response off =
                Http.post(url("/operator/api/schools/omega/offboard"), Tokens.operator(), Map.of("confirm", "omega"));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        String exportUrl = off.json().path("exportUrl").asString();
        byte[] zip = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(exportUrl))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body();
        String campusCsv = null;
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("tables/campus.csv")) {
                    campusCsv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(campusCsv).contains("主校区");

        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'school_omega'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(keycloakAdmin.cluster("main").realms().findAll().stream().map(r -> r.getRealm()))
                .doesNotContain("school-omega");
        // Every stored file of the school is gone from object storage (its whole prefix lists empty).
        assertThat(storage.list(omega, "")).isEmpty();
        assertThat(storage.list(neighbour, "")).contains("photos/1.jpg");
        awaitStatus("omega", "OFFBOARDED", Duration.ofSeconds(5));
        assertThat(Http.get(url("/admin/api/campuses"), admin).status()).isEqualTo(401);
        // The code stays reserved.
        Http.Response reuse = Http.post(
                url("/operator/api/schools"),
                Tokens.operator(),
                Map.of(
                        "code", "omega",
                        "name", "x",
                        "admin", Map.of("username", "x", "phone", "13800138009", "password", "Passw0rd1x")));
        assertThat(reuse.code()).isEqualTo("SCHOOL_CODE_TAKEN");
        assertThat(LocalStack.shared().keycloakUrl()).isNotBlank();
    }
}
