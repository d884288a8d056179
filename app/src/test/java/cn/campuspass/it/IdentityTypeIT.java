package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A4.1 identity types over HTTP on the real stack: CRUD with 4xx answers for bad input, refused deletion while in use,
 * the type on registrants (form, list, import with a row-numbered problem for an unknown type) and access records,
 * and P4 / A4.2 b: a type's own face setting over its identity's, as the portal reads it for the signed-in person.
 */
class IdentityTypeIT extends StackTest {

    private static final String SCHOOL = "idtypeuni";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcClient jdbc;

    @Test
    void identityTypesFromCrudToImportAndTheFaceRule() throws Exception {
        onboard(SCHOOL, "admin", "13300000071", "IdType@2026", "wxidtypeuni00001");
        String token = Tokens.school(SCHOOL, "admin", "IdType@2026");
        long department = Http.post(url("/admin/api/departments"), token, Map.of("name", "计算机学院"))
                .json()
                .path("id")
                .asLong();

        // Create, query, edit.
        long staffTeacher = create(token, "在编教师", "TEACHER");
        long visiting = create(token, "外聘教师", "TEACHER");
        long undergrad = create(token, "本科生", "STUDENT");
        long builders = create(token, "施工人员", "THIRD_PARTY");
        assertThat(names(Http.get(url("/admin/api/identity-types"), token).json()))
                .containsExactlyInAnyOrder("在编教师", "外聘教师", "本科生", "施工人员");
        assertThat(names(Http.get(url("/admin/api/identity-types?identity=TEACHER"), token)
                        .json()))
                .containsExactly("在编教师", "外聘教师");
        assertThat(names(Http.get(url("/admin/api/identity-types?q=" + Http.enc("施工")), token)
                        .json()))
                .containsExactly("施工人员");
        Http.Response renamed = Http.put(
                url("/admin/api/identity-types/" + visiting), token, Map.of("name", "外聘教师（兼职）", "identity", "TEACHER"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("外聘教师（兼职）");
        assertThat(renamed.json().path("updatedBy").asString()).isEqualTo("admin");
        JsonNode one = Http.get(url("/admin/api/identity-types/" + staffTeacher), token)
                .json();
        assertThat(one.path("identity").asString()).isEqualTo("TEACHER");
        assertThat(one.path("enabled").asBoolean()).isTrue();
        assertThat(one.path("createdAt").asString()).isNotBlank();

        // Bad input is a 4xx with a code, never a 500.
        Http.Response blank =
                Http.post(url("/admin/api/identity-types"), token, Map.of("name", " ", "identity", "TEACHER"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("IDENTITY_TYPE_INVALID");
        assertThat(blank.json().path("fields").get(0).path("field").asString()).isEqualTo("name");
        Http.Response noIdentity = Http.post(url("/admin/api/identity-types"), token, Map.of("name", "博士后"));
        assertThat(noIdentity.status()).isEqualTo(400);
        assertThat(noIdentity.json().path("fields").get(0).path("field").asString())
                .isEqualTo("identity");
        assertThat(Http.post(url("/admin/api/identity-types"), token, Map.of("name", "博士后", "identity", "ALIEN"))
                        .status())
                .isEqualTo(400);
        assertThat(Http.post(
                                url("/admin/api/identity-types"),
                                token,
                                Map.of("name", "长".repeat(51), "identity", "TEACHER"))
                        .code())
                .isEqualTo("IDENTITY_TYPE_INVALID");
        assertThat(Http.post(url("/admin/api/identity-types"), token, Map.of("name", "a\u0007b", "identity", "TEACHER"))
                        .status())
                .isEqualTo(400);
        Http.Response taken =
                Http.post(url("/admin/api/identity-types"), token, Map.of("name", "在编教师", "identity", "TEACHER"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("IDENTITY_TYPE_NAME_TAKEN");
        // The same name under another identity is another type.
        long studentStaff = create(token, "在编教师", "STUDENT");
        assertThat(Http.get(url("/admin/api/identity-types/999999"), token).code())
                .isEqualTo("IDENTITY_TYPE_NOT_FOUND");
        assertThat(Http.delete(url("/admin/api/identity-types/" + studentStaff), token)
                        .status())
                .isEqualTo(204);
        assertThat(Http.get(url("/admin/api/identity-types/" + studentStaff), token)
                        .status())
                .isEqualTo(404);

        // A registrant takes a type of their own identity, enabled; the list and detail show its name.
        Http.Response teacher = Http.post(
                url("/admin/api/registrants"),
                token,
                registrant("李老师", "TEACHER", staffTeacher, "T0001", "13912340001", department));
        assertThat(teacher.status()).as(teacher.body()).isEqualTo(201);
        assertThat(teacher.json().path("identityTypeName").asString()).isEqualTo("在编教师");
        Http.Response wrongIdentity = Http.post(
                url("/admin/api/registrants"),
                token,
                registrant("错身份", "STUDENT", staffTeacher, "S0009", "13912340009", department));
        assertThat(wrongIdentity.code()).isEqualTo("REGISTRANT_INVALID");
        assertThat(wrongIdentity.json().path("fields").toString()).contains("identityTypeId");
        assertThat(Http.post(
                                url("/admin/api/registrants"),
                                token,
                                registrant("无类型", "STUDENT", 999999L, "S0008", "13912340008", department))
                        .code())
                .isEqualTo("REGISTRANT_INVALID");
        assertThat(Http.post(url("/admin/api/identity-types/" + undergrad + "/disable"), token, Map.of())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(Http.post(
                                url("/admin/api/registrants"),
                                token,
                                registrant("停用类型", "STUDENT", undergrad, "S0007", "13912340007", department))
                        .json()
                        .path("fields")
                        .toString())
                .contains("身份类型已停用");
        assertThat(names(Http.get(url("/admin/api/identity-types?enabled=false"), token)
                        .json()))
                .containsExactly("本科生");
        Http.post(url("/admin/api/identity-types/" + undergrad + "/enable"), token, Map.of());
        long teacherId = teacher.json().path("id").asLong();
        JsonNode listed = Http.get(url("/admin/api/registrants?q=T0001"), token)
                .json()
                .path("items")
                .get(0);
        assertThat(listed.path("identityTypeId").asLong()).isEqualTo(staffTeacher);
        assertThat(listed.path("identityTypeName").asString()).isEqualTo("在编教师");

        // Delete is refused while a registrant holds the type, and so is moving it to another identity.
        Http.Response inUse = Http.delete(url("/admin/api/identity-types/" + staffTeacher), token);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("IDENTITY_TYPE_IN_USE");
        assertThat(inUse.json().path("message").asString()).contains("1 名备案人");
        assertThat(Http.put(
                                url("/admin/api/identity-types/" + staffTeacher),
                                token,
                                Map.of("name", "在编教师", "identity", "STUDENT"))
                        .code())
                .isEqualTo("IDENTITY_TYPE_INVALID");
        assertThat(Http.get(url("/admin/api/identity-types/" + staffTeacher), token)
                        .json()
                        .path("registrants")
                        .asLong())
                .isEqualTo(1);

        // Import: the 身份类型 column names a type of the row's identity; an unknown one is a problem of its row and
        // that row is not imported at all.
        String job = startImport(token, workbook(new String[][] {
            {"姓名", "身份", "身份类型", "学号/工号", "手机号", "身份证后六位", "部门/单位", "被分管部门"},
            {"王老师", "教师", "在编教师", "T0002", "13912340002", "", "计算机学院", ""},
            {"赵同学", "学生", "研究生", "2026002", "13912340003", "", "计算机学院", ""},
            {"钱同学", "学生", "本科生", "2026003", "13912340004", "12345X", "计算机学院", ""}
        }));
        JsonNode done = awaitImport(token, job);
        assertThat(done.path("importedRows").asInt()).as(done.toString()).isEqualTo(2);
        assertThat(done.path("rejectedRows").asInt()).isEqualTo(1);
        assertThat(done.path("problems").toString()).contains("第 3 行").contains("研究生");
        assertThat(count("number = '2026002'")).isZero();
        assertThat(count("number = 'T0002' AND identity_type_id = " + staffTeacher))
                .isEqualTo(1);
        assertThat(count("number = '2026003' AND identity_type_id = " + undergrad))
                .isEqualTo(1);

        // Access records show the type of the person who passed.
        jdbc.sql("INSERT INTO school_" + SCHOOL + ".access_record (registrant_id, name, phone_masked, identity,"
                        + " identity_type_id, number, department_id, method, allowed, verified_by)"
                        + " VALUES (?, '李老师', '139****0001', 'TEACHER', ?, 'T0001', ?, 'GUARD', true, 'guard')")
                .params(teacherId, staffTeacher, department)
                .update();
        JsonNode record = Http.get(url("/admin/api/access-records"), token)
                .json()
                .path("items")
                .get(0);
        assertThat(record.path("identityTypeName").asString()).isEqualTo("在编教师");

        // Face rule: students need no photo, but the 本科生 type does; 在编教师 does, other teachers do not.
        Http.Response badKey = Http.put(
                url("/admin/api/school/settings"), token, Map.of("faceRequiredByTeacherType", Map.of("abc", true)));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.code()).isEqualTo("FACE_SETTING_KEY_INVALID");
        Http.Response saved = Http.put(
                url("/admin/api/school/settings"),
                token,
                Map.of(
                        "faceRequired", Map.of("STUDENT", false),
                        "faceRequiredByTeacherType",
                                Map.of(String.valueOf(undergrad), true, String.valueOf(staffTeacher), true)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(Http.get(url("/admin/api/identity-types/" + staffTeacher), token)
                        .json()
                        .path("faceRequired")
                        .asBoolean())
                .isTrue();
        JsonNode visitingView =
                Http.get(url("/admin/api/identity-types/" + visiting), token).json();
        assertThat(visitingView.path("faceRequired").asBoolean()).isFalse();
        assertThat(visitingView.path("faceRequiredOverride").isNull()).isTrue();

        // The portal reads the rule for the signed-in person: 钱同学 (student, 本科生) must upload a face.
        String session = portalSession("wxopenid-idtype-1");
        Http.Response login = portal(
                "POST",
                "/api/auth/login",
                session,
                Map.of("identity", "STUDENT", "number", "2026003", "verifier", "12345X"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        JsonNode me = portal("GET", "/api/me", session, null).json();
        assertThat(me.path("identityTypeName").asString()).isEqualTo("本科生");
        assertThat(me.path("faceRequired").asBoolean()).isTrue();
        // Back to following the identity (students: not required).
        Http.put(
                url("/admin/api/school/settings"),
                token,
                Map.of("faceRequiredByTeacherType", Map.of(String.valueOf(staffTeacher), true)));
        assertThat(portal("GET", "/api/me", session, null)
                        .json()
                        .path("faceRequired")
                        .asBoolean())
                .isFalse();
    }

    private long create(String token, String name, String identity) {
        Http.Response created =
                Http.post(url("/admin/api/identity-types"), token, Map.of("name", name, "identity", identity));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static Map<String, Object> registrant(
            String name, String identity, Long typeId, String number, String phone, long department) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("identity", identity);
        body.put("identityTypeId", typeId);
        body.put("number", number);
        body.put("phone", phone);
        body.put("departmentId", department);
        return body;
    }

    private static List<String> names(JsonNode list) {
        return list.valueStream().map(n -> n.path("name").asString()).toList();
    }

    private long count(String where) {
        return jdbc.sql("SELECT count(*) FROM school_" + SCHOOL + ".registrant WHERE " + where)
                .query(Long.class)
                .single();
    }

    private String startImport(String token, byte[] upload) throws Exception {
        String boundary = "----campuspass" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.xlsx\"\r\n"
                        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(upload);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> started = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url("/admin/api/registrants/import")))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return new Http.Response(202, started.body()).json().path("id").asString();
    }

    private JsonNode awaitImport(String token, String id) throws InterruptedException {
        JsonNode job = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            job = Http.get(url("/admin/api/registrants/import/" + id), token).json();
            String status = job.path("status").asString();
            if (!"RUNNING".equals(status) && !"PENDING".equals(status)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(job.path("status").asString()).as(String.valueOf(job)).isEqualTo("DONE");
        return job;
    }

    private static byte[] workbook(String[][] rows) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("备案人");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    // ---- the portal: WeChat OAuth through the simulator, then a portal session -------------------------------

    private String portalSession(String openid) throws Exception {
        HttpResponse<String> authorize =
                send("GET", url("/portal/" + SCHOOL + "/api/auth/wechat/authorize"), null, null);
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        String weChatPage = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(weChatPage).startsWith(LocalStack.shared().weChatApiBase());
        HttpResponse<String> simulator =
                send("GET", weChatPage.replace("#wechat_redirect", "") + "&sim_openid=" + Http.enc(openid), null, null);
        URI back = URI.create(simulator.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> callback = send("GET", url(back.getRawPath() + "?" + back.getRawQuery()), null, null);
        String location = callback.headers().firstValue("Location").orElseThrow();
        String ticket = null;
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("ticket")) {
                ticket = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        Http.Response created = portal("POST", "/api/auth/session", null, Map.of("ticket", ticket));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().path("token").asString();
    }

    private Http.Response portal(String method, String path, String session, Object body) throws Exception {
        HttpResponse<String> r = send(method, url("/portal/" + SCHOOL + path), session, body);
        return new Http.Response(r.statusCode(), r.body());
    }

    private static HttpResponse<String> send(String method, String url, String session, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", "10.4.7.11");
        if (session != null) {
            b.header("X-Portal-Session", session);
        }
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Http.toJson(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
