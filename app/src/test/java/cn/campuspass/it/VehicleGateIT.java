package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.SchoolFixtures.DeviceCredential;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plate events at vehicle gates on the real stack: a gate device posts plates and gets allow or deny at once with
 * every reason (not a vehicle gate, low confidence, unregistered, pending, rejected, disabled, expired, no access to
 * the gate), each decision written as exactly one vehicle access record (a repeated event id answers the first
 * decision and writes nothing), snapshots in private object storage served by presigned URL, bad input refused with
 * 4xx, and the console's list with its filters and the vehicle gate marks.
 */
class VehicleGateIT extends StackTest {

    private static final String SCHOOL = "plateuni";
    private static final String PASSWORD = "PlateUni@2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;

    private Seed seed;

    record Seed(
            long east,
            long north,
            long west,
            DeviceCredential atEast,
            DeviceCredential atNorth,
            DeviceCredential atWest,
            long registrant,
            long department) {}

    @BeforeEach
    void school() {
        seed = once(VehicleGateIT.class, () -> {
            onboard(SCHOOL, "admin", "13300000095", PASSWORD);
            SchoolFixtures fixtures = schoolFixtures();
            String admin = admin();
            long campus = fixtures.campus(admin, "主校区");
            long east = fixtures.gate(admin, campus, "东门车行道");
            long north = fixtures.gate(admin, campus, "北门人行道");
            long west = fixtures.gate(admin, campus, "西门车行道");
            fixtures.markVehicleGate(admin, east);
            fixtures.markVehicleGate(admin, west);
            long dept = fixtures.department(admin, "车辆学院");
            long registrant = fixtures.registrant(SCHOOL, "车主甲", "TEACHER", "T900001", "13910000095", "11111X", dept);
            Http.Response rules = Http.put(
                    url("/admin/api/registrants/" + registrant + "/access-rules"),
                    admin,
                    Map.of("gateIds", List.of(east, north)));
            assertThat(rules.status()).as(rules.body()).isEqualTo(200);
            Seed made = new Seed(
                    east,
                    north,
                    west,
                    device(admin, east, "东门车牌相机"),
                    device(admin, north, "北门相机"),
                    device(admin, west, "西门车牌相机"),
                    registrant,
                    dept);
            vehicle(admin, "/admin/api/vehicles", "MOTOR", "粤B12345", registrant, null);
            vehicle(admin, "/admin/api/vehicle-reviews", "MOTOR", "粤B22222", registrant, null);
            long rejected = vehicle(admin, "/admin/api/vehicle-reviews", "MOTOR", "粤B33333", registrant, null);
            assertThat(Http.post(
                                    url("/admin/api/vehicle-reviews/" + rejected + "/reject"),
                                    admin,
                                    Map.of("reason", "行驶证不清晰"))
                            .status())
                    .isEqualTo(200);
            long disabled = vehicle(admin, "/admin/api/vehicles", "MOTOR", "粤B44444", registrant, null);
            assertThat(Http.post(url("/admin/api/vehicles/" + disabled + "/disable"), admin, null)
                            .status())
                    .isEqualTo(200);
            long bike = vehicle(
                    admin,
                    "/admin/api/vehicles",
                    "EBIKE",
                    "宁波 55555",
                    registrant,
                    LocalDate.now().plusDays(30).toString());
            // Past its validity since yesterday (the console refuses to set a past date, so SQL does).
            jdbc.update(
                    "UPDATE school_plateuni.vehicle SET valid_until = ? WHERE id = ?",
                    java.sql.Date.valueOf(LocalDate.now().minusDays(1)),
                    bike);
            return made;
        });
    }

