package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.vehicle.OwnerRelation;
import cn.campuspass.vehicle.RegistrationStatus;
import cn.campuspass.vehicle.VehicleType;
import cn.campuspass.vehicle.Vehicles;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vehicles (A4.3) and their registration review (A4.4) on the real stack: plates are validated and normalised
 * (full-width, lower case, separators) and registered once per school; the console creates, edits, enables and
 * disables, unlinks and deletes vehicles; registrations are added, approved (e-bikes with a validity) or rejected
 * with a reason, each once; a department administrator sees only the vehicles of their departments' registrants;
 * the home page and the registrant list count vehicles; the facade finds a vehicle by plate and takes the portal's
 * registration.
 */
class VehicleIT extends StackTest {

    static final String SCHOOL = "vehuni";
    static final String PASSWORD = "VehUni@2026x";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    StaffRoleGrants grants;

    @Autowired
    Vehicles vehicles;

    @Autowired
    TransactionTemplate transactions;

    private static volatile Seed seed;

    SchoolFixtures fixtures;

    record Seed(long deptA, long deptB, long studentA, long teacherB) {}

    @BeforeEach
    void school() {
        fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        if (seed == null) {
            synchronized (VehicleIT.class) {
                if (seed == null) {
                    onboard(SCHOOL, "admin", "13300000080", PASSWORD);
                    String admin = admin();
                    long deptA = fixtures.department(admin, "车辆工程学院");
                    long deptB = fixtures.department(admin, "音乐学院");
                    long studentA =
                            fixtures.registrant(SCHOOL, "张车主", "STUDENT", "2026200001", "13920000001", "11111X", deptA);
                    long teacherB =
                            fixtures.registrant(SCHOOL, "刘老师", "TEACHER", "T200002", "13920000002", "22222X", deptB);
                    seed = new Seed(deptA, deptB, studentA, teacherB);
                }
            }
        }
    }

