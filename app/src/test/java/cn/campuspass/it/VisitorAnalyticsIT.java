package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.visitor.VisitorStatsRollups;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Visitor statistics from the V25 roll-ups equal the straightforward SQL over the raw tables (issue 11 item 7; A6.3,
 * A6.4, S3.1–S3.4): a school with 378 bookings over the last 120 days and the next five (the closed days, below the
 * watermark, kept by the triggers; today and later read raw), access records with repeated and denied passes, every
 * preset, the security office and a department administrator; then the same after status changes of closed and open
 * days (approve, visit, cancel, expire, a party size), after the closing job moved the watermark past today, and after
 * changes to the newly closed day.
 */
class VisitorAnalyticsIT extends StackTest {

    private static final String SCHOOL = "va" + Long.toString(System.currentTimeMillis(), 36);
    private static final String SCHEMA = SchoolCode.of(SCHOOL).schemaName();
    private static final String PASSWORD = "VAnalytic@2026x";
    private static final String DEPT_PASSWORD = "VAnaDept@2026x";
    private static final String EXPECTED = "('APPROVED', 'VISITED', 'EXPIRED')";

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
    VisitorStatsRollups rollups;

    private final Map<String, Long> ids = new LinkedHashMap<>();

    @Test
    void everyStatisticEqualsTheRawSqlThroughStatusChangesAndClosing() {
        onboard(SCHOOL, "admin", "13300000311", PASSWORD);
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        long north = fixtures.campus(admin, "北校区");
        long south = fixtures.campus(admin, "南校区");
        ids.put("gate1", fixtures.gate(admin, north, "北门"));
        ids.put("gate2", fixtures.gate(admin, south, "南门"));
        ids.put("gate3", fixtures.gate(admin, south, "西门"));
        ids.put("deptA", fixtures.department(admin, "甲学院"));
        ids.put("deptB", fixtures.department(admin, "乙学院"));
        ids.put("deptC", fixtures.department(admin, "丙学院"));
        String dept = departmentAdmin(ids.get("deptA"), ids.get("deptC"));
        LocalDate today = LocalDate.now(SchoolTime.ZONE);
        seed(today);

        // The migration closed the days up to yesterday: those rows went through the triggers.
        assertThat(jdbc.queryForObject(
                        "SELECT closed_through FROM " + SCHEMA + ".visitor_stats_state WHERE name = 'booking'",
                        LocalDate.class))
                .isEqualTo(today.minusDays(1));
        assertThat(jdbc.queryForObject("SELECT sum(bookings) FROM " + SCHEMA + ".visitor_stats_day", Long.class))
                .isEqualTo(jdbc.queryForObject(
                        "SELECT count(*) FROM " + SCHEMA + ".visitor_booking WHERE visit_date < ?", Long.class, today));
        String scopeA = "host_department_id IN (" + ids.get("deptA") + ", " + ids.get("deptC") + ")";
        compareAll(admin, "true", today, "seeded");
        compareAll(dept, scopeA, today, "seeded, department administrator");
        assertThat(Http.get(url("/admin/api/visitor-stats/daily"), admin)
                        .json()
                        .path("period")
                        .path("preset")
                        .asString())
                .isEqualTo("LAST_7_DAYS");
        assertThat(Http.get(url("/admin/api/visitor-stats/gates"), admin)
                        .json()
                        .path("period")
                        .path("preset")
                        .asString())
                .isEqualTo("TODAY");
        Http.Response bad = Http.get(url("/admin/api/visitor-stats/daily?from=2026-03-02&to=2026-03-01"), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asString()).isEqualTo("VISITOR_STATS_RANGE_INVALID");

        // Status changes after the fact, on closed days (the triggers) and on today (raw).
        changeStatuses(today.minusDays(3));
        changeStatuses(today);
        compareAll(admin, "true", today, "after changes");
        compareAll(dept, scopeA, today, "after changes, department administrator");

        // The housekeeping closes days; closing through today moves today's rows into the roll-ups.
        assertThat(SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> rollups.closeThrough(today.minusDays(1))))
                .isZero();
        assertThat(SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> rollups.closeThrough(today)))
                .isEqualTo(2);
        compareAll(admin, "true", today, "closed through today");
        changeStatuses(today);
        compareAll(admin, "true", today, "changes after closing");
        compareAll(dept, scopeA, today, "changes after closing, department administrator");

        // A rebuild (the back-fill) gives the same roll-ups as the incremental path.
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM " + SCHEMA
                + ".visitor_stats_day WHERE bookings <> 0 ORDER BY visit_date, host_department_id NULLS FIRST");
        jdbc.queryForObject("SELECT " + SCHEMA + ".visitor_stats_rebuild(?)", Object.class, today);
        assertThat(jdbc.queryForList("SELECT * FROM " + SCHEMA
                        + ".visitor_stats_day ORDER BY visit_date, host_department_id NULLS FIRST"))
                .isEqualTo(before);
        compareAll(admin, "true", today, "rebuilt");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void compareAll(String token, String scope, LocalDate today, String when) {
        Map<String, LocalDate[]> presets = new LinkedHashMap<>();
        presets.put("preset=ALL", new LocalDate[] {null, null});
        presets.put("preset=TODAY", new LocalDate[] {today, today});
        presets.put("preset=LAST_7_DAYS", new LocalDate[] {today.minusDays(6), today});
        presets.put("preset=LAST_30_DAYS", new LocalDate[] {today.minusDays(29), today});
        presets.put(
                "preset=THIS_MONTH",
                new LocalDate[] {today.withDayOfMonth(1), today.withDayOfMonth(today.lengthOfMonth())});
        LocalDate from = today.minusDays(100);
        LocalDate to = today.plusDays(2);
        presets.put("preset=CUSTOM&from=" + from + "&to=" + to, new LocalDate[] {from, to});
        presets.put(
                "from=" + today.minusDays(20) + "&to=" + today.minusDays(2),
                new LocalDate[] {today.minusDays(20), today.minusDays(2)});
        for (Map.Entry<String, LocalDate[]> p : presets.entrySet()) {
            String q = p.getKey();
            LocalDate f = p.getValue()[0];
            LocalDate t = p.getValue()[1];
            String as = when + " " + q;
            assertThat(departments(get(token, "departments?" + q))).as(as).isEqualTo(expectedDepartments(scope, f, t));
            assertThat(leaders(get(token, "leaderboard?limit=100&" + q)))
                    .as(as)
                    .isEqualTo(expectedLeaders(scope, f, t, 100));
            assertThat(leaders(get(token, "leaderboard?limit=7&" + q)))
                    .as(as)
                    .isEqualTo(expectedLeaders(scope, f, t, 7));
            assertThat(gates(get(token, "gates?" + q))).as(as).isEqualTo(expectedGates(scope, f, t));
            JsonNode daily = get(token, "daily?" + q);
            assertThat(daily(daily)).as(as).isEqualTo(expectedDaily(scope, daily));
        }
        JsonNode all = get(token, "daily?preset=ALL");
        assertThat(all.path("unit").asString()).isEqualTo("MONTH"); // 120 days back: by month
        assertThat(get(token, "daily?preset=LAST_30_DAYS").path("items").size()).isEqualTo(30);
        JsonNode overview = get(token, "overview");
        assertThat(List.of(
                        overview.path("totalVisits").asLong(),
                        overview.path("totalVisitPeople").asLong(),
                        overview.path("todayExpected").asLong(),
                        overview.path("todayExpectedPeople").asLong(),
                        overview.path("todayActual").asLong(),
                        overview.path("todayActualPeople").asLong()))
                .as(when + " overview")
                .isEqualTo(jdbc
                        .queryForList(
                                "SELECT count(*) FILTER (WHERE status = 'VISITED') AS a1,"
                                        + " coalesce(sum(1 + companion_count) FILTER (WHERE status = 'VISITED'), 0) AS a2,"
                                        + " count(*) FILTER (WHERE visit_date = ? AND status IN " + EXPECTED
                                        + ") AS a3,"
                                        + " coalesce(sum(1 + companion_count) FILTER (WHERE visit_date = ? AND status IN "
                                        + EXPECTED + "), 0) AS a4,"
                                        + " count(*) FILTER (WHERE visit_date = ? AND status = 'VISITED') AS a5,"
                                        + " coalesce(sum(1 + companion_count) FILTER (WHERE visit_date = ? AND"
                                        + " status = 'VISITED'), 0) AS a6"
                                        + " FROM " + SCHEMA + ".visitor_booking WHERE " + scope,
                                today,
                                today,
                                today,
                                today)
                        .get(0)
                        .values()
                        .stream()
                        .map(v -> ((Number) v).longValue())
                        .toList());
        assertThat(overview.path("totalVisits").asLong()).isPositive();
    }

    private Map<Long, List<Long>> departments(JsonNode stats) {
        Map<Long, List<Long>> m = new TreeMap<>();
        for (JsonNode row : stats.path("items")) {
            m.put(
                    row.path("departmentId").isNull()
                            ? -1L
                            : row.path("departmentId").asLong(),
                    List.of(
                            row.path("actualBookings").asLong(),
                            row.path("expectedBookings").asLong(),
                            row.path("actualPeople").asLong(),
                            row.path("expectedPeople").asLong()));
        }
        return m;
    }

    private Map<Long, List<Long>> expectedDepartments(String scope, LocalDate from, LocalDate to) {
        Map<Long, List<Long>> m = new TreeMap<>();
        List<Long> departments = jdbc.queryForList(
                "SELECT id FROM " + SCHEMA + ".department d WHERE " + scope.replace("host_department_id", "d.id"),
                Long.class);
        departments.forEach(d -> m.put(d, List.of(0L, 0L, 0L, 0L)));
        jdbc.query(
                "SELECT coalesce(host_department_id, -1), count(*) FILTER (WHERE status = 'VISITED'),"
                        + " count(*) FILTER (WHERE status IN " + EXPECTED + "),"
                        + " coalesce(sum(1 + companion_count) FILTER (WHERE status = 'VISITED'), 0),"
                        + " coalesce(sum(1 + companion_count) FILTER (WHERE status IN " + EXPECTED + "), 0)"
                        + " FROM " + SCHEMA + ".visitor_booking WHERE " + scope + range("visit_date", from, to)
                        + " GROUP BY 1",
                rs -> {
                    long d = rs.getLong(1);
                    List<Long> f = List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                    if (d != -1 || f.get(0) > 0 || f.get(1) > 0) {
                        m.put(d, f);
                    }
                });
        return m;
    }

    private List<List<Long>> leaders(JsonNode board) {
        List<List<Long>> rows = new ArrayList<>();
        for (JsonNode row : board.path("items")) {
            rows.add(List.of(
                    row.path("rank").asLong(),
                    row.path("visitorId").asLong(),
                    row.path("visits").asLong(),
                    row.path("bookings").asLong()));
        }
        return rows;
    }

    private List<List<Long>> expectedLeaders(String scope, LocalDate from, LocalDate to, int limit) {
        return jdbc.query(
                "SELECT rank() OVER (ORDER BY visits DESC, bookings DESC), visitor_id, visits, bookings FROM ("
                        + " SELECT visitor_id, count(*) FILTER (WHERE status = 'VISITED') AS visits, count(*) AS bookings"
                        + " FROM " + SCHEMA + ".visitor_booking WHERE visitor_id IS NOT NULL AND " + scope
                        + range("visit_date", from, to) + " GROUP BY visitor_id) x"
                        + " ORDER BY visits DESC, bookings DESC, visitor_id LIMIT " + limit,
                (rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    private Map<Long, List<Long>> gates(JsonNode stats) {
        Map<Long, List<Long>> m = new TreeMap<>();
        for (JsonNode row : stats.path("items")) {
            assertThat(row.path("campusName").asString()).isNotBlank();
            m.put(
                    row.path("gateId").asLong(),
                    List.of(row.path("bookings").asLong(), row.path("people").asLong()));
        }
        return m;
    }

    private Map<Long, List<Long>> expectedGates(String scope, LocalDate from, LocalDate to) {
        Map<Long, List<Long>> m = new TreeMap<>();
        jdbc.queryForList("SELECT id FROM " + SCHEMA + ".gate", Long.class).forEach(g -> m.put(g, List.of(0L, 0L)));
        jdbc.query(
                "SELECT x.gate_id, count(*), sum(1 + b.companion_count) FROM (SELECT DISTINCT r.booking_id, r.gate_id,"
                        + " (r.passed_at AT TIME ZONE 'Asia/Shanghai')::date AS day"
                        + " FROM " + SCHEMA + ".visitor_access_record r WHERE r.allowed AND "
                        + scope.replace("host_department_id", "r.host_department_id") + ") x"
                        + " JOIN " + SCHEMA + ".visitor_booking b ON b.id = x.booking_id WHERE true"
                        + range("x.day", from, to) + " GROUP BY x.gate_id",
                rs -> {
                    m.put(rs.getLong(1), List.of(rs.getLong(2), rs.getLong(3)));
                });
        return m;
    }

    /** from, to, visits, people, bookings of each bucket. */
    private List<List<Object>> daily(JsonNode daily) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : daily.path("items")) {
            rows.add(List.of(
                    row.path("from").asString(),
                    row.path("to").asString(),
                    row.path("visits").asLong(),
                    row.path("visitPeople").asLong(),
                    row.path("bookings").asLong()));
        }
        return rows;
    }

    /** The raw SQL over the buckets the answer chose; the buckets must tile the answer's from..to. */
    private List<List<Object>> expectedDaily(String scope, JsonNode daily) {
        List<List<Object>> rows = new ArrayList<>();
        LocalDate next = LocalDate.parse(daily.path("from").asString());
        for (JsonNode row : daily.path("items")) {
            LocalDate f = LocalDate.parse(row.path("from").asString());
            LocalDate t = LocalDate.parse(row.path("to").asString());
            assertThat(f).isEqualTo(next);
            next = t.plusDays(1);
            rows.add(jdbc
                    .queryForList(
                            "SELECT ?::text AS f, ?::text AS t, count(*) FILTER (WHERE status = 'VISITED') AS v,"
                                    + " coalesce(sum(1 + companion_count) FILTER (WHERE status = 'VISITED'), 0) AS p,"
                                    + " count(*) AS b FROM " + SCHEMA + ".visitor_booking WHERE " + scope
                                    + range("visit_date", f, t),
                            f.toString(),
                            t.toString())
                    .get(0)
                    .values()
                    .stream()
                    .map(v -> v instanceof Number n ? (Object) n.longValue() : v)
                    .toList());
        }
        assertThat(next.minusDays(1)).isEqualTo(LocalDate.parse(daily.path("to").asString()));
        return rows;
    }

    private static String range(String column, LocalDate from, LocalDate to) {
        return (from == null ? "" : " AND " + column + " >= '" + from + "'")
                + (to == null ? "" : " AND " + column + " <= '" + to + "'");
    }

    private JsonNode get(String token, String path) {
        Http.Response r = Http.get(url("/admin/api/visitor-stats/" + path), token);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    /**
     * 378 bookings: booking g goes to visitor g % 37 on day g % 126 − 120 (120 days back to 5 ahead), slot by g / 126,
     * so no visitor holds two open bookings of one slot; departments A, B, C and none in turn; statuses mixed.
     * Visited bookings passed a gate at 09:00 Shanghai of their day; some passed it twice, some another gate too, and
     * there are denied passes.
     */
    private void seed(LocalDate today) {
        jdbc.update("INSERT INTO " + SCHEMA + ".visitor (wechat_openid, name, phone_masked, id_number_masked)"
                + " SELECT 'o-va-' || g, '访客' || g, '139****' || lpad(g::text, 4, '0'), '110105**********21'"
                + " FROM generate_series(1, 37) g");
        long firstVisitor = jdbc.queryForObject("SELECT min(id) FROM " + SCHEMA + ".visitor", Long.class);
        jdbc.update(
                "INSERT INTO " + SCHEMA + ".visitor_booking (kind, visitor_id, host_id, host_name, host_department_id,"
                        + " visit_date, slot, reason, transport, companion_count, visitor_name, visitor_phone_masked,"
                        + " status, reject_reason, visited_at, created_by)"
                        + " SELECT 'VISITOR_REQUEST', ? + g % 37, 1, '教师', (ARRAY[?, ?, ?, NULL])[1 + g % 4], d,"
                        + " (ARRAY['MORNING','AFTERNOON','EVENING'])[1 + g / 126], '学术交流', 'WALK', g % 3,"
                        + " '访客', '139****0000', s, CASE WHEN s = 'REJECTED' THEN '不在校' END,"
                        + " CASE WHEN s = 'VISITED' THEN d + time '09:00' END, 'test'"
                        + " FROM (SELECT g, ?::date + (g % 126 - 120) AS d,"
                        + "   (ARRAY['VISITED','VISITED','VISITED','EXPIRED','APPROVED','PENDING_APPROVAL',"
                        + "     'CANCELLED','REJECTED','VISITED','APPROVED'])[1 + (g * 7 + g / 5) % 10] AS s"
                        + "   FROM generate_series(0, 377) g) x",
                firstVisitor,
                ids.get("deptA"),
                ids.get("deptB"),
                ids.get("deptC"),
                today);
        String pass = "INSERT INTO " + SCHEMA + ".visitor_access_record (booking_id, visitor_id, host_id,"
                + " host_department_id, name, campus_id, gate_id, method, allowed, verified_by, passed_at)"
                + " SELECT b.id, b.visitor_id, b.host_id, b.host_department_id, '访客', g.campus_id, g.id, 'GUARD', %s,"
                + " 'guard', (b.visit_date + interval '%s') AT TIME ZONE 'Asia/Shanghai'"
                + " FROM " + SCHEMA + ".visitor_booking b JOIN " + SCHEMA + ".gate g ON g.id = %s WHERE %s";
        jdbc.update(
                pass.formatted("true", "09:00", "CASE WHEN b.id % 2 = 0 THEN ? ELSE ? END", "b.status = 'VISITED'"),
                ids.get("gate1"),
                ids.get("gate2"));
        jdbc.update(
                pass.formatted(
                        "true",
                        "13:00",
                        "CASE WHEN b.id % 2 = 0 THEN ? ELSE ? END",
                        "b.status = 'VISITED' AND b.id % 5 = 0"),
                ids.get("gate1"),
                ids.get("gate2"));
        jdbc.update(pass.formatted("true", "15:00", "?", "b.status = 'VISITED' AND b.id % 7 = 0"), ids.get("gate3"));
        // The same gate at 23:30 and 00:30 the next day: two Shanghai days.
        jdbc.update(pass.formatted("true", "23:30", "?", "b.status = 'VISITED' AND b.id % 11 = 0"), ids.get("gate3"));
        jdbc.update(pass.formatted("true", "24:30", "?", "b.status = 'VISITED' AND b.id % 11 = 0"), ids.get("gate3"));
        jdbc.update(pass.formatted("false", "08:00", "?", "b.status IN ('APPROVED', 'EXPIRED')"), ids.get("gate1"));
    }

    /** Approve, visit (with a pass), cancel and expire a booking of the day; grow a visited party; drop a pass. */
    private void changeStatuses(LocalDate day) {
        String b = SCHEMA + ".visitor_booking";
        Long pending = first("SELECT id FROM " + b + " WHERE visit_date = ? AND status = 'PENDING_APPROVAL'", day);
        if (pending != null) {
            jdbc.update("UPDATE " + b + " SET status = 'APPROVED' WHERE id = ?", pending);
        }
        Long approved = first("SELECT id FROM " + b + " WHERE visit_date = ? AND status = 'APPROVED'", day);
        if (approved != null) {
            jdbc.update(
                    "UPDATE " + b + " SET status = 'VISITED', visited_at = ?, visited_gate_id = ? WHERE id = ?",
                    ZonedDateTime.of(day.atTime(10, 0), SchoolTime.ZONE).toOffsetDateTime(),
                    ids.get("gate2"),
                    approved);
            jdbc.update(
                    "INSERT INTO " + SCHEMA + ".visitor_access_record (booking_id, visitor_id, host_id,"
                            + " host_department_id, name, campus_id, gate_id, method, allowed, verified_by, passed_at)"
                            + " SELECT b.id, b.visitor_id, b.host_id, b.host_department_id, '访客', g.campus_id, g.id,"
                            + " 'DEVICE', true, 'device', ? FROM " + b + " b JOIN " + SCHEMA + ".gate g ON g.id = ?"
                            + " WHERE b.id = ?",
                    ZonedDateTime.of(day.atTime(10, 0), SchoolTime.ZONE).toOffsetDateTime(),
                    ids.get("gate2"),
                    approved);
        }
        Long another = first("SELECT id FROM " + b + " WHERE visit_date = ? AND status = 'APPROVED'", day);
        if (another != null) {
            jdbc.update("UPDATE " + b + " SET status = 'CANCELLED' WHERE id = ?", another);
        }
        Long third = first("SELECT id FROM " + b + " WHERE visit_date = ? AND status = 'APPROVED'", day);
        if (third != null) {
            jdbc.update("UPDATE " + b + " SET status = 'EXPIRED' WHERE id = ?", third);
        }
        Long visited = first(
                "SELECT id FROM " + b + " WHERE visit_date = ? AND status = 'VISITED' AND companion_count < 5", day);
        if (visited != null) {
            jdbc.update("UPDATE " + b + " SET companion_count = companion_count + 3 WHERE id = ?", visited);
        }
        // A repeated pass removed (the booking still counts once at that gate), and one booking's only pass removed.
        jdbc.update(
                "DELETE FROM " + SCHEMA + ".visitor_access_record WHERE id = (SELECT max(r.id) FROM " + SCHEMA
                        + ".visitor_access_record r WHERE r.allowed AND (r.passed_at AT TIME ZONE 'Asia/Shanghai')::date = ?)",
                day);
    }

    private Long first(String sql, LocalDate day) {
        List<Long> found = jdbc.queryForList(sql + " ORDER BY id LIMIT 1", Long.class, day);
        return found.isEmpty() ? null : found.get(0);
    }

    private String departmentAdmin(long... departments) {
        new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms)
                .staff(SCHOOL, "vadept", "13300000312", DEPT_PASSWORD, SeededRole.DEPARTMENT_ADMIN.realmRole());
        String token = Tokens.school(SCHOOL, "vadept", DEPT_PASSWORD);
        String user = VehicleIT.subject(token);
        jdbc.update(
                "INSERT INTO " + SCHEMA + ".staff_user (id, username) VALUES (?, 'vadept') ON CONFLICT DO NOTHING",
                user);
        for (long d : departments) {
            jdbc.update(
                    "INSERT INTO " + SCHEMA + ".staff_user_department (user_id, department_id) VALUES (?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    user,
                    d);
        }
        grants.invalidate(SchoolCode.of(SCHOOL));
        return token;
    }
}