    @Test
    void everyDecisionAndItsReasonIsRecordedExactlyOnce() {
        assertDecision(seed.atEast(), event("粤b·12345", "IN", 0.97), true, null);
        assertDecision(seed.atNorth(), event("粤B12345", "IN", 0.99), false, "NOT_VEHICLE_GATE");
        assertDecision(seed.atEast(), event("粤B12345", "IN", 0.5), false, "LOW_CONFIDENCE");
        assertDecision(seed.atEast(), event("粤B99999", "IN", 0.95), false, "UNREGISTERED");
        assertDecision(seed.atEast(), event("粤B22222", "IN", 0.95), false, "PENDING");
        assertDecision(seed.atEast(), event("粤B33333", "OUT", 0.95), false, "REJECTED");
        assertDecision(seed.atEast(), event("粤B44444", "IN", 0.95), false, "DISABLED");
        assertDecision(seed.atEast(), event("宁波55555", "IN", 0.95), false, "EXPIRED");
        assertDecision(seed.atWest(), event("粤B12345", "IN", 0.95), false, "NO_GATE_ACCESS");
        // The threshold itself passes; just below it does not (0.85 by default).
        assertDecision(seed.atEast(), event("粤B12345", "OUT", 0.85), true, null);
        assertDecision(seed.atEast(), event("粤B12345", "OUT", 0.849), false, "LOW_CONFIDENCE");
    }

