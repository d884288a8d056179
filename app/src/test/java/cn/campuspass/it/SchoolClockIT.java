package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.access.DynamicPasses;
import cn.campuspass.access.IssuedPass;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * "Now" and "today" come from the application's clock, and a day is a Shanghai day (A1 home counts, A6.1 date
 * filter): at 00:01 Shanghai it is still the previous day in UTC, so a UTC day would count yesterday's 23:59 pass as
 * today. A dynamic pass (R3) is refused after its window plus grace by its stored issue time, while its Redis key is
 * still alive; a disabled gate refuses a pass issued while it was open (A3.2).
 */
class SchoolClockIT extends StackTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2030, 3, 1);

    @Autowired
    MutableClock clock;

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

    @AfterEach
    void systemClock() {
        clock.reset();
    }

    /** One school with a campus, two gates, a student allowed through both and a guard. */
    private record School(String code, String admin, String guard, long campus, long east, long west, long student) {}

    private School school(String code, String phonePrefix) {
        onboard(code, "admin", phonePrefix + "0", "Clock@2026");
        String admin = Tokens.school(code, "admin", "Clock@2026");
        long campus = fixtures.campus(admin, "主校区");
        long east = fixtures.gate(admin, campus, "东门");
        long west = fixtures.gate(admin, campus, "西门");
        long dept = fixtures.department(admin, "计算机学院");
        long student = fixtures.registrant(code, "王五", "STUDENT", "2030000001", phonePrefix + "1", null, dept);
        Http.Response rules = Http.put(
                url("/admin/api/registrants/" + student + "/access-rules"),
                admin,
                Map.of("gateIds", List.of(east, west)));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        fixtures.staff(code, "guard1", phonePrefix + "2", "Guard@2030x", SeededRole.GATE_GUARD.realmRole());
        String guard = Tokens.school(code, phonePrefix + "2", "Guard@2030x");
        return new School(code, admin, guard, campus, east, west, student);
    }

    @Test
    void todayIsTheShanghaiDayAt2359And0001() {
        School s = school("clockday", "1310000000");
        Instant lateEvening = DAY.atTime(LocalTime.of(23, 59)).atZone(SHANGHAI).toInstant();
        Instant pastMidnight =
                DAY.plusDays(1).atTime(LocalTime.of(0, 1)).atZone(SHANGHAI).toInstant();
        // The point of the test: both instants fall on the same UTC day.
        assertThat(lateEvening.atZone(ZoneId.of("UTC")).toLocalDate())
                .isEqualTo(pastMidnight.atZone(ZoneId.of("UTC")).toLocalDate());

        clock.set(lateEvening);
        assertThat(verify(s, issue(s, s.east()).code(), s.east())
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        JsonNode atLateEvening = home(s);
        assertThat(atLateEvening.path("passedToday").asLong()).isEqualTo(1);
        assertThat(atLateEvening.path("deniedToday").asLong()).isZero();

        clock.set(pastMidnight);
        assertThat(verify(s, issue(s, s.east()).code(), s.east())
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        // A refusal after midnight: a pass for the east gate shown at the west gate.
        assertThat(verify(s, issue(s, s.east()).code(), s.west()).path("reason").asString())
                .isEqualTo("PASS_WRONG_GATE");
        JsonNode afterMidnight = home(s);
        assertThat(afterMidnight.path("passedToday").asLong()).isEqualTo(1);
        assertThat(afterMidnight.path("deniedToday").asLong()).isEqualTo(1);

        // The records carry the clock's time, and the date filter takes whole Shanghai days.
        JsonNode yesterday = records(s, "from=" + DAY + "&to=" + DAY);
        assertThat(yesterday.path("total").asLong()).isEqualTo(1);
        assertThat(Instant.parse(yesterday.path("items").get(0).path("passedAt").asString()))
                .isEqualTo(lateEvening);
        JsonNode today = records(s, "from=" + DAY.plusDays(1) + "&to=" + DAY.plusDays(1));
        assertThat(today.path("total").asLong()).isEqualTo(2);
        assertThat(today.path("items").findValuesAsString("passedAt"))
                .allMatch(at -> Instant.parse(at).equals(pastMidnight));
        assertThat(records(s, "from=" + DAY.plusDays(1)).path("total").asLong()).isEqualTo(2);
        assertThat(records(s, "to=" + DAY).path("total").asLong()).isEqualTo(1);

        // Back at 23:59 the later records are not "today" either: today ends at the next Shanghai midnight.
        clock.set(lateEvening);
        JsonNode again = home(s);
        assertThat(again.path("passedToday").asLong()).isEqualTo(1);
        assertThat(again.path("deniedToday").asLong()).isZero();
    }

    @Test
    void passPastItsWindowAndGraceIsRefusedAsExpiredAndADisabledGateRefusesAPass() {
        School s = school("clockpass", "1310000001");
        Instant issuedAt = DAY.atTime(LocalTime.of(8, 0)).atZone(SHANGHAI).toInstant();

        // Within the window plus grace (30 s + 5 s, the defaults): allowed.
        clock.set(issuedAt);
        IssuedPass onTime = issue(s, s.east());
        assertThat(onTime.serverTime()).isEqualTo(issuedAt);
        assertThat(onTime.expiresAt()).isEqualTo(issuedAt.plusSeconds(30));
        clock.set(issuedAt.plusSeconds(35));
        assertThat(verify(s, onTime.code(), s.east()).path("allowed").asBoolean())
                .isTrue();

        // One second later than window plus grace: refused with the expiry reason, and the refusal is recorded,
        // although Redis still holds the code (its TTL runs on real time, which has hardly moved).
        clock.set(issuedAt);
        IssuedPass late = issue(s, s.east());
        assertThat(redis.getExpire("pass:" + s.code() + ":" + late.code())).isPositive();
        clock.set(issuedAt.plusSeconds(36));
        JsonNode expired = verify(s, late.code(), s.east());
        assertThat(expired.path("allowed").asBoolean()).isFalse();
        assertThat(expired.path("reason").asString()).isEqualTo("PASS_EXPIRED");
        assertThat(expired.path("message").asString()).contains("已过期");
        assertThat(expired.path("recordId").asLong()).isPositive();
        assertThat(records(s, "result=DENIED")
                        .path("items")
                        .get(0)
                        .path("reason")
                        .asString())
                .isEqualTo("PASS_EXPIRED");
        // The expired code was consumed like any verified code.
        assertThat(verify(s, late.code(), s.east()).path("reason").asString()).isEqualTo("PASS_UNKNOWN");

        // A gate disabled after the pass was issued refuses it; enabled again, a new pass works.
        clock.reset();
        IssuedPass beforeDisable = issue(s, s.west());
        Http.Response disable = Http.put(
                url("/admin/api/gates/" + s.west()),
                s.admin(),
                Map.of("campusId", s.campus(), "name", "西门", "enabled", false));
        assertThat(disable.status()).as(disable.body()).isEqualTo(200);
        assertThat(disable.json().path("enabled").asBoolean()).isFalse();
        JsonNode refused = verify(s, beforeDisable.code(), s.west());
        assertThat(refused.path("allowed").asBoolean()).isFalse();
        assertThat(refused.path("reason").asString()).isEqualTo("GATE_DISABLED");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> issue(s, s.west()))
                .isInstanceOfSatisfying(
                        cn.campuspass.platform.error.ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(cn.campuspass.access.AccessError.GATE_DISABLED));
        Http.Response enable = Http.put(
                url("/admin/api/gates/" + s.west()),
                s.admin(),
                Map.of("campusId", s.campus(), "name", "西门", "enabled", true));
        assertThat(enable.status()).as(enable.body()).isEqualTo(200);
        assertThat(verify(s, issue(s, s.west()).code(), s.west())
                        .path("allowed")
                        .asBoolean())
                .isTrue();
    }

    private IssuedPass issue(School s, long gateId) {
        return SchoolContext.callAsUnchecked(SchoolCode.of(s.code()), () -> passes.issue(s.student(), gateId));
    }

    private JsonNode verify(School s, String code, long gateId) {
        Http.Response r =
                Http.post(url("/admin/api/pass-verifications"), s.guard(), Map.of("code", code, "gateId", gateId));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode home(School s) {
        Http.Response r = Http.get(url("/admin/api/home"), s.admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("access");
    }

    private JsonNode records(School s, String query) {
        Http.Response r = Http.get(url("/admin/api/access-records?" + query), s.admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
