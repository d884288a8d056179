package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffRoleGrants;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The console's visitor pages on the real stack (A6.2 booking records, A6.3 department statistics, A6.4 leaderboard,
 * A2 home visitors): combined filters including a whole phone through the blind index, the details, a department
 * administrator's scope, each date preset resolved in Shanghai (the clock stands at 07:00 on 1 March in Shanghai,
 * still 28 February in UTC), and the drill-down parameters the statistics hand to the list.
 */
class VisitorConsoleIT extends StackTest {

    /** A fresh school per run: the test stack's database outlives a run. */
    private static final String SCHOOL = "vc" + Long.toString(System.currentTimeMillis(), 36);

    private static final String SCHEMA = SchoolCode.of(SCHOOL).schemaName();
    private static final String PASSWORD = "VConsole@2026x";
    private static final String DEPT_PASSWORD = "VConDept@2026x";
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T07:00:00+08:00");

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
    MutableClock clock;

    /** Ids of the fixture, set once for the class. */
    private static volatile Map<String, Long> ids;

    @BeforeEach
    void fixture() {
        clock.set(NOW.toInstant());
        if (ids == null) {
            synchronized (VisitorConsoleIT.class) {
                if (ids == null) {
                    ids = seed();
                }
            }
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void recordsListBothKindsWithTheSpecColumnsAndCombinedFilters() {
        String admin = admin();
        JsonNode page =
                Http.get(url("/admin/api/visitor-bookings?size=100"), admin).json();
        assertThat(page.path("total").asLong()).isEqualTo(9);
        assertThat(idsOf(page)).startsWith(id("b9"), id("b6")); // newest visit date first
        JsonNode b1 = item(page, "b1");
        assertThat(b1.path("kind").asString()).isEqualTo("VISITOR_REQUEST");
        assertThat(b1.path("visitorName").asString()).isEqualTo("王访客");
        assertThat(b1.path("visitorPhoneMasked").asString()).isEqualTo("138****8000");
        assertThat(b1.path("companionCount").asInt()).isEqualTo(2);
        assertThat(b1.path("hostName").asString()).isEqualTo("甲老师");
        assertThat(b1.path("departmentName").asString()).isEqualTo("甲学院");
        assertThat(b1.path("transport").asString()).isEqualTo("CAR");
        assertThat(b1.path("plate").asString()).isEqualTo("苏A12345");
        assertThat(b1.path("gateName").asString()).isEqualTo("东门");
        assertThat(b1.path("method").asString()).isEqualTo("GUARD");
        assertThat(b1.path("visitedAt").isNull()).isFalse();
        assertThat(page.toString()).doesNotContain("visitor.phone").doesNotContain("13800138000");

        // Text: a whole phone finds the visitor's bookings (blind index) and an invitation sent to that phone.
        assertThat(list("q=13800138000")).containsExactlyInAnyOrder(id("b1"), id("b2"), id("b3"));
        assertThat(list("q=139-0013-9000")).containsExactly(id("b6"));
        assertThat(list("q=乙老师")).containsExactlyInAnyOrder(id("b7"), id("b8"), id("b9"));
        assertThat(list("q=李访")).containsExactlyInAnyOrder(id("b4"), id("b5"), id("b9"));
        assertThat(list("q=a123")).containsExactly(id("b1"));
        assertThat(list("kind=HOST_INVITATION")).containsExactlyInAnyOrder(id("b6"), id("b7"));
        assertThat(list("status=EXPIRED")).containsExactly(id("b3"));
        assertThat(list("visit=VISITED")).containsExactlyInAnyOrder(id("b1"), id("b2"), id("b7"), id("b8"));
        assertThat(list("method=DEVICE")).containsExactly(id("b7"));
        assertThat(list("gateId=" + id("gate"))).containsExactlyInAnyOrder(id("b1"), id("b2"), id("b7"), id("b8"));
        assertThat(list("slot=EVENING")).containsExactly(id("b4"));
        assertThat(list("departmentId=" + id("deptB"))).containsExactlyInAnyOrder(id("b7"), id("b8"), id("b9"));
        assertThat(list("visitorId=" + id("v3"))).containsExactlyInAnyOrder(id("b7"), id("b8"));
        assertThat(list("from=2026-02-23&to=2026-03-01&departmentId=" + id("deptA") + "&visit=VISITED"))
                .containsExactlyInAnyOrder(id("b1"), id("b2"));

        // Paging: newest first, two pages of five.
        List<Long> first = list("size=5&page=0");
        List<Long> second = list("size=5&page=1");
        assertThat(first).hasSize(5).doesNotContainAnyElementsOf(second);
        assertThat(second).hasSize(4);

        Http.Response reversed = Http.get(url("/admin/api/visitor-bookings?from=2026-03-02&to=2026-03-01"), admin);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().path("code").asString()).isEqualTo("VISITOR_RECORD_FILTER_INVALID");
        assertThat(Http.get(url("/admin/api/visitor-bookings?status=NOPE"), admin)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void detailsShowCompanionsTransportDecisionAndVisitMasked() {
        JsonNode details = Http.get(url("/admin/api/visitor-bookings/" + id("b1")), admin())
                .json();
        assertThat(details.path("booking").path("id").asLong()).isEqualTo(id("b1"));
        assertThat(details.path("companions").findValuesAsString("name")).containsExactly("随行甲", "随行乙");
        assertThat(details.path("companions").get(1).path("plate").asString()).isEqualTo("苏B00001");
        assertThat(details.path("visitorIdNumberMasked").asString()).isEqualTo("110105**********21");
        assertThat(details.path("decidedBy").asString()).isEqualTo("registrant:" + id("hostA"));
        assertThat(details.path("campusName").asString()).isEqualTo("主校区");
        assertThat(details.path("booking").path("gateName").asString()).isEqualTo("东门");

        JsonNode rejected = Http.get(url("/admin/api/visitor-bookings/" + id("b5")), admin())
                .json();
        assertThat(rejected.path("rejectReason").asString()).isEqualTo("当天不在校");

        Http.Response missing = Http.get(url("/admin/api/visitor-bookings/99999999"), admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asString()).isEqualTo("VISITOR_RECORD_NOT_FOUND");
    }

    @Test
    void departmentStatisticsResolveEachPresetInShanghai() {
        // 07:00 on 1 March in Shanghai is still 28 February in UTC: "today" and "this month" are Shanghai's.
        JsonNode today = stats("preset=TODAY");
        assertThat(today.path("period").path("from").asString()).isEqualTo("2026-03-01");
        assertThat(today.path("period").path("to").asString()).isEqualTo("2026-03-01");
        assertThat(figures(today, "deptA")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(figures(today, "deptB")).containsExactly(1L, 1L, 2L, 2L);

        JsonNode week = stats("preset=LAST_7_DAYS");
        assertThat(week.path("period").path("from").asString()).isEqualTo("2026-02-23");
        assertThat(figures(week, "deptA")).containsExactly(2L, 3L, 4L, 5L);

        JsonNode month = stats("preset=LAST_30_DAYS");
        assertThat(month.path("period").path("from").asString()).isEqualTo("2026-01-31");
        assertThat(figures(month, "deptA")).containsExactly(2L, 4L, 4L, 7L);
        assertThat(figures(month, "deptB")).containsExactly(1L, 1L, 2L, 2L);

        JsonNode thisMonth = stats("preset=THIS_MONTH");
        assertThat(thisMonth.path("period").path("from").asString()).isEqualTo("2026-03-01");
        assertThat(thisMonth.path("period").path("to").asString()).isEqualTo("2026-03-31");
        assertThat(figures(thisMonth, "deptB")).containsExactly(1L, 2L, 2L, 3L);

        JsonNode all = stats("preset=ALL");
        assertThat(all.path("period").path("from").isNull()).isTrue();
        assertThat(figures(all, "deptA")).containsExactly(2L, 4L, 4L, 7L);
        assertThat(figures(all, "deptB")).containsExactly(2L, 3L, 3L, 4L);
        // Departments without bookings are listed with zeros; the busiest come first.
        assertThat(figures(all, "deptC")).containsExactly(0L, 0L, 0L, 0L);
        assertThat(all.path("items").get(0).path("departmentId").asLong()).isEqualTo(id("deptA"));

        JsonNode custom = stats("preset=CUSTOM&from=2026-01-01&to=2026-01-31");
        assertThat(figures(custom, "deptB")).containsExactly(1L, 1L, 1L, 1L);
        for (String bad : List.of("preset=CUSTOM", "preset=CUSTOM&from=2026-02-01&to=2026-01-01", "preset=SOMETIME")) {
            Http.Response r = Http.get(url("/admin/api/visitor-stats/departments?" + bad), admin());
            assertThat(r.status()).as(bad).isEqualTo(400);
        }
        assertThat(Http.get(url("/admin/api/visitor-stats/departments?preset=CUSTOM"), admin())
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("VISITOR_STATS_RANGE_INVALID");

        // The drill-down: the list filtered by the row's department and the resolved period holds what was counted.
        JsonNode period = week.path("period");
        List<Long> drilled = list("departmentId=" + id("deptA") + "&from="
                + period.path("from").asString() + "&to=" + period.path("to").asString());
        assertThat(drilled).containsExactlyInAnyOrder(id("b1"), id("b2"), id("b4"), id("b5"));
    }

    @Test
    void leaderboardRanksByVisitsThenBookingsAndDrillsDownByVisitor() {
        JsonNode all = leaders("preset=ALL");
        JsonNode items = all.path("items");
        assertThat(items.size()).isEqualTo(3);
        assertThat(items.get(0).path("visitorId").asLong()).isEqualTo(id("v1"));
        assertThat(items.get(0).path("visits").asLong()).isEqualTo(2);
        assertThat(items.get(0).path("bookings").asLong()).isEqualTo(3);
        assertThat(items.get(0).path("idNumberMasked").asString()).isEqualTo("110105**********21");
        assertThat(items.get(1).path("visitorId").asLong()).isEqualTo(id("v3"));
        assertThat(items.get(2).path("visitorId").asLong()).isEqualTo(id("v2"));
        assertThat(items.get(2).path("visits").asLong()).isZero();
        assertThat(items.findValues("rank").stream().map(JsonNode::asInt).toList())
                .containsExactly(1, 2, 3);

        JsonNode today = leaders("preset=TODAY").path("items");
        // v1 and v3 visited once and booked once today: they share the first place; v2 comes third.
        assertThat(today.findValues("rank").stream().map(JsonNode::asInt).toList())
                .containsExactly(1, 1, 3);
        assertThat(today.get(2).path("visitorId").asLong()).isEqualTo(id("v2"));

        assertThat(leaders("preset=ALL&limit=1").path("items").size()).isEqualTo(1);
        assertThat(list("visitorId=" + id("v1"))).containsExactlyInAnyOrder(id("b1"), id("b2"), id("b3"));
    }

    @Test
    void aDepartmentAdministratorSeesTheHostDepartmentsTheyRun() {
        String dept = departmentAdmin();
        List<Long> seen = idsOf(
                Http.get(url("/admin/api/visitor-bookings?size=100"), dept).json());
        assertThat(seen).containsExactlyInAnyOrder(id("b1"), id("b2"), id("b3"), id("b4"), id("b5"), id("b6"));
        assertThat(Http.get(url("/admin/api/visitor-bookings/" + id("b7")), dept)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(url("/admin/api/visitor-bookings/" + id("b1")), dept)
                        .status())
                .isEqualTo(200);

        JsonNode stats = Http.get(url("/admin/api/visitor-stats/departments?preset=ALL"), dept)
                .json();
        assertThat(stats.path("items").findValues("departmentId").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactly(id("deptA"));
        JsonNode leaders = Http.get(url("/admin/api/visitor-stats/leaderboard?preset=ALL"), dept)
                .json();
        assertThat(leaders.path("items").findValues("visitorId").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactly(id("v1"), id("v2"));
        assertThat(leaders.path("items").get(1).path("bookings").asLong()).isEqualTo(2);

        JsonNode home = Http.get(url("/admin/api/home/visitors"), dept).json();
        assertThat(home.path("recent").findValues("bookingId").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactly(id("b1"), id("b2"));
    }

    @Test
    void homeShowsRecentVisitsAndThirtyShanghaiDays() {
        JsonNode home = Http.get(url("/admin/api/home/visitors"), admin()).json();
        JsonNode trend = home.path("trend");
        assertThat(trend.size()).isEqualTo(30);
        assertThat(trend.get(0).path("date").asString()).isEqualTo("2026-01-31");
        JsonNode last = trend.get(29);
        assertThat(last.path("date").asString()).isEqualTo("2026-03-01");
        assertThat(last.path("bookings").asLong()).isEqualTo(3);
        assertThat(last.path("visits").asLong()).isEqualTo(2);
        assertThat(trend.get(23).path("date").asString()).isEqualTo("2026-02-23");
        assertThat(trend.get(23).path("visits").asLong()).isEqualTo(1);
        assertThat(home.path("recent").findValues("bookingId").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactly(id("b1"), id("b7"), id("b2"), id("b8"));
        assertThat(home.path("recent").get(0).path("gateName").asString()).isEqualTo("东门");
    }

    // ---------------------------------------------------------------------------------------------------------

    private Map<String, Long> seed() {
        onboard(SCHOOL, "admin", "13300000211", PASSWORD);
        String admin = admin();
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        Map<String, Long> m = new HashMap<>();
        long campus = fixtures.campus(admin, "主校区");
        m.put("gate", fixtures.gate(admin, campus, "东门"));
        m.put("deptA", fixtures.department(admin, "甲学院"));
        m.put("deptB", fixtures.department(admin, "乙学院"));
        m.put("deptC", fixtures.department(admin, "丙学院"));
        m.put("hostA", fixtures.registrant(SCHOOL, "甲老师", "TEACHER", "T2110001", "13900001101", null, m.get("deptA")));
        m.put("hostB", fixtures.registrant(SCHOOL, "乙老师", "TEACHER", "T2110002", "13900001102", null, m.get("deptB")));
        m.put("v1", visitor("o-vc-1", "王访客", "13800138000", "138****8000"));
        m.put("v2", visitor("o-vc-2", "李访客", null, "137****7000"));
        m.put("v3", visitor("o-vc-3", "赵访客", null, "136****6000"));
        long gate = m.get("gate");
        m.put("b1", booking(m, "VISITOR_REQUEST", "v1", "A", "2026-03-01", "MORNING", "VISITED", 2, "06:30", gate));
        m.put("b2", booking(m, "VISITOR_REQUEST", "v1", "A", "2026-02-23", "AFTERNOON", "VISITED", 0, "14:00", gate));
        m.put("b3", booking(m, "VISITOR_REQUEST", "v1", "A", "2026-02-22", "MORNING", "EXPIRED", 1, null, null));
        m.put("b4", booking(m, "VISITOR_REQUEST", "v2", "A", "2026-03-01", "EVENING", "APPROVED", 0, null, null));
        m.put("b5", booking(m, "VISITOR_REQUEST", "v2", "A", "2026-02-28", "MORNING", "REJECTED", 0, null, null));
        m.put(
                "b6",
                booking(
                        m,
                        "HOST_INVITATION",
                        null,
                        "A",
                        "2026-03-02",
                        "MORNING",
                        "PENDING_CONFIRMATION",
                        0,
                        null,
                        null));
        m.put("b7", booking(m, "HOST_INVITATION", "v3", "B", "2026-03-01", "MORNING", "VISITED", 1, "06:00", gate));
        m.put("b8", booking(m, "VISITOR_REQUEST", "v3", "B", "2026-01-15", "MORNING", "VISITED", 0, "10:00", gate));
        m.put("b9", booking(m, "VISITOR_REQUEST", "v2", "B", "2026-03-31", "MORNING", "APPROVED", 0, null, null));
        jdbc.update(
                "UPDATE " + SCHEMA + ".visitor_booking SET transport = 'CAR', plate = '苏A12345',"
                        + " companions = '[{\"name\":\"随行甲\",\"plate\":null},{\"name\":\"随行乙\",\"plate\":\"苏B00001\"}]'"
                        + " WHERE id = ?",
                m.get("b1"));
        jdbc.update(
                "UPDATE " + SCHEMA + ".visitor_booking SET invitee_phone_index = ? WHERE id = ?",
                cipher.blindIndex("visitor.phone:13900139000"),
                m.get("b6"));
        // b7 was verified by a gate device.
        jdbc.update(
                "UPDATE " + SCHEMA + ".visitor_access_record SET method = 'DEVICE' WHERE booking_id = ?", m.get("b7"));
        return Map.copyOf(m);
    }

    private long visitor(String openid, String name, String phone, String phoneMasked) {
        return jdbc.queryForObject(
                "INSERT INTO " + SCHEMA + ".visitor (wechat_openid, name, phone_index, phone_masked, id_number_masked)"
                        + " VALUES (?, ?, ?, ?, '110105**********21') RETURNING id",
                Long.class,
                openid,
                name,
                phone == null ? null : cipher.blindIndex("visitor.phone:" + phone),
                phoneMasked);
    }

    private long booking(
            Map<String, Long> m,
            String kind,
            String visitor,
            String host,
            String date,
            String slot,
            String status,
            int companions,
            String visitedAt,
            Long gate) {
        Long visitorId = visitor == null ? null : m.get(visitor);
        long hostId = m.get("host" + host);
        OffsetDateTime visited = visitedAt == null ? null : OffsetDateTime.parse(date + "T" + visitedAt + ":00+08:00");
        long id = jdbc.queryForObject(
                "INSERT INTO " + SCHEMA + ".visitor_booking (kind, visitor_id, host_id, host_name, host_department_id,"
                        + " visit_date, slot, reason, transport, companion_count, visitor_name, visitor_phone_masked,"
                        + " visitor_id_masked, status, reject_reason, decided_by, decided_at, visited_at,"
                        + " visited_gate_id, created_by)"
                        + " SELECT ?, ?, ?, ?, ?, ?, ?, '学术交流', 'WALK', ?, v.name, v.phone_masked,"
                        + " v.id_number_masked, ?, CASE WHEN ? = 'REJECTED' THEN '当天不在校' END, ?, now(), ?, ?, 'test'"
                        + " FROM (SELECT 1) one LEFT JOIN " + SCHEMA + ".visitor v ON v.id = ? RETURNING id",
                Long.class,
                kind,
                visitorId,
                hostId,
                host.equals("A") ? "甲老师" : "乙老师",
                m.get("dept" + host),
                LocalDate.parse(date),
                slot,
                companions,
                status,
                status,
                status.startsWith("PENDING") ? null : "registrant:" + hostId,
                visited,
                visited == null ? null : gate,
                visitorId);
        if (visited != null) {
            jdbc.update(
                    "INSERT INTO " + SCHEMA + ".visitor_access_record (booking_id, visitor_id, host_id,"
                            + " host_department_id, name, campus_id, gate_id, method, allowed, verified_by, passed_at)"
                            + " SELECT ?, ?, ?, ?, 'x', g.campus_id, g.id, 'GUARD', true, 'guard', ? FROM " + SCHEMA
                            + ".gate g WHERE g.id = ?",
                    id,
                    visitorId,
                    hostId,
                    m.get("dept" + host),
                    visited,
                    gate);
        }
        return id;
    }

    private String departmentAdmin() {
        new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms)
                .staff(SCHOOL, "vcdept", "13300000212", DEPT_PASSWORD, SeededRole.DEPARTMENT_ADMIN.realmRole());
        String token = Tokens.school(SCHOOL, "vcdept", DEPT_PASSWORD);
        String user = VehicleIT.subject(token);
        jdbc.update(
                "INSERT INTO " + SCHEMA + ".staff_user (id, username) VALUES (?, 'vcdept') ON CONFLICT DO NOTHING",
                user);
        jdbc.update(
                "INSERT INTO " + SCHEMA + ".staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                user,
                id("deptA"));
        grants.invalidate(SchoolCode.of(SCHOOL));
        return token;
    }

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private static long id(String key) {
        return ids.get(key);
    }

    private List<Long> list(String query) {
        Http.Response r = Http.get(
                url("/admin/api/visitor-bookings?" + (query.contains("size=") ? "" : "size=100&") + query), admin());
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        return idsOf(r.json());
    }

    private JsonNode stats(String query) {
        Http.Response r = Http.get(url("/admin/api/visitor-stats/departments?" + query), admin());
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode leaders(String query) {
        Http.Response r = Http.get(url("/admin/api/visitor-stats/leaderboard?" + query), admin());
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    /** actual bookings, expected bookings, actual people, expected people of a department row. */
    private static List<Long> figures(JsonNode stats, String department) {
        for (JsonNode row : stats.path("items")) {
            if (row.path("departmentId").asLong() == id(department)) {
                return List.of(
                        row.path("actualBookings").asLong(),
                        row.path("expectedBookings").asLong(),
                        row.path("actualPeople").asLong(),
                        row.path("expectedPeople").asLong());
            }
        }
        throw new AssertionError(department + " missing from " + stats);
    }

    private static JsonNode item(JsonNode page, String key) {
        for (JsonNode i : page.path("items")) {
            if (i.path("id").asLong() == id(key)) {
                return i;
            }
        }
        throw new AssertionError(key + " missing");
    }

    private static List<Long> idsOf(JsonNode page) {
        List<Long> list = new ArrayList<>();
        page.path("items").forEach(i -> list.add(i.path("id").asLong()));
        return list;
    }
}
