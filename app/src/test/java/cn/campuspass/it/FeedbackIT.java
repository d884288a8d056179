package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.wechat.session.PortalSessions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feedback (A3.4, R4.5) and personal info with the avatar (R4.10) on the real stack: a registrant sends feedback with
 * images from the portal, the console lists it within the staff member's data scope, opens it with its images
 * (presigned URLs fetched from the S3 server) and replies, and the registrant reads the reply under "replied". Images
 * are typed by their bytes (a PNG named .jpg is stored as PNG; text named .jpg, oversize files and a fifth image are
 * refused with 4xx). Feedback types go through their CRUD; bad input answers 4xx. Portal sessions are opened through
 * the session store for a registrant bound to a made-up openid (the WeChat sign-in has its own tests).
 */
class FeedbackIT extends StackTest {

    private static final String SCHOOL = "fbuni";
    private static final String PASSWORD = "FbUni@2026x";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StaffRoleGrants grants;

    private Seed seed;

    private SchoolFixtures fixtures;

    record Seed(String admin, long deptA, long deptB, long typeId, long studentA, long teacherB) {}

    @BeforeEach
    void school() {
        fixtures = schoolFixtures();
        seed = once(FeedbackIT.class, () -> {
            onboard(SCHOOL, "admin", "13300000070", PASSWORD);
            String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
            long deptA = fixtures.department(admin, "机械学院");
            long deptB = fixtures.department(admin, "外国语学院");
            Http.Response type =
                    Http.post(url("/admin/api/feedback-types"), admin, Map.of("name", "通行问题", "description", "校门通行相关"));
            assertThat(type.status()).as(type.body()).isEqualTo(201);
            long studentA = fixtures.registrant(SCHOOL, "王小明", "STUDENT", "2026100001", "13910000001", "12345X", deptA);
            long teacherB = fixtures.registrant(SCHOOL, "李老师", "TEACHER", "T100002", "13910000002", "54321X", deptB);
            return new Seed(admin, deptA, deptB, type.json().path("id").asLong(), studentA, teacherB);
        });
    }

