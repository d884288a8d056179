package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.WeChatSimulator;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.wechat.session.PortalSessions;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vehicle registration from the registrant portal (R2, R4.6) on the real stack: 立即备案 of a car with the photos of
 * its licence and of the car (typed by their bytes, stored privately), an e-bike with its photo only, refusals for a
 * bad plate, missing photos and a non-image; 我的申请 with the status and the reviewer's reason; and the decision
 * reaching the registrant as a WeChat template message through the outbox (recorded by the simulator).
 */
class PortalVehicleIT extends StackTest {

    private static final String SCHOOL = "carportaluni";
    private static final String PASSWORD = "CarPortal@2026";
    private static final String APP_ID = "wxcarportal00001";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PortalSessions sessions;

    private long department;

    private final WeChatSimulator simulator = LocalStack.shared().weChat();

    record Part(String name, String fileName, String contentType, byte[] bytes) {}

    @BeforeEach
    void school() {
        department = once(PortalVehicleIT.class, () -> {
            onboard(SCHOOL, "admin", "13300000096", PASSWORD, APP_ID);
            return schoolFixtures().department(admin(), "交通学院");
        });
    }

    @Test
    void aRegistrantRegistersACarAndHearsOfTheRejectionThenAnEbikeAndHearsOfTheApproval() throws Exception {
        String openid = "o-car-" + UUID.randomUUID().toString().substring(0, 10);
        long registrant = registrant(openid);
        String portal =
                sessions.create(SchoolCode.of(SCHOOL), openid, registrant).token();
        byte[] licence = FeedbackIT.image("jpg", Color.GREEN);
        byte[] car = FeedbackIT.image("png", Color.RED);

        // 立即备案: a car with both photos; the plate is normalised.
        Http.Response submitted = submit(
                portal,
                Map.of("type", "MOTOR", "plate", "苏e·66a88", "ownerName", "王车主", "relation", "SPOUSE"),
                List.of(
                        new Part("licencePhoto", "l.jpg", "image/jpeg", licence),
                        new Part("vehiclePhoto", "c.png", "image/png", car)));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        long carId = submitted.json().path("id").asLong();
        assertThat(submitted.json().path("plate").asString()).isEqualTo("苏E66A88");
        assertThat(submitted.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(submitted.json().path("relation").asString()).isEqualTo("SPOUSE");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT licence_photo_key, vehicle_photo_key, source FROM school_carportaluni.vehicle WHERE id = ?",
                carId);
        assertThat((String) row.get("licence_photo_key"))
                .startsWith("vehicle-photos/" + registrant + "/")
                .endsWith(".jpg");
        assertThat((String) row.get("vehicle_photo_key")).endsWith(".png");
        assertThat(row.get("source")).isEqualTo("PORTAL");

        // 我的申请: pending.
        JsonNode mine = get("/vehicles", portal).json();
        assertThat(mine.findValuesAsString("plate")).containsExactly("苏E66A88");
        assertThat(mine.get(0).path("status").asString()).isEqualTo("PENDING");

        // The console rejects it with a reason; the registrant sees the reason and gets a template message.
        String admin = admin();
        assertThat(Http.post(
                                url("/admin/api/vehicle-reviews/" + carId + "/reject"),
                                admin,
                                Map.of("reason", "行驶证照片不清晰，请重新上传"))
                        .status())
                .isEqualTo(200);
        JsonNode rejected = get("/vehicles", portal).json().get(0);
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejectReason").asString()).isEqualTo("行驶证照片不清晰，请重新上传");
        await(() -> simulator.messages(openid).size() == 1, "the rejection notice");
        WeChatSimulator.WeChatMessage notice = simulator.messages(openid).get(0);
        assertThat(notice.templateId()).isEqualTo("tpl-vehicle-decided");
        assertThat(notice.url()).endsWith("/portal/" + SCHOOL + "/vehicles");
        assertThat(notice.data().toString()).contains("苏E66A88").contains("已驳回").contains("行驶证照片不清晰");

        // 备案更多: an e-bike needs only its photo; approved with a validity, the registrant hears of it once.
        Http.Response bike = submit(
                portal,
                Map.of("type", "EBIKE", "plate", "宁波 A12345", "ownerName", "王车主", "relation", "SELF"),
                List.of(new Part("vehiclePhoto", "b.jpg", "image/jpeg", licence)));
        assertThat(bike.status()).as(bike.body()).isEqualTo(201);
        long bikeId = bike.json().path("id").asLong();
        assertThat(Http.post(
                                url("/admin/api/vehicle-reviews/" + bikeId + "/approve"),
                                admin,
                                Map.of(
                                        "validUntil",
                                        LocalDate.now().plusYears(1).toString()))
                        .status())
                .isEqualTo(200);
        await(() -> simulator.messages(openid).size() == 2, "the approval notice");
        assertThat(simulator.messages(openid).get(0).data().toString()).contains("已通过");
        JsonNode both = get("/vehicles", portal).json();
        assertThat(both.findValuesAsString("status")).containsExactly("APPROVED", "REJECTED");
        assertThat(both.get(0).path("validUntil").asString())
                .isEqualTo(LocalDate.now().plusYears(1).toString());
        assertThat(simulator.sendRequests(openid)).isEqualTo(2);

        // Another registrant does not see them.
        String otherOpenid = "o-car-" + UUID.randomUUID().toString().substring(0, 10);
        long other = registrant(otherOpenid);
        String otherPortal =
                sessions.create(SchoolCode.of(SCHOOL), otherOpenid, other).token();
        assertThat(get("/vehicles", otherPortal).json().size()).isZero();
        assertThat(get("/vehicles", null).status()).isEqualTo(401);
    }

