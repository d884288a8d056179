package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A4.2 over HTTP: create, edit, enable/disable, delete, WeChat unbinding, visitor authorization (teachers only),
 * the audited whole-phone view, the list's filters (including a whole phone through the blind index), field-level
 * errors, and a gate guard refused.
 */
class RegistrantAdminIT extends StackTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    Registrants registrants;

    @Test
    void adminManagesRegistrants() {
        onboard("regadm", "admin", "13400000000", "RegAdm@2026");
        String token = Tokens.school("regadm", "admin", "RegAdm@2026");
        long cs = Http.post(url("/admin/api/departments"), token, Map.of("name", "计算机学院"))
                .json()
                .path("id")
                .asLong();
        long security = Http.post(url("/admin/api/departments"), token, Map.of("name", "保卫处"))
                .json()
                .path("id")
                .asLong();

        Http.Response created = Http.post(
                url("/admin/api/registrants"),
                token,
                person("张老师", "TEACHER", "T1001", "139 1234 0001", "12345x", cs, security));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode teacher = created.json();
        long teacherId = teacher.path("id").asLong();
        assertThat(teacher.path("phone").asString()).isEqualTo("139****0001");
        assertThat(teacher.path("idTail").asString()).isEqualTo("12345X");
        assertThat(teacher.path("departmentName").asString()).isEqualTo("计算机学院");
        assertThat(teacher.path("managedDepartmentName").asString()).isEqualTo("保卫处");
        assertThat(teacher.path("registered").asBoolean()).isFalse();
        assertThat(teacher.path("visitorAuthorized").asBoolean()).isFalse();

        long studentId = Http.post(
                        url("/admin/api/registrants"),
                        token,
                        person("李同学", "STUDENT", "2024001", "13912340002", null, security, null))
                .json()
                .path("id")
                .asLong();

        // Every wrong field is reported at once, each with its own message.
        Http.Response invalid = Http.post(
                url("/admin/api/registrants"), token, person(" ", "STUDENT", "#1", "12345", "abc", 999999L, null));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("REGISTRANT_INVALID");
        assertThat(names(invalid.json().path("fields"), "field"))
                .containsExactlyInAnyOrder("name", "number", "phone", "idTail", "departmentId");
        Http.Response sameNumber = Http.post(
                url("/admin/api/registrants"), token, person("王五", "STUDENT", "T1001", "13912340003", null, cs, null));
        assertThat(sameNumber.status()).isEqualTo(409);
        assertThat(sameNumber.code()).isEqualTo("REGISTRANT_NUMBER_TAKEN");
        Http.Response samePhone = Http.post(
                url("/admin/api/registrants"),
                token,
                person("王五", "STUDENT", "2024009", "+86 139-1234-0002", null, cs, null));
        assertThat(samePhone.code()).isEqualTo("REGISTRANT_PHONE_TAKEN");
        assertThat(names(samePhone.json().path("fields"), "field")).containsExactly("phone");

        // Visitor authorization: teachers only.
        Http.Response notTeacher =
                Http.post(url("/admin/api/registrants/" + studentId + "/visitor-authorization"), token, null);
        assertThat(notTeacher.status()).isEqualTo(400);
        assertThat(notTeacher.code()).isEqualTo("VISITOR_AUTHORIZATION_TEACHERS_ONLY");
        assertThat(Http.post(url("/admin/api/registrants/" + teacherId + "/visitor-authorization"), token, null)
                        .json()
                        .path("visitorAuthorized")
                        .asBoolean())
                .isTrue();
        assertThat(Http.delete(url("/admin/api/registrants/" + teacherId + "/visitor-authorization"), token)
                        .json()
                        .path("visitorAuthorized")
                        .asBoolean())
                .isFalse();
        // A4.2 e: all teachers at once; students stay unauthorized.
        Http.Response allTeachers =
                Http.post(url("/admin/api/registrants/visitor-authorization/all-teachers"), token, null);
        assertThat(allTeachers.status()).as(allTeachers.body()).isEqualTo(200);
        assertThat(allTeachers.json().path("authorized").asInt()).isEqualTo(1);
        assertThat(Http.get(url("/admin/api/registrants/" + teacherId), token)
                        .json()
                        .path("visitorAuthorized")
                        .asBoolean())
                .isTrue();
        assertThat(Http.get(url("/admin/api/registrants/" + studentId), token)
                        .json()
                        .path("visitorAuthorized")
                        .asBoolean())
                .isFalse();

        // Edit: the masked phone the console shows keeps the stored number.
        Http.Response edited = Http.put(
                url("/admin/api/registrants/" + teacherId),
                token,
                person("张老师", "TEACHER", "T1001A", "139****0001", "", cs, null));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("number").asString()).isEqualTo("T1001A");
        assertThat(edited.json().path("idTail").isNull()).isTrue();
        assertThat(edited.json().path("managedDepartmentId").isNull()).isTrue();
        assertThat(Http.get(url("/admin/api/registrants/" + teacherId + "/phone"), token)
                        .json()
                        .path("phone")
                        .asString())
                .isEqualTo("13912340001");
        assertThat(jdbc.sql("SELECT actor || ':' || action || ':' || subject_kind || ':' || subject_id"
                                + " FROM school_regadm.pii_access_log")
                        .query(String.class)
                        .list())
                .containsExactly("admin:VIEW:REGISTRANT:" + teacherId);

        // Filters.
        assertThat(ids("identity=TEACHER", token)).containsExactly(teacherId);
        assertThat(ids("departmentId=" + security, token)).containsExactly(studentId);
        assertThat(ids("departmentId=" + cs, token)).containsExactly(teacherId);
        assertThat(ids("q=" + Http.enc("李"), token)).containsExactly(studentId);
        assertThat(ids("q=t1001", token)).containsExactly(teacherId);
        assertThat(ids("q=13912340002", token)).containsExactly(studentId);
        assertThat(ids("q=" + Http.enc("+86 13912340001"), token)).containsExactly(teacherId);
        assertThat(ids("q=" + Http.enc("%"), token)).isEmpty();

        // The facade other modules use: ids for bulk access rules, counts for the home page.
        SchoolCode school = SchoolCode.of("regadm");
        assertThat(SchoolContext.callAsUnchecked(
                        school,
                        () -> registrants.idsMatching(new Registrants.Filter(null, security, null, null, null))))
                .containsExactly(studentId);
        assertThat(SchoolContext.callAsUnchecked(school, () -> registrants.idsMatching(Registrants.Filter.all())))
                .containsExactly(teacherId, studentId);

        // WeChat: bound by the portal (simulated here), unbound by the admin; disabling unbinds too.
        bind(teacherId, "openid-teacher");
        bind(studentId, "openid-student");
        assertThat(ids("registered=true", token)).containsExactlyInAnyOrder(teacherId, studentId);
        assertThat(SchoolContext.callAsUnchecked(school, registrants::counts)).isEqualTo(new Registrants.Counts(2, 2));
        JsonNode unbound = Http.post(url("/admin/api/registrants/" + teacherId + "/unbind-wechat"), token, null)
                .json();
        assertThat(unbound.path("registered").asBoolean()).isFalse();
        assertThat(ids("registered=false", token)).containsExactly(teacherId);
        JsonNode disabled = Http.post(url("/admin/api/registrants/" + studentId + "/disable"), token, null)
                .json();
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("registered").asBoolean()).isFalse();
        assertThat(ids("enabled=false", token)).containsExactly(studentId);
        assertThat(ids("enabled=true&identity=STUDENT", token)).isEmpty();
        assertThat(Http.post(url("/admin/api/registrants/" + studentId + "/enable"), token, null)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();

        // A gate guard verifies passes; registrants are none of their business.
        realms.ensureUser(
                keycloak.realm(null, "school-regadm"),
                new SchoolRealmProvisioner.FirstAdmin(
                        "guard1", "门岗", PhoneNumber.parse("13400000001").orElseThrow(), "Guard@2026"),
                "gate-guard");
        String guard = Tokens.school("regadm", "guard1", "Guard@2026");
        assertThat(Http.get(url("/admin/api/registrants"), guard).status()).isEqualTo(403);
        assertThat(Http.post(url("/admin/api/registrants/" + studentId + "/disable"), guard, null)
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(url("/admin/api/registrants/" + studentId + "/phone"), guard)
                        .status())
                .isEqualTo(403);

        assertThat(Http.delete(url("/admin/api/registrants/" + studentId), token)
                        .status())
                .isEqualTo(204);
        Http.Response gone = Http.get(url("/admin/api/registrants/" + studentId), token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("REGISTRANT_NOT_FOUND");
        assertThat(Http.get(url("/admin/api/registrants"), token)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(Http.get(url("/admin/api/registrants/import"), token).status())
                .isEqualTo(200);
    }

    private java.util.List<Long> ids(String query, String token) {
        Http.Response r = Http.get(url("/admin/api/registrants?" + query), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json()
                .path("items")
                .valueStream()
                .map(n -> n.path("id").asLong())
                .toList();
    }

    private void bind(long id, String openid) {
        jdbc.sql("UPDATE school_regadm.registrant SET wechat_openid = :openid WHERE id = :id")
                .param("openid", openid)
                .param("id", id)
                .update();
    }

    private static Map<String, Object> person(
            String name,
            String identity,
            String number,
            String phone,
            String idTail,
            Long departmentId,
            Long managedDepartmentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("identity", identity);
        body.put("number", number);
        body.put("phone", phone);
        body.put("idTail", idTail);
        body.put("departmentId", departmentId);
        body.put("managedDepartmentId", managedDepartmentId);
        return body;
    }
}