    @Test
    void portalToConsoleToReplyAndBack() throws Exception {
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        String portal = portalSession(seed.studentA());
        byte[] png = image("png", Color.ORANGE);
        byte[] jpeg = image("jpg", Color.BLUE);

        // The enabled types are offered in the portal.
        Http.Response types = portalGet("/feedback-types", portal);
        assertThat(types.status()).as(types.body()).isEqualTo(200);
        assertThat(types.json().findValuesAsString("name")).contains("通行问题");

        // A PNG named .jpg and declared image/jpeg is accepted as the PNG it is.
        Http.Response sent = sendFeedback(
                portal,
                Map.of("typeId", seed.typeId(), "title", "东门闸机识别慢", "details", "早上八点\n排队很长"),
                List.of(new Part("photo.jpg", "image/jpeg", png), new Part("b.jpg", "image/jpeg", jpeg)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long id = sent.json().path("id").asLong();
        assertThat(sent.json().path("replied").asBoolean()).isFalse();
        assertThat(sent.json().path("images").findValuesAsString("contentType"))
                .containsExactly("image/png", "image/jpeg");
        assertThat(jdbc.queryForList(
                        "SELECT object_key FROM school_fbuni.feedback_image WHERE feedback_id = ? ORDER BY position",
                        String.class,
                        id))
                .satisfiesExactly(
                        k -> assertThat(k).endsWith(".png"), k -> assertThat(k).endsWith(".jpg"));

        // The registrant's own list: not replied yet.
        assertThat(ids(portalGet("/feedback?replied=false", portal))).contains(id);
        assertThat(ids(portalGet("/feedback?replied=true", portal))).doesNotContain(id);

        // The console list carries the tender's columns and its filters work.
        Http.Response list = Http.get(url("/admin/api/feedback?replied=false&typeId=" + seed.typeId()), admin);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode row = find(list.json().path("items"), id);
        assertThat(row.path("typeName").asString()).isEqualTo("通行问题");
        assertThat(row.path("title").asString()).isEqualTo("东门闸机识别慢");
        assertThat(row.path("details").asString()).isEqualTo("早上八点\n排队很长");
        assertThat(row.path("name").asString()).isEqualTo("王小明");
        assertThat(row.path("number").asString()).isEqualTo("2026100001");
        assertThat(row.path("departmentName").asString()).isEqualTo("机械学院");
        assertThat(row.path("identity").asString()).isEqualTo("STUDENT");
        assertThat(row.path("createdAt").isMissingNode()).isFalse();
        assertThat(row.path("imageCount").asInt()).isEqualTo(2);
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(ids(Http.get(url("/admin/api/feedback?from=" + today + "&to=" + today), admin)))
                .contains(id);
        assertThat(ids(Http.get(url("/admin/api/feedback?to=2020-01-01"), admin)))
                .doesNotContain(id);
        assertThat(ids(Http.get(url("/admin/api/feedback?replied=true"), admin)))
                .doesNotContain(id);

        // Details with images: the presigned URLs really serve the stored bytes.
        Http.Response detail = Http.get(url("/admin/api/feedback/" + id), admin);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        List<String> urls = detail.json().path("images").findValuesAsString("url");
        assertThat(urls).hasSize(2);
        HttpResponse<byte[]> fetched = CLIENT.send(
                HttpRequest.newBuilder(URI.create(urls.get(0))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(png);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(urls.get(0)).contains("X-Amz-Signature");

        // Http.Response (multi-line allowed); the second reply is refused.
        Http.Response replied =
                Http.post(url("/admin/api/feedback/" + id + "/reply"), admin, Map.of("reply", "已安排检修。\n谢谢反馈"));
        assertThat(replied.status()).as(replied.body()).isEqualTo(200);
        assertThat(replied.json().path("replied").asBoolean()).isTrue();
        assertThat(replied.json().path("repliedBy").asString()).isEqualTo("admin");
        Http.Response again = Http.post(url("/admin/api/feedback/" + id + "/reply"), admin, Map.of("reply", "再次"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("FEEDBACK_ALREADY_REPLIED");
        assertThat(Http.post(url("/admin/api/feedback/" + id + "/reply"), admin, Map.of("reply", " "))
                        .status())
                .isEqualTo(400);

        // The registrant sees the reply under "replied", with the images, but not who in the office wrote it.
        assertThat(ids(portalGet("/feedback?replied=true", portal))).contains(id);
        assertThat(ids(portalGet("/feedback?replied=false", portal))).doesNotContain(id);
        Http.Response mine = portalGet("/feedback/" + id, portal);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().path("reply").asString()).isEqualTo("已安排检修。\n谢谢反馈");
        assertThat(mine.json().path("images").size()).isEqualTo(2);
        assertThat(mine.json().has("repliedBy")).isFalse();

        // Another registrant cannot read it; nor can a request without a session.
        String other = portalSession(seed.teacherB());
        assertThat(portalGet("/feedback/" + id, other).status()).isEqualTo(404);
        assertThat(ids(portalGet("/feedback", other))).doesNotContain(id);
        assertThat(portalGet("/feedback/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void imagesAreSniffedSizedAndCounted() throws Exception {
        String portal = portalSession(seed.studentA());
        Map<String, Object> body = Map.of("typeId", seed.typeId(), "title", "图片测试", "details", "见附件");
        long before = feedbackCount();

        Http.Response text = sendFeedback(
                portal,
                body,
                List.of(new Part(
                        "fake.jpg", "image/jpeg", "just some text, not an image".getBytes(StandardCharsets.UTF_8))));
        assertThat(text.status()).as(text.body()).isEqualTo(415);
        assertThat(text.code()).isEqualTo("FILE_TYPE_NOT_ALLOWED");

        // A GIF is a real image but not one of the accepted types.
        Http.Response gif =
                sendFeedback(portal, body, List.of(new Part("a.gif", "image/gif", image("gif", Color.RED))));
        assertThat(gif.status()).isEqualTo(415);

        byte[] oversize = new byte[5 * 1024 * 1024 + 1];
        oversize[0] = (byte) 0xFF;
        oversize[1] = (byte) 0xD8;
        oversize[2] = (byte) 0xFF;
        Http.Response big = sendFeedback(portal, body, List.of(new Part("big.jpg", "image/jpeg", oversize)));
        assertThat(big.status()).as(big.body()).isEqualTo(413);
        assertThat(big.code()).isEqualTo("FILE_TOO_LARGE");

        byte[] jpeg = image("jpg", Color.GREEN);
        List<Part> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new Part("p" + i + ".jpg", "image/jpeg", jpeg));
        }
        Http.Response tooMany = sendFeedback(portal, body, five);
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
        assertThat(tooMany.code()).isEqualTo("FEEDBACK_TOO_MANY_IMAGES");
        assertThat(feedbackCount()).isEqualTo(before);

        // Four are fine, and so is WebP (sniffed from its RIFF/WEBP header).
        byte[] webp = webp();
        Http.Response four = sendFeedback(
                portal,
                body,
                List.of(
                        new Part("1.jpg", "image/jpeg", jpeg),
                        new Part("2.jpg", "image/jpeg", jpeg),
                        new Part("3.jpg", "image/jpeg", jpeg),
                        new Part("4.bin", "application/octet-stream", webp)));
        assertThat(four.status()).as(four.body()).isEqualTo(201);
        assertThat(four.json().path("images").findValuesAsString("contentType"))
                .containsExactly("image/jpeg", "image/jpeg", "image/jpeg", "image/webp");
        assertThat(feedbackCount()).isEqualTo(before + 1);
    }

    @Test
    void badInputIsRefusedWith4xx() {
        String portal = portalSession(seed.studentA());
        assertThat(sendFeedback(portal, Map.of("typeId", seed.typeId(), "title", "", "details", "x"), List.of())
                        .status())
                .isEqualTo(400);
        assertThat(sendFeedback(portal, Map.of("typeId", seed.typeId(), "title", "a\u0007b", "details", "x"), List.of())
                        .status())
                .isEqualTo(400);
        assertThat(sendFeedback(
                                portal,
                                Map.of("typeId", seed.typeId(), "title", "t", "details", "x".repeat(2001)),
                                List.of())
                        .status())
                .isEqualTo(400);
        Http.Response unknownType =
                sendFeedback(portal, Map.of("typeId", 999_999, "title", "t", "details", "x"), List.of());
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.code()).isEqualTo("FEEDBACK_TYPE_UNAVAILABLE");
        assertThat(portalGet("/feedback/999999", portal).status()).isEqualTo(404);
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        assertThat(Http.get(url("/admin/api/feedback/999999"), admin).status()).isEqualTo(404);
        assertThat(Http.get(url("/admin/api/feedback?from=yesterday"), admin).status())
                .isEqualTo(400);
        assertThat(Http.get(url("/admin/api/feedback"), null).status()).isEqualTo(401);
    }

    @Test
    void feedbackTypesCrud() {
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        Http.Response created = Http.post(
                url("/admin/api/feedback-types"),
                admin,
                Map.of("name", "界面建议", "description", "对系统的建议", "sortOrder", 2));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.json().path("updatedBy").asString()).isEqualTo("admin");

        Http.Response duplicate = Http.post(url("/admin/api/feedback-types"), admin, Map.of("name", "界面建议"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("FEEDBACK_TYPE_NAME_TAKEN");
        assertThat(Http.post(url("/admin/api/feedback-types"), admin, Map.of("name", " "))
                        .status())
                .isEqualTo(400);
        assertThat(Http.post(url("/admin/api/feedback-types"), admin, Map.of("name", "x".repeat(51)))
                        .status())
                .isEqualTo(400);

        Http.Response renamed =
                Http.put(url("/admin/api/feedback-types/" + id), admin, Map.of("name", "系统功能建议", "description", ""));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("系统功能建议");
        assertThat(renamed.json().path("description").isNull()).isTrue();

        // Disabled types leave the portal's choice and cannot be used.
        assertThat(Http.post(url("/admin/api/feedback-types/" + id + "/disable"), admin, null)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        String portal = portalSession(seed.studentA());
        assertThat(portalGet("/feedback-types", portal).json().findValuesAsString("name"))
                .doesNotContain("系统功能建议");
        assertThat(sendFeedback(portal, Map.of("typeId", id, "title", "t", "details", "d"), List.of())
                        .code())
                .isEqualTo("FEEDBACK_TYPE_UNAVAILABLE");
        assertThat(names(
                        Http.get(url("/admin/api/feedback-types?enabled=false"), admin)
                                .json(),
                        "name"))
                .contains("系统功能建议");
        assertThat(names(
                        Http.get(url("/admin/api/feedback-types?enabled=true"), admin)
                                .json(),
                        "name"))
                .doesNotContain("系统功能建议");
        Http.post(url("/admin/api/feedback-types/" + id + "/enable"), admin, null);

        // A type in use is not deleted; an unused one is.
        assertThat(sendFeedback(portal, Map.of("typeId", id, "title", "t", "details", "d"), List.of())
                        .status())
                .isEqualTo(201);
        Http.Response inUse = Http.delete(url("/admin/api/feedback-types/" + id), admin);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("FEEDBACK_TYPE_IN_USE");
        long unused = Http.post(url("/admin/api/feedback-types"), admin, Map.of("name", "临时类型"))
                .json()
                .path("id")
                .asLong();
        assertThat(Http.delete(url("/admin/api/feedback-types/" + unused), admin)
                        .status())
                .isEqualTo(204);
        assertThat(Http.get(url("/admin/api/feedback-types/" + unused), admin).status())
                .isEqualTo(404);
    }

    @Test
    void theConsoleListKeepsToTheDataScope() {
        String fromA = portalSession(seed.studentA());
        String fromB = portalSession(seed.teacherB());
        long a = sendFeedback(fromA, Map.of("typeId", seed.typeId(), "title", "来自机械学院", "details", "A"), List.of())
                .json()
                .path("id")
                .asLong();
        long b = sendFeedback(fromB, Map.of("typeId", seed.typeId(), "title", "来自外国语学院", "details", "B"), List.of())
                .json()
                .path("id")
                .asLong();

        // A department administrator running 机械学院, given the feedback permissions.
        fixtures.staff(SCHOOL, "deptadmin", "13300000071", "Dept@2026xx", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(SCHOOL, "deptadmin", "Dept@2026xx");
        grant("department-admin", "feedback:feedback:view", "feedback:feedback:reply");
        String deptUser = subject(dept);
        jdbc.update(
                "INSERT INTO school_fbuni.staff_user (id, username) VALUES (?, 'deptadmin') ON CONFLICT DO NOTHING",
                deptUser);
        jdbc.update(
                "INSERT INTO school_fbuni.staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                deptUser,
                seed.deptA());
        grants.invalidate(SchoolCode.of(SCHOOL));

        List<Long> seen = ids(Http.get(url("/admin/api/feedback?size=100"), dept));
        assertThat(seen).contains(a).doesNotContain(b);
        assertThat(Http.get(url("/admin/api/feedback/" + b), dept).status()).isEqualTo(404);
        assertThat(Http.post(url("/admin/api/feedback/" + b + "/reply"), dept, Map.of("reply", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(url("/admin/api/feedback/" + a), dept).status()).isEqualTo(200);
        // The school admin sees both.
        assertThat(ids(Http.get(url("/admin/api/feedback?size=100"), Tokens.school(SCHOOL, "admin", PASSWORD))))
                .contains(a, b);

        // A gate guard (own records) with the view permission sees none: registrants, not staff, make feedback.
        fixtures.staff(SCHOOL, "guard9", "13300000072", "Guard@2026xx", SeededRole.GATE_GUARD.realmRole());
        String guard = Tokens.school(SCHOOL, "guard9", "Guard@2026xx");
        assertThat(Http.get(url("/admin/api/feedback"), guard).status()).isEqualTo(403);
        grant("gate-guard", "feedback:feedback:view");
        grants.invalidate(SchoolCode.of(SCHOOL));
        Http.Response own = Http.get(url("/admin/api/feedback"), guard);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("total").asLong()).isZero();
        assertThat(Http.get(url("/admin/api/feedback/" + a), guard).status()).isEqualTo(404);
        // Without the type permission the types cannot be changed.
        assertThat(Http.post(url("/admin/api/feedback-types"), guard, Map.of("name", "门岗类型"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void personalInfoByIdentityAndTwoAvatarChanges() throws Exception {
        long student =
                fixtures.registrant(SCHOOL, "赵同学", "STUDENT", "2026100009", "13910000009", "67890X", seed.deptA());
        String portal = portalSession(student);
        Http.Response info = portalGet("/me/info", portal);
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        assertThat(info.json().path("fields").findValuesAsString("key"))
                .containsExactly("identity", "name", "phone", "studentNumber", "idTail", "department");
        assertThat(value(info.json(), "studentNumber")).isEqualTo("2026100009");
        assertThat(value(info.json(), "phone")).isNotEqualTo("13910000009").endsWith("0009");
        assertThat(value(info.json(), "department")).isEqualTo("机械学院");
        assertThat(value(info.json(), "idTail")).doesNotContain("67890");
        assertThat(info.json().path("avatarUrl").isNull()).isTrue();
        assertThat(info.json().path("avatarChangesLeft").asInt()).isEqualTo(2);

        String teacher = portalSession(seed.teacherB());
        assertThat(portalGet("/me/info", teacher).json().path("fields").findValuesAsString("key"))
                .containsExactly("identity", "identityType", "name", "phone", "staffNumber", "idTail", "department");

        // Not an image: refused, and no change is used up.
        Http.Response text =
                upload("/me/avatar", portal, new Part("me.png", "image/png", "hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.status()).isEqualTo(415);
        byte[] first = image("png", Color.PINK);
        Http.Response one = upload("/me/avatar", portal, new Part("me.jpg", "image/jpeg", first));
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("avatarChangesLeft").asInt()).isEqualTo(1);
        HttpResponse<byte[]> avatar = CLIENT.send(
                HttpRequest.newBuilder(URI.create(one.json().path("avatarUrl").asString()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(avatar.statusCode()).isEqualTo(200);
        assertThat(avatar.body()).isEqualTo(first);

        Http.Response two = upload("/me/avatar", portal, new Part("me2.jpg", "image/jpeg", image("jpg", Color.CYAN)));
        assertThat(two.status()).as(two.body()).isEqualTo(200);
        assertThat(two.json().path("avatarChangesLeft").asInt()).isZero();
        Http.Response three =
                upload("/me/avatar", portal, new Part("me3.jpg", "image/jpeg", image("jpg", Color.BLACK)));
        assertThat(three.status()).isEqualTo(409);
        assertThat(three.code()).isEqualTo("AVATAR_CHANGE_LIMIT");
        assertThat(three.json().path("message").asString()).isEqualTo("头像最多只能修改2次，您的修改次数已用完");
        assertThat(jdbc.queryForObject(
                        "SELECT avatar_changes FROM school_fbuni.registrant WHERE id = ?", Integer.class, student))
                .isEqualTo(2);
        // The replaced avatar is gone from storage; only the current one is kept.
        assertThat(portalGet("/me/info", portal).json().path("avatarUrl").asString())
                .isNotEqualTo(one.json().path("avatarUrl").asString());
    }

    @Test
    void demoDataIsIdempotent() throws Exception {
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        cn.campuspass.localstack.demo.DemoFeedback.seed(http, url(""), admin);
        assertThat(cn.campuspass.localstack.demo.DemoFeedback.seed(http, url(""), admin))
                .isEmpty();
        assertThat(names(Http.get(url("/admin/api/feedback-types"), admin).json(), "name"))
                .contains("通行问题", "系统建议", "其他");
        int first;
        int second;
        try (java.sql.Connection c = jdbc.getDataSource().getConnection()) {
            first = cn.campuspass.localstack.demo.DemoFeedback.seedRows(c, "school_fbuni");
            second = cn.campuspass.localstack.demo.DemoFeedback.seedRows(c, "school_fbuni");
        }
        assertThat(second).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM school_fbuni.feedback WHERE title = '东门早高峰闸机排队太长'", Long.class))
                .isEqualTo(1);
        Http.Response replied = Http.get(url("/admin/api/feedback?replied=true&size=100"), admin);
        assertThat(replied.json().path("items").findValuesAsString("title")).contains("东门早高峰闸机排队太长");
        assertThat(first == 0 || first == 6).isTrue();
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private String portalSession(long registrantId) {
        return fixtures.portalSession(SCHOOL, registrantId);
    }

    private void grant(String realmRole, String... permissions) {
        for (String permission : permissions) {
            jdbc.update(
                    "INSERT INTO school_fbuni.staff_role_permission (role_id, permission)"
                            + " SELECT id, ? FROM school_fbuni.staff_role WHERE realm_role = ? ON CONFLICT DO NOTHING",
                    permission,
                    realmRole);
        }
    }

    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }

    private long feedbackCount() {
        return jdbc.queryForObject("SELECT count(*) FROM school_fbuni.feedback", Long.class);
    }

    private static String value(JsonNode info, String key) {
        for (JsonNode field : info.path("fields")) {
            if (key.equals(field.path("key").asString())) {
                return field.path("value").asString();
            }
        }
        throw new AssertionError("no field " + key + " in " + info);
    }

    private static JsonNode find(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.path("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("feedback " + id + " not in " + items);
    }

    private static List<Long> ids(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json()
                .path("items")
                .valueStream()
                .map(n -> n.path("id").asLong())
                .toList();
    }

    static byte[] image(String format, Color color) throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A minimal lossless WebP container (1x1); only its header matters to the sniffing. */
    static byte[] webp() {
        return Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    record Part(String fileName, String contentType, byte[] bytes) {}

    private Http.Response portalGet(String path, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api" + path)))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (session != null) {
            b.header(PortalSessions.HEADER, session);
        }
        return Http.send(b);
    }

    private Http.Response sendFeedback(String session, Map<String, Object> feedback, List<Part> images) {
        Multipart body = new Multipart();
        body.json("feedback", Http.toJson(feedback));
        for (Part image : images) {
            body.file("images", image);
        }
        return post("/feedback", session, body);
    }

    private Http.Response upload(String path, String session, Part file) {
        Multipart body = new Multipart();
        body.file("file", file);
        return post(path, session, body);
    }

    private Http.Response post(String path, String session, Multipart body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api" + path)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (session != null) {
            b.header(PortalSessions.HEADER, session);
        }
        return Http.send(b);
    }

    private static final class Multipart {
        final String boundary = "----fb" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void json(String name, String json) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"\r\nContent-Type: application/json\r\n\r\n" + json + "\r\n");
        }

        void file(String name, Part part) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n");
            out.writeBytes(part.bytes());
            write("\r\n");
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