    @Test
    void badSubmissionsAreRefusedAndStoreNothing() throws Exception {
        String openid = "o-car-" + UUID.randomUUID().toString().substring(0, 10);
        long registrant = registrant(openid);
        String portal =
                sessions.create(SchoolCode.of(SCHOOL), openid, registrant).token();
        byte[] jpeg = FeedbackIT.image("jpg", Color.BLUE);
        List<Part> photos = List.of(
                new Part("licencePhoto", "l.jpg", "image/jpeg", jpeg),
                new Part("vehiclePhoto", "c.jpg", "image/jpeg", jpeg));

        Http.Response badPlate = submit(
                portal, Map.of("type", "MOTOR", "plate", "京A1234", "ownerName", "王", "relation", "SELF"), photos);
        assertThat(badPlate.status()).isEqualTo(400);
        assertThat(badPlate.code()).isEqualTo("VEHICLE_PLATE_INVALID");

        Http.Response noLicence = submit(
                portal,
                Map.of("type", "MOTOR", "plate", "京A12345", "ownerName", "王", "relation", "SELF"),
                List.of(new Part("vehiclePhoto", "c.jpg", "image/jpeg", jpeg)));
        assertThat(noLicence.status()).isEqualTo(400);
        assertThat(noLicence.code()).isEqualTo("PLATE_PHOTOS_REQUIRED");

        Http.Response text = submit(
                portal,
                Map.of("type", "MOTOR", "plate", "京A12345", "ownerName", "王", "relation", "SELF"),
                List.of(
                        new Part(
                                "licencePhoto", "l.jpg", "image/jpeg", "not an image".getBytes(StandardCharsets.UTF_8)),
                        new Part("vehiclePhoto", "c.jpg", "image/jpeg", jpeg)));
        assertThat(text.status()).isEqualTo(415);

        Http.Response noOwner = submit(
                portal, Map.of("type", "MOTOR", "plate", "京A12345", "ownerName", " ", "relation", "SELF"), photos);
        assertThat(noOwner.status()).isEqualTo(400);

        Http.Response unknownRelation = submit(
                portal, Map.of("type", "MOTOR", "plate", "京A12345", "ownerName", "王", "relation", "NEIGHBOUR"), photos);
        assertThat(unknownRelation.status()).isEqualTo(400);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM school_carportaluni.vehicle WHERE registrant_id = ?",
                        Long.class,
                        registrant))
                .isZero();

        // A plate registered already is refused for the second registration.
        assertThat(submit(
                                portal,
                                Map.of("type", "MOTOR", "plate", "京A12345", "ownerName", "王", "relation", "SELF"),
                                photos)
                        .status())
                .isEqualTo(201);
        Http.Response taken = submit(
                portal, Map.of("type", "MOTOR", "plate", "京a12345", "ownerName", "王", "relation", "SELF"), photos);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("VEHICLE_PLATE_TAKEN");
    }

    // ---------------------------------------------------------------------------------------------------------

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private long registrant(String openid) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long id = schoolFixtures()
                .registrant(
                        SCHOOL,
                        "车主" + suffix.substring(0, 2),
                        "TEACHER",
                        "C" + suffix,
                        "139" + String.format("%08d", Math.abs(suffix.hashCode()) % 100_000_000),
                        "22222X",
                        department);
        jdbc.update("UPDATE school_carportaluni.registrant SET wechat_openid = ? WHERE id = ?", openid, id);
        return id;
    }

    private Http.Response get(String path, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api" + path)))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (session != null) {
            b.header(PortalSessions.HEADER, session);
        }
        return Http.send(b);
    }

    private Http.Response submit(String session, Map<String, Object> vehicle, List<Part> files) {
        String boundary = "----car" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"vehicle\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + Http.toJson(vehicle) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Part part : files) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name()
                            + "\"; filename=\"" + part.fileName() + "\"\r\nContent-Type: " + part.contentType()
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api/vehicles")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header(PortalSessions.HEADER, session)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        return Http.send(b);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            sleep(50);
        }
    }
}
