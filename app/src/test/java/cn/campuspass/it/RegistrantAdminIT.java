package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.keyring.KeyRotationWorker;
import cn.campuspass.tenant.schema.SchoolSchemaMigrator;
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

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    SchoolSchemaMigrator migrator;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeyRotationWorker keyRotation;

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
        // 身份证后六位 is listed masked and stored sealed: no plaintext in the row.
        assertThat(teacher.path("idTail").asString()).isEqualTo("****5X");
        assertThat(jdbc.sql("SELECT id_tail IS NULL AND id_tail_encrypted LIKE 'v2:%'"
                                + " AND id_tail_encrypted NOT LIKE '%12345%' AND id_tail_masked = '****5X'"
                                + " FROM school_regadm.registrant WHERE id = :id")
                        .param("id", teacherId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
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

        // Edit: the masked tail the console shows keeps the stored tail; the whole tail only through the audited view.
        Http.Response keptTail = Http.put(
                url("/admin/api/registrants/" + teacherId),
                token,
                person("张老师", "TEACHER", "T1001", "139****0001", "****5X", cs, security));
        assertThat(keptTail.status()).as(keptTail.body()).isEqualTo(200);
        assertThat(keptTail.json().path("idTail").asString()).isEqualTo("****5X");
        Http.Response wholeTail = Http.get(url("/admin/api/registrants/" + teacherId + "/id-tail"), token);
        assertThat(wholeTail.json().path("idTail").asString()).isEqualTo("12345X");

        // Edit: the masked phone the console shows keeps the stored number; an empty tail removes it.
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
        assertThat(jdbc.sql("SELECT actor || ':' || action || ':' || subject_kind || ':' || subject_id || ':' || detail"
                                + " FROM school_regadm.pii_access_log ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "admin:VIEW:REGISTRANT:" + teacherId + ":id_tail",
                        "admin:VIEW:REGISTRANT:" + teacherId + ":phone");
        assertThat(Http.get(url("/admin/api/registrants/" + teacherId + "/id-tail"), token)
                        .json()
                        .path("idTail")
                        .isNull())
                .isTrue();

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
                        () -> registrants.idsMatching(
                                new Registrants.Filter(null, security, null, null, null), DataScope.wholeSchool())))
                .containsExactly(studentId);
        assertThat(SchoolContext.callAsUnchecked(
                        school, () -> registrants.idsMatching(Registrants.Filter.all(), DataScope.wholeSchool())))
                .containsExactly(teacherId, studentId);

        // WeChat: bound by the portal (simulated here), unbound by the admin; disabling unbinds too.
        bind(teacherId, "openid-teacher");
        bind(studentId, "openid-student");
        assertThat(ids("registered=true", token)).containsExactlyInAnyOrder(teacherId, studentId);
        assertThat(SchoolContext.callAsUnchecked(school, () -> registrants.counts(DataScope.wholeSchool())))
                .isEqualTo(new Registrants.Counts(2, 2));
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
        assertThat(Http.get(url("/admin/api/registrants/" + teacherId + "/id-tail"), guard)
                        .status())
                .isEqualTo(403);
        // A department admin lists registrants (tails masked) but may not see a whole tail.
        realms.ensureUser(
                keycloak.realm(null, "school-regadm"),
                new SchoolRealmProvisioner.FirstAdmin(
                        "deptadmin", "院系管理员", PhoneNumber.parse("13400000002").orElseThrow(), "Dept@2026x"),
                "department-admin");
        String departmentAdmin = Tokens.school("regadm", "deptadmin", "Dept@2026x");
        Http.Response listed = Http.get(url("/admin/api/registrants?identity=STUDENT"), departmentAdmin);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(Http.get(url("/admin/api/registrants/" + teacherId + "/id-tail"), departmentAdmin)
                        .status())
                .isEqualTo(403);
        long logged = jdbc.sql("SELECT count(*) FROM school_regadm.pii_access_log")
                .query(Long.class)
                .single();
        assertThat(logged).isEqualTo(3);

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

        // Values of the first, single-key format still read, and the background re-encryption rewrites them with the
        // active key and this school's binding.
        jdbc.sql("UPDATE school_regadm.registrant SET phone_encrypted = :legacy WHERE id = :id")
                .param("legacy", legacyV1("13912340001"))
                .param("id", teacherId)
                .update();
        assertThat(Http.get(url("/admin/api/registrants/" + teacherId + "/phone"), token)
                        .json()
                        .path("phone")
                        .asString())
                .isEqualTo("13912340001");
        jdbc.sql("UPDATE platform.school SET admin_phone = :legacy WHERE code = 'regadm'")
                .param("legacy", legacyV1("13400000000"))
                .update();
        assertThat(keyRotation.reencryptAll()).isGreaterThanOrEqualTo(2);
        String rewritten = jdbc.sql("SELECT phone_encrypted FROM school_regadm.registrant WHERE id = :id")
                .param("id", teacherId)
                .query(String.class)
                .single();
        assertThat(rewritten).startsWith("v2:k1:");
        assertThat(cipher.decrypt("regadm", Registrants.PHONE_FIELD, rewritten)).isEqualTo("13912340001");
        String adminPhone = jdbc.sql("SELECT admin_phone FROM platform.school WHERE code = 'regadm'")
                .query(String.class)
                .single();
        assertThat(adminPhone).startsWith("v2:k1:");
        assertThat(cipher.decrypt("regadm", "school.admin_phone", adminPhone)).isEqualTo("13400000000");
    }

    /** A value as the single-key cipher of the first release wrote it, under the local profile's key k1. */
    private static String legacyV1(String plain) {
        try {
            byte[] iv = new byte[12];
            new java.security.SecureRandom().nextBytes(iv);
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(
                            java.util.Base64.getDecoder().decode("Y2FtcHVzcGFzcy1sb2NhbC1kZXYta2V5LTMyYnl0ZXM="),
                            "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "v1:"
                    + java.util.Base64.getEncoder()
                            .encodeToString(java.nio.ByteBuffer.allocate(12 + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Upgrading a school: V7 seals the plaintext tails an older release stored (bound to the school, found through the
     * index the portal login uses) and leaves no plaintext behind.
     */
    @Test
    void migrationSealsTheIdTailsAnOlderReleaseStoredInPlaintext() {
        String schema = "school_tailmig";
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        org.flywaydb.core.Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/school")
                .target("5")
                .load()
                .migrate();
        long department = jdbc.sql("INSERT INTO " + schema + ".department (name) VALUES ('老部门') RETURNING id")
                .query(Long.class)
                .single();
        long withTail = jdbc.sql("INSERT INTO " + schema + ".registrant (name, identity, number, phone_encrypted,"
                        + " phone_index, phone_masked, id_tail, department_id)"
                        + " VALUES ('老张', 'STUDENT', 'S1', 'v1:x', 'i1', '139****0001', '54321X', :d) RETURNING id")
                .param("d", department)
                .query(Long.class)
                .single();
        long withoutTail = jdbc.sql("INSERT INTO " + schema + ".registrant (name, identity, number, phone_encrypted,"
                        + " phone_index, phone_masked, department_id)"
                        + " VALUES ('老李', 'STUDENT', 'S2', 'v1:y', 'i2', '139****0002', :d) RETURNING id")
                .param("d", department)
                .query(Long.class)
                .single();

        assertThat(migrator.migrate(SchoolCode.of("tailmig"))).isEqualTo(migrator.latestVersion());

        Map<String, Object> sealed = jdbc.sql("SELECT id_tail, id_tail_encrypted, id_tail_index, id_tail_masked FROM "
                        + schema + ".registrant WHERE id = :id")
                .param("id", withTail)
                .query()
                .singleRow();
        assertThat(sealed.get("id_tail")).isNull();
        assertThat(sealed.get("id_tail_masked")).isEqualTo("****1X");
        assertThat(sealed.get("id_tail_index")).isEqualTo(IdTails.index(cipher, "54321x"));
        assertThat(cipher.decrypt("tailmig", IdTails.FIELD, (String) sealed.get("id_tail_encrypted")))
                .isEqualTo("54321X");
        // Bound to its school: the same value does not open as another school's.
        assertThatThrownBy(() -> cipher.decrypt("regadm", IdTails.FIELD, (String) sealed.get("id_tail_encrypted")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM " + schema + ".registrant WHERE id_tail IS NOT NULL"
                                + " OR (id = :none AND id_tail_encrypted IS NOT NULL)")
                        .param("none", withoutTail)
                        .query(Long.class)
                        .single())
                .isZero();
        jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
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