    @Test
    void aRepeatedEventIdAnswersTheFirstDecisionWithoutASecondRecord() {
        String eventId = "cam-" + UUID.randomUUID();
        Map<String, Object> body = event("粤B12345", "IN", 0.96);
        body.put("eventId", eventId);
        long before = records();
        Http.Response first = plateEvent(seed.atEast(), body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("repeated").asBoolean()).isFalse();
        Http.Response again = plateEvent(seed.atEast(), body);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("repeated").asBoolean()).isTrue();
        assertThat(again.json().path("recordId").asLong())
                .isEqualTo(first.json().path("recordId").asLong());
        assertThat(again.json().path("allowed").asBoolean()).isTrue();
        assertThat(records()).isEqualTo(before + 1);
        // Another device may use the same id of its own.
        Map<String, Object> other = event("粤B12345", "IN", 0.96);
        other.put("eventId", eventId);
        assertThat(plateEvent(seed.atWest(), other).json().path("repeated").asBoolean())
                .isFalse();
        assertThat(records()).isEqualTo(before + 2);
    }

    @Test
    void snapshotsAreStoredPrivatelyAndListedWithFilters() throws Exception {
        byte[] jpeg = FeedbackIT.image("jpg", Color.GRAY);
        Map<String, Object> body = event("粤B12345", "IN", 0.98);
        body.put("snapshot", Base64.getEncoder().encodeToString(jpeg));
        Http.Response allowed = plateEvent(seed.atEast(), body);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        long id = allowed.json().path("recordId").asLong();
        Map<String, Object> pendingCar = event("粤B22222", "OUT", 0.93);
        pendingCar.put("snapshot", Base64.getEncoder().encodeToString(jpeg));
        Http.Response pendingReply = plateEvent(seed.atEast(), pendingCar);
        assertThat(pendingReply.status()).as(pendingReply.body()).isEqualTo(200);
        assertThat(pendingReply.json().path("reason").asString()).isEqualTo("PENDING");

        String admin = admin();
        Http.Response list = Http.get(url("/admin/api/vehicle-access-records?q=B12345&result=PASSED&size=100"), admin);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode row = find(list.json().path("items"), id);
        assertThat(row.path("plate").asString()).isEqualTo("粤B12345");
        assertThat(row.path("gateName").asString()).isEqualTo("东门车行道");
        assertThat(row.path("campusName").asString()).isEqualTo("主校区");
        assertThat(row.path("name").asString()).isEqualTo("车主甲");
        assertThat(row.path("number").asString()).isEqualTo("T900001");
        assertThat(row.path("departmentName").asString()).isEqualTo("车辆学院");
        assertThat(row.path("vehicleType").asString()).isEqualTo("MOTOR");
        assertThat(row.path("direction").asString()).isEqualTo("IN");
        assertThat(row.path("allowed").asBoolean()).isTrue();
        String snapshotUrl = row.path("snapshotUrl").asString();
        assertThat(snapshotUrl).contains("X-Amz-Signature");
        HttpResponse<byte[]> fetched = CLIENT.send(
                HttpRequest.newBuilder(URI.create(snapshotUrl)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(jpeg);

        // Filters: reason, gate, direction, type, dates.
        assertThat(plateEvent(seed.atNorth(), event("粤B12345", "OUT", 0.99)).status())
                .isEqualTo(200);
        assertThat(plateEvent(seed.atEast(), event("粤B33333", "OUT", 0.99)).status())
                .isEqualTo(200);
        Http.Response pending = Http.get(url("/admin/api/vehicle-access-records?reason=PENDING&size=100"), admin);
        assertThat(pending.json().path("items").findValuesAsString("reason"))
                .isNotEmpty()
                .containsOnly("PENDING");
        Http.Response north =
                Http.get(url("/admin/api/vehicle-access-records?gateId=" + seed.north() + "&size=100"), admin);
        assertThat(north.json().path("items").findValuesAsString("gateName")).containsOnly("北门人行道");
        Http.Response out =
                Http.get(url("/admin/api/vehicle-access-records?direction=OUT&result=DENIED&size=100"), admin);
        assertThat(out.json().path("items").findValuesAsString("direction")).containsOnly("OUT");
        assertThat(Http.get(url("/admin/api/vehicle-access-records?to=2020-01-01"), admin)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(Http.get(url("/admin/api/vehicle-access-records?from=" + today + "&to=" + today), admin)
                        .json()
                        .path("total")
                        .asLong())
                .isPositive();
        assertThat(Http.get(url("/admin/api/vehicle-access-records?departmentId=" + seed.department()), admin)
                        .json()
                        .path("items")
                        .findValuesAsString("departmentName"))
                .containsOnly("车辆学院");
        assertThat(Http.get(url("/admin/api/vehicle-access-records?reason=MADE_UP"), admin)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        long before = records();
        Map<String, Object> noPlate = event("粤B12345", "IN", 0.9);
        noPlate.remove("plate");
        assertThat(plateEvent(seed.atEast(), noPlate).code()).isEqualTo("PLATE_EVENT_INVALID");
        assertThat(plateEvent(seed.atEast(), event("粤B12345", "IN", 1.5)).code())
                .isEqualTo("PLATE_EVENT_INVALID");
        assertThat(plateEvent(seed.atEast(), event("粤B12345", "IN", -0.1)).status())
                .isEqualTo(400);
        Map<String, Object> noDirection = event("粤B12345", "IN", 0.9);
        noDirection.remove("direction");
        assertThat(plateEvent(seed.atEast(), noDirection).code()).isEqualTo("PLATE_EVENT_INVALID");
        assertThat(plateEvent(seed.atEast(), event("粤B12345", "SIDEWAYS", 0.9)).status())
                .isEqualTo(400);
        Map<String, Object> badSnapshot = event("粤B12345", "IN", 0.9);
        badSnapshot.put("snapshot", "not base64 !!!");
        assertThat(plateEvent(seed.atEast(), badSnapshot).code()).isEqualTo("PLATE_SNAPSHOT_INVALID");
        Map<String, Object> textSnapshot = event("粤B12345", "IN", 0.9);
        textSnapshot.put("snapshot", Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(plateEvent(seed.atEast(), textSnapshot).code()).isEqualTo("PLATE_SNAPSHOT_INVALID");
        // Wrong secret, no credential.
        Http.Response wrong =
                plateEvent(new DeviceCredential(seed.atEast().keyId(), "wrong"), event("粤B12345", "IN", 0.9));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("DEVICE_UNAUTHENTICATED");
        assertThat(plateEvent(null, event("粤B12345", "IN", 0.9)).status()).isEqualTo(401);
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void vehicleGatesAreListedAndMarked() {
        String admin = admin();
        Http.Response list = Http.get(url("/admin/api/vehicle-gates"), admin);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        Map<String, Boolean> marks = new HashMap<>();
        list.json()
                .forEach(g -> marks.put(
                        g.path("gateName").asString(), g.path("vehicleGate").asBoolean()));
        assertThat(marks).containsEntry("东门车行道", true).containsEntry("北门人行道", false);
        assertThat(Http.put(url("/admin/api/vehicle-gates/999999"), admin, Map.of("vehicleGate", true))
                        .status())
                .isEqualTo(404);
        assertThat(Http.put(url("/admin/api/vehicle-gates/" + seed.north()), admin, Map.of())
                        .status())
                .isEqualTo(400);
        // Marking twice is harmless; unmarking makes the gate refuse vehicles.
        long temp = schoolFixtures()
                .gate(
                        admin,
                        list.json().get(0).path("campusId").asLong(),
                        "临时车行道" + UUID.randomUUID().toString().substring(0, 4));
        DeviceCredential device = device(admin, temp, "临时相机");
        Http.put(url("/admin/api/vehicle-gates/" + temp), admin, Map.of("vehicleGate", true));
        Http.put(url("/admin/api/vehicle-gates/" + temp), admin, Map.of("vehicleGate", true));
        assertThat(plateEvent(device, event("粤B12345", "IN", 0.99))
                        .json()
                        .path("reason")
                        .asString())
                .isEqualTo("NO_GATE_ACCESS");
        Http.put(url("/admin/api/vehicle-gates/" + temp), admin, Map.of("vehicleGate", false));
        assertThat(plateEvent(device, event("粤B12345", "IN", 0.99))
                        .json()
                        .path("reason")
                        .asString())
                .isEqualTo("NOT_VEHICLE_GATE");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertDecision(DeviceCredential device, Map<String, Object> event, boolean allowed, String reason) {
        long before = records();
        Http.Response r = plateEvent(device, event);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("allowed").asBoolean()).as(r.body()).isEqualTo(allowed);
        if (reason == null) {
            assertThat(r.json().path("reason").isNull()).as(r.body()).isTrue();
        } else {
            assertThat(r.json().path("reason").asString()).as(r.body()).isEqualTo(reason);
            assertThat(r.json().path("reasonLabel").asString()).isNotBlank();
        }
        long id = r.json().path("recordId").asLong();
        assertThat(records()).isEqualTo(before + 1);
        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM school_plateuni.vehicle_access_record WHERE id = ?", id);
        assertThat(row.get("allowed")).isEqualTo(allowed);
        assertThat(row.get("reason")).isEqualTo(reason);
        assertThat(row.get("direction")).isEqualTo(event.get("direction"));
    }

    private long records() {
        return jdbc.queryForObject("SELECT count(*) FROM school_plateuni.vehicle_access_record", Long.class);
    }

    private static Map<String, Object> event(String plate, String direction, double confidence) {
        Map<String, Object> body = new HashMap<>();
        body.put("plate", plate);
        body.put("direction", direction);
        body.put("confidence", confidence);
        body.put("time", java.time.OffsetDateTime.now().toString());
        return body;
    }

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private DeviceCredential device(String admin, long gate, String name) {
        return schoolFixtures().device(admin, gate, name);
    }

    private long vehicle(String admin, String path, String type, String plate, long registrant, String validUntil) {
        Map<String, Object> body = VehicleIT.vehicle(type, plate, "车主甲", "SELF", registrant);
        if (validUntil != null) {
            body.put("validUntil", validUntil);
        }
        Http.Response r = Http.post(url(path), admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private static JsonNode find(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.path("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("record " + id + " not in " + items);
    }

    private Http.Response plateEvent(DeviceCredential device, Map<String, Object> body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/device/" + SCHOOL + "/api/plate-events")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body)));
        auth(b, device);
        return Http.send(b);
    }

    private static void auth(HttpRequest.Builder b, DeviceCredential device) {
        if (device != null) {
            b.header("Authorization", device.basicAuth());
        }
    }
}
