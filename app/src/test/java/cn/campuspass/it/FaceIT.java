package cn.campuspass.it;

import static cn.campuspass.face.FacePhotos.blurred;
import static cn.campuspass.face.FacePhotos.farAway;
import static cn.campuspass.face.FacePhotos.jpeg;
import static cn.campuspass.face.FacePhotos.pngBomb;
import static cn.campuspass.face.FacePhotos.portrait;
import static cn.campuspass.face.FacePhotos.resized;
import static cn.campuspass.face.FacePhotos.resource;
import static cn.campuspass.face.FacePhotos.rgb;
import static cn.campuspass.face.FacePhotos.scaled;
import static cn.campuspass.face.FacePhotos.twoPeople;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.access.DynamicPasses;
import cn.campuspass.access.IssuedPass;
import cn.campuspass.face.FaceError;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.wechat.session.PortalSessions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faces on the real stack (R4.9, P6, A4.5): the portal upload checked by the real detector (each refusal with its
 * code and a Chinese message, nothing stored), the accepted face in the school's private storage behind a presigned
 * URL, the school's face rule blocking the pass until a face is uploaded, the guard's verification answer carrying
 * the face, the console's update records within the data scope (old and new face side by side), and the export of
 * faces as a zip with an index workbook, written to the personal-data access log.
 */
class FaceIT extends StackTest {

    private static final String SCHOOL = "faceuni";
    private static final String PASSWORD = "FaceUni@2026x";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StaffRoleGrants grants;

    @Autowired
    DynamicPasses passes;

    private Seed seed;

    private SchoolFixtures fixtures;

    record Seed(long deptA, long deptB, long gate, long studentA, long teacherB, long studentC) {}

    @BeforeEach
    void school() {
        fixtures = schoolFixtures();
        seed = once(FaceIT.class, () -> {
            onboard(SCHOOL, "admin", "13300000090", PASSWORD);
            String admin = admin();
            long deptA = fixtures.department(admin, "生命科学学院");
            long deptB = fixtures.department(admin, "艺术学院");
            long campus = fixtures.campus(admin, "主校区");
            long gate = fixtures.gate(admin, campus, "南门");
            long studentA = fixtures.registrant(SCHOOL, "周同学", "STUDENT", "2026300001", "13930000001", "12345X", deptA);
            long teacherB = fixtures.registrant(SCHOOL, "吴老师", "TEACHER", "T300002", "13930000002", "54321X", deptB);
            long studentC = fixtures.registrant(SCHOOL, "郑同学", "STUDENT", "2026300003", "13930000003", "11111X", deptA);
            return new Seed(deptA, deptB, gate, studentA, teacherB, studentC);
        });
    }

    @Test
    void refusedPhotosSayWhyAndLeaveNothingThenAPortraitIsAccepted() throws Exception {
        String portal = portalSession(seed.studentA());
        BufferedImage portrait = rgb(portrait());
        Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
        refused.put("FACE_NOT_FOUND", resource("coffee.jpg"));
        refused.put("FACE_MULTIPLE", jpeg(twoPeople(portrait)));
        refused.put("FACE_TOO_SMALL", jpeg(farAway(portrait, 900)));
        refused.put("FACE_IMAGE_TOO_SMALL", jpeg(resized(portrait, 130, 150)));
        refused.put("FACE_TOO_DARK", jpeg(scaled(portrait, 0.25, 0)));
        refused.put("FACE_TOO_BRIGHT", jpeg(scaled(portrait, 0.35, 175)));
        refused.put("FACE_BLURRED", jpeg(blurred(portrait, 5, 2)));
        refused.put("FACE_IMAGE_TOO_LARGE", pngBomb(20_000));
        refused.put("FACE_TYPE_NOT_ALLOWED", "GIF89a not a face".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> photo : refused.entrySet()) {
            Http.Response reply = upload(portal, photo.getValue());
            assertThat(reply.status()).as(photo.getKey() + ": " + reply.body()).isBetween(400, 499);
            assertThat(reply.code()).as(reply.body()).isEqualTo(photo.getKey());
            assertThat(reply.json().path("message").asString())
                    .as("a message a person can act on")
                    .matches(".*[\\u4e00-\\u9fff].*");
        }
        assertThat(faceRows(seed.studentA())).isZero();
        Http.Response none = portalGet("/me/face", portal);
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().path("uploaded").asBoolean()).isFalse();