    String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    static Map<String, Object> vehicle(String type, String plate, String owner, String relation, Long registrantId) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("plate", plate);
        body.put("ownerName", owner);
        body.put("relation", relation);
        body.put("registrantId", registrantId);
        return body;
    }

    @Test
    void platesAreValidatedNormalisedAndRegisteredOncePerSchool() {
        String admin = admin();
        for (String bad : List.of("京A1234", "京I12345", "ABCDEFG", "粤B12345E", "")) {
            Http.Response r =
                    Http.post(url("/admin/api/vehicles"), admin, vehicle("MOTOR", bad, "张三", "SELF", seed.studentA()));
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VEHICLE_PLATE_INVALID");
        }
        // Full-width, lower case and a middle dot: stored in normal form, approved at once (the school adds it).
        Http.Response created = Http.post(
                url("/admin/api/vehicles"), admin, vehicle("MOTOR", "粤ｂ·d１２３４５", "张车主", "SELF", seed.studentA()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("plate").asString()).isEqualTo("粤BD12345");
        assertThat(created.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(created.json().path("reviewedBy").asString()).isEqualTo("admin");
        assertThat(created.json().path("registrantPhone").asString()).isEqualTo("139****0001");
        assertThat(created.json().path("registrantNumber").asString()).isEqualTo("2026200001");
        // The same plate typed another way is taken, in the vehicle list and in the review list.
        Http.Response again = Http.post(
                url("/admin/api/vehicles"), admin, vehicle("MOTOR", "粤B D12345", "别人", "OTHER", seed.teacherB()));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("VEHICLE_PLATE_TAKEN");
        Http.Response review = Http.post(
                url("/admin/api/vehicle-reviews"), admin, vehicle("MOTOR", "粤bd12345", "别人", "OTHER", seed.teacherB()));
        assertThat(review.status()).isEqualTo(409);
        // Missing fields and an unknown registrant are 4xx with codes.
        Http.Response missing =
                Http.post(url("/admin/api/vehicles"), admin, vehicle("MOTOR", "京A55555", " ", null, seed.studentA()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("VEHICLE_INVALID");
        Http.Response nobody =
                Http.post(url("/admin/api/vehicles"), admin, vehicle("MOTOR", "京A55555", "某人", "SELF", 999_999L));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.code()).isEqualTo("VEHICLE_REGISTRANT_NOT_FOUND");
        // An e-bike created by the console needs its validity; its plate is checked leniently.
        Http.Response noValidity = Http.post(
                url("/admin/api/vehicles"), admin, vehicle("EBIKE", "杭州a0001", "张车主", "SELF", seed.studentA()));
        assertThat(noValidity.code()).isEqualTo("VEHICLE_VALIDITY_INVALID");
        Map<String, Object> ebike = vehicle("EBIKE", "杭州a0001", "张车主", "SELF", seed.studentA());
        ebike.put("longTerm", true);
        Http.Response bike = Http.post(url("/admin/api/vehicles"), admin, ebike);
        assertThat(bike.status()).as(bike.body()).isEqualTo(201);
        assertThat(bike.json().path("plate").asString()).isEqualTo("杭州A0001");
        assertThat(bike.json().path("longTerm").asBoolean()).isTrue();
    }

    @Test
    void consoleEditsEnablesUnlinksAndDeletes() {
        String admin = admin();
        long id = Http.post(
                        url("/admin/api/vehicles"), admin, vehicle("MOTOR", "苏E12345", "王五", "SPOUSE", seed.teacherB()))
                .json()
                .path("id")
                .asLong();
        Http.Response edited = Http.put(
                url("/admin/api/vehicles/" + id), admin, vehicle("MOTOR", "苏e54321", "王六", "PARENT", seed.teacherB()));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("plate").asString()).isEqualTo("苏E54321");
        assertThat(edited.json().path("ownerName").asString()).isEqualTo("王六");
        assertThat(edited.json().path("relationLabel").asString()).isEqualTo("父母");
        assertThat(Http.put(url("/admin/api/vehicles/" + id), admin, vehicle("MOTOR", "苏E5432", "王六", "PARENT", null))
                        .code())
                .isEqualTo("VEHICLE_PLATE_INVALID");

        Http.Response disabled = Http.post(url("/admin/api/vehicles/" + id + "/disable"), admin, Map.of());
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(ids(Http.get(url("/admin/api/vehicles?enabled=false&size=100"), admin)))
                .contains(id);
        assertThat(Http.post(url("/admin/api/vehicles/" + id + "/enable"), admin, Map.of())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();

        Http.Response unlinked = Http.post(url("/admin/api/vehicles/" + id + "/unlink"), admin, Map.of());
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.json().path("registrantId").isNull()).isTrue();
        assertThat(Http.post(url("/admin/api/vehicles/" + id + "/unlink"), admin, Map.of())
                        .code())
                .isEqualTo("VEHICLE_NOT_LINKED");

        assertThat(Http.delete(url("/admin/api/vehicles/" + id), admin).status())
                .isEqualTo(204);
        assertThat(Http.get(url("/admin/api/vehicles/" + id), admin).code()).isEqualTo("VEHICLE_NOT_FOUND");
        assertThat(Http.post(url("/admin/api/vehicles/" + id + "/enable"), admin, Map.of())
                        .status())
                .isEqualTo(404);
        // The plate of a deleted vehicle is free again.
        assertThat(Http.post(url("/admin/api/vehicles"), admin, vehicle("MOTOR", "苏E54321", "王六", "PARENT", null))
                        .status())
                .isEqualTo(201);
        assertThat(Http.get(url("/admin/api/vehicles/999999"), admin).status()).isEqualTo(404);
    }

    @Test
    void registrationsAreReviewedOnce() {
        String admin = admin();
        Http.Response car = Http.post(
                url("/admin/api/vehicle-reviews"), admin, vehicle("MOTOR", "浙A8R8R8", "张车主", "SELF", seed.studentA()));
        assertThat(car.status()).as(car.body()).isEqualTo(201);
        assertThat(car.json().path("status").asString()).isEqualTo("PENDING");
        long carId = car.json().path("id").asLong();

        Http.Response pending = Http.get(url("/admin/api/vehicle-reviews?status=PENDING&q=8R8R8&size=100"), admin);
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        assertThat(ids(pending)).containsExactly(carId);
        JsonNode row = pending.json().path("items").get(0);
        assertThat(row.path("registrantName").asString()).isEqualTo("张车主");
        assertThat(row.path("registrantIdentity").asString()).isEqualTo("STUDENT");
        assertThat(row.path("submittedAt").isNull()).isFalse();
        assertThat(row.path("reviewedAt").isNull()).isTrue();
        long registeredBefore = pending.json().path("registered").asLong();

        Http.Response approved = Http.post(url("/admin/api/vehicle-reviews/" + carId + "/approve"), admin, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().path("reviewedAt").isNull()).isFalse();
        assertThat(Http.get(url("/admin/api/vehicle-reviews?size=1"), admin)
                        .json()
                        .path("registered")
                        .asLong())
                .isEqualTo(registeredBefore + 1);
        // Decided once: a second approval or a rejection is refused.
        assertThat(Http.post(url("/admin/api/vehicle-reviews/" + carId + "/approve"), admin, Map.of())
                        .code())
                .isEqualTo("VEHICLE_NOT_PENDING");
        assertThat(Http.post(url("/admin/api/vehicle-reviews/" + carId + "/reject"), admin, Map.of("reason", "x"))
                        .code())
                .isEqualTo("VEHICLE_NOT_PENDING");

        // E-bikes: approval needs a validity, in the future or long-term.
        long bike = Http.post(
                        url("/admin/api/vehicle-reviews"),
                        admin,
                        vehicle("EBIKE", "宁波 12345", "张车主", "SELF", seed.studentA()))
                .json()
                .path("id")
                .asLong();
        assertThat(Http.post(url("/admin/api/vehicle-reviews/" + bike + "/approve"), admin, Map.of())
                        .code())
                .isEqualTo("VEHICLE_VALIDITY_INVALID");
        assertThat(Http.post(
                                url("/admin/api/vehicle-reviews/" + bike + "/approve"),
                                admin,
                                Map.of(
                                        "validUntil",
                                        LocalDate.now().minusDays(3).toString()))
                        .code())
                .isEqualTo("VEHICLE_VALIDITY_INVALID");
        String until = LocalDate.now().plusYears(1).toString();
        Http.Response bikeApproved =
                Http.post(url("/admin/api/vehicle-reviews/" + bike + "/approve"), admin, Map.of("validUntil", until));
        assertThat(bikeApproved.status()).as(bikeApproved.body()).isEqualTo(200);
        assertThat(bikeApproved.json().path("validUntil").asString()).isEqualTo(until);
        assertThat(bikeApproved.json().path("longTerm").asBoolean()).isFalse();
        assertThat(bikeApproved.json().path("expired").asBoolean()).isFalse();

        // Rejection needs a reason; the reason is kept for the registrant.
        long rejected = Http.post(
                        url("/admin/api/vehicle-reviews"),
                        admin,
                        vehicle("MOTOR", "皖A12345", "李四", "FRIEND", seed.teacherB()))
                .json()
                .path("id")
                .asLong();
        Http.Response noReason =
                Http.post(url("/admin/api/vehicle-reviews/" + rejected + "/reject"), admin, Map.of("reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("VEHICLE_REJECT_REASON_REQUIRED");
        assertThat(Http.post(url("/admin/api/vehicle-reviews/" + rejected + "/reject"), admin, Map.of())
                        .code())
                .isEqualTo("VEHICLE_REJECT_REASON_REQUIRED");
        Http.Response done = Http.post(
                url("/admin/api/vehicle-reviews/" + rejected + "/reject"), admin, Map.of("reason", "行驶证照片不清晰"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("status").asString()).isEqualTo("REJECTED");
        assertThat(done.json().path("rejectReason").asString()).isEqualTo("行驶证照片不清晰");
        Http.Response detail = Http.get(url("/admin/api/vehicle-reviews/" + rejected), admin);
        assertThat(detail.json().path("statusLabel").asString()).isEqualTo("已驳回");
        assertThat(ids(Http.get(url("/admin/api/vehicle-reviews?status=REJECTED&type=MOTOR&size=100"), admin)))
                .contains(rejected)
                .doesNotContain(carId, bike);
        assertThat(Http.get(url("/admin/api/vehicle-reviews?status=NOPE"), admin)
                        .status())
                .isEqualTo(400);
        assertThat(Http.get(url("/admin/api/vehicle-reviews?from=2026-13-01"), admin)
                        .status())
                .isEqualTo(400);
        assertThat(Http.post(url("/admin/api/vehicle-reviews/999999/approve"), admin, Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void homeAndRegistrantListCountVehicles() {
        String admin = admin();
        long owner = fixtures.registrant(SCHOOL, "计数人", "STUDENT", "2026200099", "13920000099", "33333X", seed.deptA());
        JsonNode before = Http.get(url("/admin/api/home"), admin).json().path("vehicles");
        Http.post(url("/admin/api/vehicles"), admin, vehicle("MOTOR", "闽D12345", "计数人", "SELF", owner));
        Map<String, Object> bike = vehicle("EBIKE", "厦门0001", "计数人", "SELF", owner);
        bike.put("longTerm", true);
        Http.post(url("/admin/api/vehicles"), admin, bike);
        Http.post(url("/admin/api/vehicle-reviews"), admin, vehicle("MOTOR", "闽D54321", "计数人", "SELF", owner));
        JsonNode after = Http.get(url("/admin/api/home"), admin).json().path("vehicles");
        assertThat(after.path("motor").asLong()).isEqualTo(before.path("motor").asLong() + 1);
        assertThat(after.path("nonMotor").asLong())
                .isEqualTo(before.path("nonMotor").asLong() + 1);
        assertThat(after.path("pendingReviews").asLong())
                .isEqualTo(before.path("pendingReviews").asLong() + 1);

        JsonNode listed = Http.get(url("/admin/api/registrants?q=2026200099"), admin)
                .json()
                .path("items")
                .get(0);
        assertThat(listed.path("carCount").asInt()).isEqualTo(1); // the pending one is not registered yet
        assertThat(listed.path("ebikeCount").asInt()).isEqualTo(1);
        assertThat(Http.get(url("/admin/api/registrants/" + owner), admin)
                        .json()
                        .path("carCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void facadeFindsByPlateAndTakesPortalRegistrations() {
        SchoolCode school = SchoolCode.of(SCHOOL);
        long id = SchoolContext.callAsUnchecked(
                school,
                () -> vehicles.submitRegistration(
                        seed.teacherB(),
                        VehicleType.MOTOR,
                        "川a·12345",
                        "刘老师",
                        OwnerRelation.SELF,
                        "k/licence.jpg",
                        null));
        Vehicles.PlateStatus found = SchoolContext.callAsUnchecked(school, () -> vehicles.findByPlate("川Ａ12345"))
                .orElseThrow();
        assertThat(found.vehicleId()).isEqualTo(id);
        assertThat(found.status()).isEqualTo(RegistrationStatus.PENDING);
        assertThat(found.registrantId()).isEqualTo(seed.teacherB());
        assertThat(found.usableOn(LocalDate.now())).isFalse();
        assertThat(SchoolContext.callAsUnchecked(school, () -> vehicles.findByPlate("川A99999")))
                .isEmpty();
        JsonNode detail =
                Http.get(url("/admin/api/vehicle-reviews/" + id), admin()).json();
        assertThat(detail.path("source").asString()).isEqualTo("PORTAL");
        assertThat(detail.path("hasLicencePhoto").asBoolean()).isTrue();
        assertThat(detail.path("hasVehiclePhoto").asBoolean()).isFalse();
    }

    @Test
    void departmentAdminsSeeVehiclesOfTheirDepartmentsRegistrants() {
        String admin = admin();
        long a = Http.post(
                        url("/admin/api/vehicles"), admin, vehicle("MOTOR", "晋A11111", "张车主", "SELF", seed.studentA()))
                .json()
                .path("id")
                .asLong();
        long b = Http.post(
                        url("/admin/api/vehicles"), admin, vehicle("MOTOR", "晋A22222", "刘老师", "SELF", seed.teacherB()))
                .json()
                .path("id")
                .asLong();
        fixtures.staff(SCHOOL, "vdept", "13300000081", "VDept@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(SCHOOL, "vdept", "VDept@2026x");
        String user = subject(dept);
        String schema = SchoolCode.of(SCHOOL).schemaName();
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username) VALUES (?, 'vdept') ON CONFLICT DO NOTHING",
                user);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                user,
                seed.deptA());
        grants.invalidate(SchoolCode.of(SCHOOL));

        List<Long> seen = ids(Http.get(url("/admin/api/vehicles?size=200"), dept));
        assertThat(seen).contains(a).doesNotContain(b);
        assertThat(ids(Http.get(url("/admin/api/vehicle-reviews?size=200"), dept)))
                .contains(a)
                .doesNotContain(b);
        assertThat(Http.get(url("/admin/api/vehicles/" + b), dept).status()).isEqualTo(404);
        assertThat(Http.get(url("/admin/api/vehicles/" + a), dept).status()).isEqualTo(200);
        // Seeded department administrators read but do not change.
        assertThat(Http.post(url("/admin/api/vehicles/" + a + "/disable"), dept, Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(Http.post(url("/admin/api/vehicle-reviews/" + a + "/approve"), dept, Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void demoVehiclesCoverEveryStateOnceAndAgainNothing() throws Exception {
        int first;
        int second;
        try (java.sql.Connection c = jdbc.getDataSource().getConnection()) {
            first = cn.campuspass.localstack.demo.DemoVehicles.seedRows(c, "school_vehuni");
            second = cn.campuspass.localstack.demo.DemoVehicles.seedRows(c, "school_vehuni");
        }
        assertThat(first).isEqualTo(18);
        assertThat(second).isZero();
        String admin = admin();
        assertThat(Http.get(url("/admin/api/vehicle-reviews?status=REJECTED&size=100"), admin)
                        .json()
                        .path("items")
                        .findValuesAsString("rejectReason"))
                .contains("号牌号码与行驶证不一致");
        JsonNode bikes =
                Http.get(url("/admin/api/vehicle-labels?q=深圳&size=100"), admin).json();
        List<Boolean> expired = new ArrayList<>();
        bikes.path("items").forEach(b -> expired.add(b.path("expired").asBoolean()));
        assertThat(expired).contains(true, false);
        assertThat(Http.get(url("/admin/api/vehicle-labels?printed=true&q=深圳&size=100"), admin)
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(4);
        assertThat(ids(Http.get(url("/admin/api/vehicles?enabled=false&q=粤B7Q335"), admin)))
                .hasSize(1);
    }

    static List<Long> ids(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().path("items").forEach(i -> ids.add(i.path("id").asLong()));
        return ids;
    }

    static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }
}
