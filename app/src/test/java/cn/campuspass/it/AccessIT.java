package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.access.AccessError;
import cn.campuspass.access.DynamicPasses;
import cn.campuspass.access.GateDevices;
import cn.campuspass.access.IssuedPass;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Access rules (A4.2 f), dynamic passes (R3), guard and device verification and the access records they write
 * (A6.1), on the real stack. Passes are issued through the service the portal calls (its HTTP side has its own
 * test), so this test covers everything from the rule to the record.
 */
class AccessIT extends StackTest {

    private static final String SCHOOL = "accessuni";

    /** Builds a second {@link GateDevices}, with a cache of its own: another node as far as caching goes. */
    @Autowired
    org.springframework.beans.factory.config.AutowireCapableBeanFactory beans;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    DynamicPasses passes;

    @Autowired
    StringRedisTemplate redis;

    private SchoolFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
    }

    @Test
    void ruleToPassToVerificationToRecord() throws Exception {
        onboard(SCHOOL, "admin", "13300000000", "AccessUni@2026");
        String admin = Tokens.school(SCHOOL, "admin", "AccessUni@2026");
        long campus = fixtures.campus(admin, "主校区");
        long east = fixtures.gate(admin, campus, "东门");
        long west = fixtures.gate(admin, campus, "西门");
        long dept = fixtures.department(admin, "计算机学院");
        long zhang = fixtures.registrant(SCHOOL, "张三", "STUDENT", "2026000001", "13900000001", "12345X", dept);
        long li = fixtures.registrant(SCHOOL, "李四", "TEACHER", "T0001", "13900000002", null, dept);

        // Imported/created people start with no gate.
        JsonNode rules = Http.get(url("/admin/api/registrants/" + zhang + "/access-rules"), admin)
                .json();
        assertThat(rules.path("campuses").get(0).path("gates").findValuesAsString("name"))
                .containsExactly("东门", "西门");
        assertThat(rules.path("campuses").get(0).path("gates").findValues("allowed"))
                .allMatch(v -> !v.asBoolean());
        assertThatThrownBy(() -> issue(zhang, east))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error()).isEqualTo(AccessError.NO_ACCESS));

        Http.Response set = Http.put(
                url("/admin/api/registrants/" + zhang + "/access-rules"), admin, Map.of("gateIds", List.of(east)));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(allowedGates(set.json())).containsExactly("东门");
        Http.Response unknownGate = Http.put(
                url("/admin/api/registrants/" + zhang + "/access-rules"), admin, Map.of("gateIds", List.of(999_999)));
        assertThat(unknownGate.status()).isEqualTo(400);
        assertThat(unknownGate.code()).isEqualTo("UNKNOWN_GATES");
        // A gate with rules is in use.
        Http.Response deleteEast = Http.delete(url("/admin/api/gates/" + east), admin);
        assertThat(deleteEast.status()).isEqualTo(409);
        assertThat(deleteEast.code()).isEqualTo("GATE_IN_USE");

        // Guard verification: allowed once, the same code replayed is unknown.
        fixtures.staff(SCHOOL, "guard1", "13300000001", "Guard@2026x", SeededRole.GATE_GUARD.realmRole());
        String guard = Tokens.school(SCHOOL, "13300000001", "Guard@2026x");
        IssuedPass pass = issue(zhang, east);
        assertThat(pass.code()).matches("[0-9]{8}");
        assertThat(pass.qrPayload()).isEqualTo("CP1:" + SCHOOL + ":" + pass.code());
        assertThat(pass.expiresAt()).isAfter(pass.serverTime());
        Long ttl = redis.getExpire("pass:" + SCHOOL + ":" + pass.code());
        assertThat(ttl).isBetween(1L, 35L);

        JsonNode allowed = verifyAsGuard(guard, pass.qrPayload(), east);
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("person").path("name").asString()).isEqualTo("张三");
        assertThat(allowed.path("person").path("identity").asString()).isEqualTo("STUDENT");
        assertThat(allowed.path("person").path("departmentName").asString()).isEqualTo("计算机学院");
        assertThat(allowed.path("gate").path("campusName").asString()).isEqualTo("主校区");
        assertThat(allowed.path("method").asString()).isEqualTo("GUARD");
        assertThat(allowed.path("recordId").asLong()).isPositive();
        JsonNode replay = verifyAsGuard(guard, pass.code(), east);
        assertThat(replay.path("allowed").asBoolean()).isFalse();
        assertThat(replay.path("reason").asString()).isEqualTo("PASS_UNKNOWN");
        assertThat(replay.path("message").asString()).contains("通行码无效");
        // The replay leaves a denied record of its own (gate, method, time), so screenshot replays show up.
        assertThat(replay.path("recordId").asLong()).isPositive();

        // Rotation: a newer pass replaces the older one (the screenshot of the old one fails).
        IssuedPass first = issue(zhang, east);
        IssuedPass second = issue(zhang, east);
        assertThat(verifyAsGuard(guard, first.code(), east).path("reason").asString())
                .isEqualTo("PASS_UNKNOWN");
        assertThat(verifyAsGuard(guard, second.code(), east).path("allowed").asBoolean())
                .isTrue();

        // Wrong gate: the pass names the gate whose poster was scanned.
        Http.put(
                url("/admin/api/registrants/" + zhang + "/access-rules"),
                admin,
                Map.of("gateIds", List.of(east, west)));
        JsonNode wrongGate = verifyAsGuard(guard, issue(zhang, east).code(), west);
        assertThat(wrongGate.path("reason").asString()).isEqualTo("PASS_WRONG_GATE");
        assertThat(wrongGate.path("recordId").asLong()).isPositive();

        // A guard cannot change rules; a malformed code is a clear 400.
        Http.Response guardSets = Http.put(
                url("/admin/api/registrants/" + li + "/access-rules"), guard, Map.of("gateIds", List.of(east)));
        assertThat(guardSets.status()).isEqualTo(403);
        assertThat(Http.get(url("/admin/api/access-records"), guard).status()).isEqualTo(403);
        assertThat(Http.get(url("/admin/api/registrants/" + zhang + "/access-rules"), guard)
                        .status())
                .isEqualTo(403);
        Http.Response malformed =
                Http.post(url("/admin/api/pass-verifications"), guard, Map.of("code", "12ab", "gateId", east));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("PASS_CODE_MALFORMED");

        // Device: its own gate, its own credential, shown once.
        Http.Response device =
                Http.post(url("/admin/api/gate-devices"), admin, Map.of("name", "东门闸机1", "gateId", east));
        assertThat(device.status()).as(device.body()).isEqualTo(201);
        String keyId = device.json().path("device").path("keyId").asString();
        String secret = device.json().path("secret").asString();
        assertThat(Http.get(url("/admin/api/gate-devices"), admin).body()).doesNotContain(secret);
        HttpResponse<String> byDevice =
                verifyAsDevice(keyId, secret, issue(zhang, east).qrPayload());
        assertThat(byDevice.statusCode()).as(byDevice.body()).isEqualTo(200);
        assertThat(byDevice.body()).contains("\"allowed\":true").contains("\"method\":\"DEVICE\"");
        // The device fast lane (a body of known length) and the ordinary controller (a chunked body, which the lane
        // passes on) answer alike: same fields, same decision; broken JSON and a wrong secret get the same errors.
        HttpResponse<String> chunked =
                verifyAsDevice(keyId, secret, issue(zhang, east).qrPayload(), true);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
        assertThat(Http.parse(chunked.body()).propertyNames())
                .containsExactlyInAnyOrderElementsOf(Http.parse(byDevice.body()).propertyNames());
        assertThat(chunked.body()).contains("\"allowed\":true").contains("\"method\":\"DEVICE\"");
        for (boolean viaChunks : List.of(false, true)) {
            HttpResponse<String> broken = sendAsDevice(SCHOOL, keyId, secret, "{\"code\":", viaChunks);
            assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
            assertThat(Http.parse(broken.body()).path("code").asString()).isEqualTo("MALFORMED_REQUEST");
            HttpResponse<String> refused = verifyAsDevice(keyId, "wrong-secret", "12345678", viaChunks);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(Http.parse(refused.body()).path("code").asString()).isEqualTo("DEVICE_UNAUTHENTICATED");
        }
        assertThat(verifyAsDevice(keyId, "wrong-secret", issue(zhang, east).code())
                        .statusCode())
                .isEqualTo(401);
        // Revocation reaches every node at once: another node that cached the device refuses it right after the
        // disabling (no waiting for its cache to expire), and trusts it again once enabled.
        long deviceId = device.json().path("device").path("id").asLong();
        GateDevices otherNode = beans.createBean(GateDevices.class);
        assertThat(SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> otherNode.authenticate(keyId, secret)))
                .isPresent();
        assertThat(Http.post(url("/admin/api/gate-devices/" + deviceId + "/disable"), admin, null)
                        .status())
                .isEqualTo(200);
        assertThat(SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> otherNode.authenticate(keyId, secret)))
                .isEmpty();
        assertThat(verifyAsDevice(keyId, secret, issue(zhang, east).code()).statusCode())
                .isEqualTo(401);
        assertThat(Http.post(url("/admin/api/gate-devices/" + deviceId + "/enable"), admin, null)
                        .status())
                .isEqualTo(200);
        assertThat(SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> otherNode.authenticate(keyId, secret)))
                .isPresent();
        // A device of one school is nothing to another school.
        onboard("accessuni2", "admin", "13300000009", "AccessUni2@2026");
        assertThat(verifyAsDevice("accessuni2", keyId, secret, "12345678").statusCode())
                .isEqualTo(401);

        // A disabled registrant is refused even with a valid pass, and the refusal is recorded.
        IssuedPass beforeDisable = issue(zhang, east);
        fixtures.setRegistrantEnabled(SCHOOL, zhang, false);
        JsonNode disabled = verifyAsGuard(guard, beforeDisable.code(), east);
        assertThat(disabled.path("reason").asString()).isEqualTo("REGISTRANT_DISABLED");
        assertThatThrownBy(() -> issue(zhang, east))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error()).isEqualTo(AccessError.REGISTRANT_DISABLED));

        // Access records: newest first, combined filters.
        JsonNode all = Http.get(url("/admin/api/access-records"), admin).json();
        assertThat(all.path("total").asLong()).isEqualTo(8);
        assertThat(all.path("totalExact").asBoolean()).isTrue();
        List<String> times = all.path("items").findValuesAsString("passedAt");
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode newest = all.path("items").get(0);
        assertThat(newest.path("reason").asString()).isEqualTo("REGISTRANT_DISABLED");
        assertThat(newest.path("phone").asString()).isEqualTo("139****0001");
        assertThat(newest.path("gateName").asString()).isEqualTo("东门");
        assertThat(newest.path("departmentName").asString()).isEqualTo("计算机学院");
        // Two by a device: the fast lane's and the ordinary way's.
        assertThat(records(admin, "method=DEVICE").path("total").asLong()).isEqualTo(2);
        assertThat(records(admin, "gateId=" + west).path("total").asLong()).isEqualTo(1);
        assertThat(records(admin, "result=PASSED").path("total").asLong()).isEqualTo(4);
        // Under 拒绝: the two codes that matched no pass (the replay, the rotated screenshot), with gate and method.
        JsonNode denied = records(admin, "result=DENIED");
        assertThat(denied.path("total").asLong()).isEqualTo(4);
        List<JsonNode> unknownCodes = denied.path("items")
                .valueStream()
                .filter(r -> r.path("reason").asString().equals("PASS_UNKNOWN"))
                .toList();
        assertThat(unknownCodes).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("gateName").asString()).isEqualTo("东门");
            assertThat(r.path("campusName").asString()).isEqualTo("主校区");
            assertThat(r.path("method").asString()).isEqualTo("GUARD");
            assertThat(r.path("verifiedBy").asString()).isEqualTo("guard1");
            assertThat(r.path("name").isNull()).isTrue();
            assertThat(r.path("passedAt").asString()).isNotBlank();
        });
        assertThat(unknownCodes.stream().map(r -> r.path("id").asLong()))
                .contains(replay.path("recordId").asLong());
        assertThat(records(admin, "q=" + Http.enc("张")).path("total").asLong()).isEqualTo(6);
        assertThat(records(admin, "q=13900000001").path("total").asLong()).isEqualTo(6);
        assertThat(records(admin, "q=13900000002").path("total").asLong()).isZero();
        assertThat(records(admin, "identity=TEACHER").path("total").asLong()).isZero();
        assertThat(records(admin, "departmentId=" + dept + "&identity=STUDENT&method=GUARD")
                        .path("total")
                        .asLong())
                .isEqualTo(4);
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(records(admin, "from=" + today + "&to=" + today)
                        .path("total")
                        .asLong())
                .isEqualTo(8);
        assertThat(records(admin, "to=2020-01-01").path("total").asLong()).isZero();
    }

    @Test
    void bulkRulesFollowTheRegistrantSearchAndHomeCountsAreReal() {
        onboard("bulkuni", "admin", "13300000010", "BulkUni@2026");
        String admin = Tokens.school("bulkuni", "admin", "BulkUni@2026");
        long campus = fixtures.campus(admin, "主校区");
        long east = fixtures.gate(admin, campus, "东门");
        long west = fixtures.gate(admin, campus, "西门");
        long cs = fixtures.department(admin, "计算机学院");
        long math = fixtures.department(admin, "数学学院");
        long s1 = fixtures.registrant("bulkuni", "学生甲", "STUDENT", "S001", "13900000011", null, cs);
        long s2 = fixtures.registrant("bulkuni", "学生乙", "STUDENT", "S002", "13900000012", null, math);
        long t1 = fixtures.registrant("bulkuni", "教师甲", "TEACHER", "T001", "13900000013", null, cs);

        Http.Response noFilter = Http.post(
                url("/admin/api/access-rules/bulk"), admin, Map.of("filter", Map.of(), "gateIds", List.of(east)));
        assertThat(noFilter.status()).isEqualTo(400);
        assertThat(noFilter.code()).isEqualTo("BULK_FILTER_EMPTY");

        Http.Response students = Http.post(
                url("/admin/api/access-rules/bulk"),
                admin,
                Map.of("filter", Map.of("identity", "STUDENT"), "gateIds", List.of(east, west), "mode", "GRANT"));
        assertThat(students.status()).as(students.body()).isEqualTo(200);
        assertThat(students.json().path("affected").asInt()).isEqualTo(2);
        assertThat(allowedGates(rulesOf(admin, s1))).containsExactly("东门", "西门");
        assertThat(allowedGates(rulesOf(admin, t1))).isEmpty();

        // REVOKE takes only the chosen gates away, from the matching people only.
        Http.post(
                url("/admin/api/access-rules/bulk"),
                admin,
                Map.of("filter", Map.of("departmentId", math), "gateIds", List.of(west), "mode", "REVOKE"));
        assertThat(allowedGates(rulesOf(admin, s2))).containsExactly("东门");
        assertThat(allowedGates(rulesOf(admin, s1))).containsExactly("东门", "西门");

        // REPLACE makes the chosen gates the only ones; "all" is explicit.
        Http.Response everyone = Http.post(
                url("/admin/api/access-rules/bulk"),
                admin,
                Map.of("filter", Map.of("all", true), "gateIds", List.of(west), "mode", "REPLACE"));
        assertThat(everyone.json().path("affected").asInt()).isEqualTo(3);
        for (long id : new long[] {s1, s2, t1}) {
            assertThat(allowedGates(rulesOf(admin, id))).containsExactly("西门");
        }

        fixtures.staff("bulkuni", "guard1", "13300000011", "Guard@2026x", SeededRole.GATE_GUARD.realmRole());
        String guard = Tokens.school("bulkuni", "guard1", "Guard@2026x");
        assertThat(Http.post(
                                url("/admin/api/access-rules/bulk"),
                                guard,
                                Map.of("filter", Map.of("all", true), "gateIds", List.of(east)))
                        .status())
                .isEqualTo(403);

        JsonNode home = Http.get(url("/admin/api/home"), admin).json();
        assertThat(home.path("registrants").path("total").asLong()).isEqualTo(3);
        assertThat(home.path("registrants").path("registered").asLong()).isZero();
        assertThat(home.path("campuses").asLong()).isEqualTo(1);
        assertThat(home.path("gates").path("total").asLong()).isEqualTo(2);
        assertThat(home.path("access").path("passedToday").asLong()).isZero();
    }

    private JsonNode rulesOf(String token, long registrantId) {
        return Http.get(url("/admin/api/registrants/" + registrantId + "/access-rules"), token)
                .json();
    }

    private IssuedPass issue(long registrantId, long gateId) {
        return SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> passes.issue(registrantId, gateId));
    }

    private JsonNode verifyAsGuard(String guard, String code, long gateId) {
        Http.Response r =
                Http.post(url("/admin/api/pass-verifications"), guard, Map.of("code", code, "gateId", gateId));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private HttpResponse<String> verifyAsDevice(String keyId, String secret, String code) throws Exception {
        return verifyAsDevice(SCHOOL, keyId, secret, code);
    }

    private HttpResponse<String> verifyAsDevice(String school, String keyId, String secret, String code)
            throws Exception {
        return sendAsDevice(school, keyId, secret, Http.toJson(Map.of("code", code)), false);
    }

    private HttpResponse<String> verifyAsDevice(String keyId, String secret, String code, boolean chunked)
            throws Exception {
        return sendAsDevice(SCHOOL, keyId, secret, Http.toJson(Map.of("code", code)), chunked);
    }

    /** {@code chunked}: the body without a length (as a stream), which the device fast lane leaves to the controller. */
    private HttpResponse<String> sendAsDevice(String school, String keyId, String secret, String json, boolean chunked)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/device/" + school + "/api/verifications")))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/json")
                                .POST(
                                        chunked
                                                ? HttpRequest.BodyPublishers.ofInputStream(
                                                        () -> new java.io.ByteArrayInputStream(body))
                                                : HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode records(String token, String query) {
        Http.Response r = Http.get(url("/admin/api/access-records?" + query), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> allowedGates(JsonNode rules) {
        List<String> names = new java.util.ArrayList<>();
        rules.path("campuses")
                .forEach(c -> c.path("gates").forEach(g -> {
                    if (g.path("allowed").asBoolean()) {
                        names.add(g.path("name").asString());
                    }
                }));
        return names;
    }
}