        Http.Response accepted = upload(portal, resource("astronaut-portrait.jpg"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("uploaded").asBoolean()).isTrue();
        String url = accepted.json().path("url").asString();
        // Private, per school, and short-lived: a presigned URL of at most two minutes under the school's prefix.
        assertThat(url).contains("schools/" + SCHOOL + "/faces/").contains("X-Amz-Expires=120");
        HttpResponse<byte[]> image = fetch(url);
        assertThat(image.statusCode()).isEqualTo(200);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(stored.getWidth()).isEqualTo(260);
        // Without the signature, or with it altered, the object is not served.
        assertThat(fetch(url.substring(0, url.indexOf('?'))).statusCode()).isBetween(400, 499);
        assertThat(fetch(url.replace("X-Amz-Signature=", "X-Amz-Signature=0")).statusCode())
                .isBetween(400, 499);
        Http.Response mine = portalGet("/me/face", portal);
        assertThat(mine.json().path("uploaded").asBoolean()).isTrue();
        assertThat(mine.json().path("url").asString()).contains("X-Amz-Signature=");

        // A second upload replaces the face and keeps the old one for the records.
        assertThat(upload(portal, jpeg(resized(portrait, 390, 450))).status()).isEqualTo(200);
        List<Map<String, Object>> updates = jdbc.queryForList(
                "SELECT old_key, new_key, source, operator FROM school_faceuni.face_update WHERE registrant_id = ?"
                        + " ORDER BY id",
                seed.studentA());
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).get("old_key")).isNull();
        assertThat(updates.get(1).get("old_key")).isEqualTo(updates.get(0).get("new_key"));
        assertThat(updates.get(1).get("source")).isEqualTo("PORTAL");
        assertThat(updates.get(1).get("operator")).isEqualTo("周同学");
    }

    @Test
    void aRequiredFaceBlocksThePassUntilUploadedAndTheGuardSeesIt() throws Exception {
        String admin = admin();
        Http.Response rules = Http.put(
                url("/admin/api/registrants/" + seed.studentC() + "/access-rules"),
                admin,
                Map.of("gateIds", List.of(seed.gate())));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        Http.Response settings =
                Http.put(url("/admin/api/school/settings"), admin, Map.of("faceRequired", Map.of("STUDENT", true)));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        try {
            String portal = portalSession(seed.studentC());
            assertThat(portalGet("/me/face", portal).json().path("required").asBoolean())
                    .isTrue();
            assertThatThrownBy(() -> issue(seed.studentC(), seed.gate()))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.error()).isEqualTo(FaceError.FACE_REQUIRED));

            assertThat(upload(portal, resource("astronaut-portrait.jpg")).status())
                    .isEqualTo(200);
            IssuedPass pass = issue(seed.studentC(), seed.gate());

            fixtures.staff(SCHOOL, "guard1", "13300000091", "Guard@2026x", SeededRole.GATE_GUARD.realmRole());
            String guard = Tokens.school(SCHOOL, "guard1", "Guard@2026x");
            Http.Response verified = Http.post(
                    url("/admin/api/pass-verifications"), guard, Map.of("code", pass.code(), "gateId", seed.gate()));
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().path("allowed").asBoolean()).isTrue();
            String photo = verified.json().path("person").path("photoUrl").asString();
            assertThat(photo).contains("X-Amz-Expires=120");
            assertThat(fetch(photo).statusCode()).isEqualTo(200);
        } finally {
            Http.put(url("/admin/api/school/settings"), admin, Map.of("faceRequired", Map.of("STUDENT", false)));
        }
    }

    @Test
    void recordsKeepToTheScopeAndTheExportIsAZipWithAnIndex() throws Exception {
        assertThat(upload(portalSession(seed.teacherB()), resource("astronaut-portrait.jpg"))
                        .status())
                .isEqualTo(200);
        String studentPortal = portalSession(seed.studentA());
        if (faceRows(seed.studentA()) == 0) {
            assertThat(upload(studentPortal, resource("astronaut-portrait.jpg")).status())
                    .isEqualTo(200);
        }
        String admin = admin();
        long loggedBefore = piiLogCount();

        Http.Response all = Http.get(url("/admin/api/faces/updates?size=100"), admin);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        JsonNode teacherRow = row(all.json().path("items"), "吴老师");
        assertThat(teacherRow.path("number").asString()).isEqualTo("T300002");
        assertThat(teacherRow.path("phoneMasked").asString()).isEqualTo("139****0002");
        assertThat(teacherRow.path("identity").asString()).isEqualTo("TEACHER");
        assertThat(teacherRow.path("departmentName").asString()).isEqualTo("艺术学院");
        assertThat(teacherRow.path("source").asString()).isEqualTo("PORTAL");
        assertThat(teacherRow.path("newFaceUrl").asString()).contains("X-Amz-Signature=");
        assertThat(fetch(teacherRow.path("newFaceUrl").asString()).statusCode()).isEqualTo(200);
        assertThat(piiLogCount()).as("a page of faces is a logged view").isGreaterThan(loggedBefore);

        Http.Response filtered = Http.get(url("/admin/api/faces/updates?keyword=T300002"), admin);
        assertThat(names(filtered)).containsOnly("吴老师");
        assertThat(Http.get(url("/admin/api/faces/updates?identity=NOBODY"), admin)
                        .status())
                .isEqualTo(400);

        // A department administrator of 生命科学学院 sees only that department's people.
        fixtures.staff(SCHOOL, "deptadmin", "13300000092", "Dept@2026xx", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(SCHOOL, "deptadmin", "Dept@2026xx");
        String deptUser = subject(dept);
        jdbc.update(
                "INSERT INTO school_faceuni.staff_user (id, username) VALUES (?, 'deptadmin') ON CONFLICT DO NOTHING",
                deptUser);
        jdbc.update(
                "INSERT INTO school_faceuni.staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                deptUser,
                seed.deptA());
        grants.invalidate(SchoolCode.of(SCHOOL));
        List<String> seen = names(Http.get(url("/admin/api/faces/updates?size=100"), dept));
        assertThat(seen).contains("周同学").doesNotContain("吴老师");
        // Department administrators may look but not export.
        assertThat(Http.post(url("/admin/api/faces/exports"), dept, null).status())
                .isEqualTo(403);

        // Export of the filtered list: one image per record and the index workbook.
        long exportsLogged = exportLogCount();
        Http.Response started = Http.post(url("/admin/api/faces/exports?keyword=T300002"), admin, null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asString();
        assertThat(exportLogCount()).isEqualTo(exportsLogged + 1);
        JsonNode job = awaitExport(admin, id);
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("done").asInt()).isEqualTo(1);

        HttpResponse<byte[]> zip = download(admin, "/admin/api/faces/exports/" + id + "/download");
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        byte[] index = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith(".jpg")) {
                    assertThat(ImageIO.read(new ByteArrayInputStream(content))).isNotNull();
                } else if (e.getName().equals("索引.xlsx")) {
                    index = content;
                }
            }
        }
        assertThat(entries)
                .hasSize(2)
                .anyMatch(n -> n.startsWith("faces/T300002_吴老师_"))
                .contains("索引.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(index))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("姓名");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("吴老师");
            assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("139****0002");
        }
        assertThat(exportLogCount()).as("the download is logged too").isEqualTo(exportsLogged + 2);
        assertThat(Http.get(url("/admin/api/faces/exports/" + UUID.randomUUID()), admin)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(url("/admin/api/faces/exports"), admin).json().findValuesAsString("id"))
                .contains(id);
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private static String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private IssuedPass issue(long registrantId, long gateId) {
        return SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> passes.issue(registrantId, gateId));
    }

    private String portalSession(long registrantId) {
        return fixtures.portalSession(SCHOOL, registrantId);
    }

    private long faceRows(long registrantId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM school_faceuni.registrant_face WHERE registrant_id = ?",
                Long.class,
                registrantId);
    }

    private long piiLogCount() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM school_faceuni.pii_access_log WHERE subject_kind = 'FACE' AND action = 'VIEW'",
                Long.class);
    }

    private long exportLogCount() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM school_faceuni.pii_access_log WHERE subject_kind = 'FACE' AND action = 'EXPORT'",
                Long.class);
    }

    private JsonNode awaitExport(String admin, String id) throws InterruptedException {
        JsonNode job = null;
        for (int i = 0; i < 120; i++) {
            job = Http.get(url("/admin/api/faces/exports/" + id), admin).json();
            if (!"RUNNING".equals(job.path("status").asString())) {
                return job;
            }
            Thread.sleep(250);
        }
        return job;
    }

    private static JsonNode row(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asString())) {
                return item;
            }
        }
        throw new AssertionError(name + " not in " + items);
    }

    private static List<String> names(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json()
                .path("items")
                .valueStream()
                .map(n -> n.path("name").asString())
                .toList();
    }

    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private Http.Response portalGet(String path, String session) {
        return Http.send(HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api" + path)))
                .timeout(Duration.ofSeconds(30))
                .header(PortalSessions.HEADER, session)
                .GET());
    }

    private Http.Response upload(String session, byte[] photo) {
        String boundary = "----face" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"face.jpg\""
                        + "\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api/me/face")))
                .timeout(Duration.ofSeconds(60))
                .header(PortalSessions.HEADER, session)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpResponse<byte[]> download(String token, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
