package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.wechat.session.PortalSessions;
import java.awt.Color;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The violation leaderboards (A6.5 违章人员排行榜, A6.6 违章车辆排行榜) on the real stack. Tickets are issued through
 * the console API (by plate, which links the registered vehicle; to a registrant; to a visitor; to a plate nobody
 * registered), dated into two terms and outside them, some revoked by staff, one revoked by an approved appeal and
 * one under a pending appeal. Each board and each filter is compared with a straightforward SQL count over the same
 * school schema; a department administrator ranks only their departments; a guard is refused; bad filters are 400s.
 */
class ViolationStatsIT extends StackTest {

    static final String SCHOOL = "vstatuni";
    static final String PASSWORD = "VStat@2026x";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

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
    PortalSessions sessions;

    record Seed(long deptA, long deptB, long year, long term1, long term2, List<Long> registrants, List<Long> cars) {}

    static volatile Seed seed;

    String schema() {
        return SchoolCode.of(SCHOOL).schemaName();
    }

    String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    @BeforeEach
    void school() throws Exception {
        if (seed == null) {
            synchronized (ViolationStatsIT.class) {
                if (seed == null) {
                    seed = seed();
                }
            }
        }
    }

    private Seed seed() throws Exception {
        onboard(SCHOOL, "admin", "13300000210", PASSWORD, "wxvstat000000001");
        String admin = admin();
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        long deptA = fixtures.department(admin, "机械工程学院");
        long deptB = fixtures.department(admin, "外国语学院");
        long[] r = {
            fixtures.registrant(SCHOOL, "王小明", "STUDENT", "2025010001", "13940000001", "11111X", deptA),
            fixtures.registrant(SCHOOL, "李华", "STUDENT", "2025010002", "13940000002", "22222X", deptB),
            fixtures.registrant(SCHOOL, "张建国", "TEACHER", "T0001", "13940000003", "333333", deptA),
            fixtures.registrant(SCHOOL, "陈静", "TEACHER", "T0002", "13940000004", "444444", deptB),
            fixtures.registrant(SCHOOL, "刘师傅", "THIRD_PARTY", "W0001", "13940000005", "555555", deptA),
        };
        String[][] cars = {
            {"MOTOR", "沪A10001", "0"}, {"EBIKE", "沪A20002", "0"}, {"MOTOR", "沪B30003", "1"},
            {"MOTOR", "沪C40004", "2"}, {"MOTOR", "沪D50005", "3"}, {"EBIKE", "沪E60006", "4"},
        };
        List<Long> vehicleIds = new ArrayList<>();
        for (String[] car : cars) {
            Map<String, Object> body = new HashMap<>();
            body.put("type", car[0]);
            body.put("plate", car[1]);
            body.put("ownerName", car[0].equals("MOTOR") ? "车主" + car[1].substring(2) : "本人");
            body.put("relation", "SELF");
            body.put("registrantId", r[Integer.parseInt(car[2])]);
            if (car[0].equals("EBIKE")) {
                body.put("longTerm", true);
            }
            Http.Response created = Http.post(url("/admin/api/vehicles"), admin, body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            vehicleIds.add(created.json().path("id").asLong());
        }
        // Registration statuses as a school has them: one waiting for review, one rejected.
        jdbc.update("UPDATE " + schema() + ".vehicle SET status = 'PENDING' WHERE id = ?", vehicleIds.get(3));
        jdbc.update(
                "UPDATE " + schema() + ".vehicle SET status = 'REJECTED', reject_reason = '行驶证不清晰' WHERE id = ?",
                vehicleIds.get(5));

        Http.Response year = Http.post(
                url("/admin/api/academic-years"),
                admin,
                Map.of("name", "2025-2026学年", "startDate", "2025-08-25", "endDate", "2026-08-20"));
        assertThat(year.status()).as(year.body()).isEqualTo(201);
        long yearId = year.json().path("id").asLong();
        long term1 = term(admin, yearId, "第一学期", "2025-09-01", "2026-01-18");
        long term2 = term(admin, yearId, "第二学期", "2026-02-23", "2026-07-05");

        long parking = Http.post(url("/admin/api/ticket-items"), admin, Map.of("name", "违规停车", "points", 2))
                .json()
                .path("id")
                .asLong();
        long visitor = jdbc.queryForObject(
                "INSERT INTO " + schema() + ".visitor (wechat_openid, name, phone_masked) VALUES ('o-vstat-visitor',"
                        + " '赵访客', '137****0009') RETURNING id",
                Long.class);

        // {target (plate / r<index> / visitor / plate-of-nobody), issued at (Shanghai), what happens after}
        Object[][] tickets = {
            {"沪A10001", "2025-09-10T08:00", ""},
            {"沪A10001", "2025-10-10T08:00", ""},
            {"沪A10001", "2026-03-10T08:00", ""},
            {"沪A10001", "2026-03-11T08:00", "revoke"},
            {"沪A20002", "2026-04-01T23:59", ""}, // the last minute of 1 April in Shanghai (15:59 UTC)
            {"沪A20002", "2026-04-02T00:01", ""},
            {"沪B30003", "2025-11-01T09:00", ""},
            {"沪B30003", "2026-03-01T09:00", ""},
            {"沪B30003", "2026-05-01T09:00", "appeal-approved"},
            {"沪C40004", "2025-12-01T10:00", ""},
            {"沪C40004", "2026-04-15T10:00", ""},
            {"沪C40004", "2026-06-15T10:00", "appeal-pending"},
            {"沪D50005", "2026-03-20T10:00", ""},
            {"沪D50005", "2026-08-10T10:00", ""}, // after term 2, inside no term
            {"沪E60006", "2026-01-05T10:00", ""},
            {"沪E60006", "2026-04-05T10:00", ""},
            {"r1", "2026-03-05T10:00", ""}, // a registrant's ticket without a plate: violator board only
            {"r1", "2026-03-06T10:00", ""},
            {"r4", "2026-03-07T10:00", "revoke"},
            {"r4+沪Z99999", "2026-03-08T10:00", ""}, // a plate nobody registered, ticketed to r4
            {"visitor", "2026-03-09T10:00", ""},
        };
        String portalAppealToken = null;
        for (Object[] t : tickets) {
            String target = (String) t[0];
            Map<String, Object> body = new HashMap<>();
            body.put("itemId", parking);
            if (target.equals("visitor")) {
                body.put("visitorId", visitor);
                body.put("plate", "沪F77777");
            } else if (target.startsWith("r")) {
                String[] parts = target.split("\\+");
                body.put("registrantId", r[Integer.parseInt(parts[0].substring(1))]);
                if (parts.length > 1) {
                    body.put("plate", parts[1]);
                }
            } else {
                body.put("plate", target);
            }
            Http.Response issued = Http.postMultipart(url("/admin/api/tickets"), admin, "ticket", body, photos());
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            long id = issued.json().path("id").asLong();
            LocalDateTime at = LocalDateTime.parse((String) t[1]);
            jdbc.update(
                    "UPDATE " + schema() + ".ticket SET issued_at = ? WHERE id = ?",
                    java.sql.Timestamp.from(at.atZone(SHANGHAI).toInstant()),
                    id);
            String then = (String) t[2];
            if (then.equals("revoke")) {
                assertThat(Http.post(url("/admin/api/tickets/" + id + "/revoke"), admin, Map.of("reason", "开错了"))
                                .status())
                        .isEqualTo(200);
            } else if (then.startsWith("appeal")) {
                long owner = issued.json().path("registrantId").asLong();
                String openid = "o-vstat-" + owner;
                jdbc.update("UPDATE " + schema() + ".registrant SET wechat_openid = ? WHERE id = ?", openid, owner);
                portalAppealToken =
                        sessions.create(SchoolCode.of(SCHOOL), openid, owner).token();
                Http.Response appeal = Http.postMultipart(
                        url("/portal/" + SCHOOL + "/api/tickets/" + id + "/appeal"),
                        Map.of(PortalSessions.HEADER, portalAppealToken),
                        "appeal",
                        Map.of("reason", "当时在装卸货物"),
                        List.of());
                assertThat(appeal.status()).as(appeal.body()).isEqualTo(201);
                if (then.equals("appeal-approved")) {
                    Http.Response approved = Http.post(
                            url("/admin/api/ticket-appeals/"
                                    + appeal.json().path("id").asLong() + "/approve"),
                            admin,
                            Map.of());
                    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
                }
            }
        }
        List<Long> registrants = new ArrayList<>();
        for (long id : r) {
            registrants.add(id);
        }
        return new Seed(deptA, deptB, yearId, term1, term2, registrants, vehicleIds);
    }

    private long term(String admin, long year, String name, String from, String to) {
        Http.Response created = Http.post(
                url("/admin/api/terms"),
                admin,
                Map.of("academicYearId", year, "name", name, "startDate", from, "endDate", to));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static List<Http.FilePart> photos() throws Exception {
        return List.of(
                new Http.FilePart("front", "f.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.RED)),
                new Http.FilePart("side", "s.png", "image/png", FeedbackIT.image("png", Color.GREEN)),
                new Http.FilePart("back", "b.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.BLUE)));
    }

    // ---- the straightforward SQL ------------------------------------------------------------------------------

    /** One row as "rank:id:count", in board order. */
    private List<String> expected(String groupBy, String join, List<String> conditions, List<Object> args, int limit) {
        String where = conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions);
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        return jdbc.query(
                "SELECT rank() OVER (ORDER BY count(*) DESC) AS rk, t." + groupBy + " AS id, count(*) AS n"
                        + " FROM " + schema() + ".ticket t " + join
                        + " WHERE t.status = 'EFFECTIVE' AND t.target_kind = 'REGISTRANT'" + where
                        + " GROUP BY t." + groupBy + " ORDER BY count(*) DESC, max(t.issued_at) DESC, t." + groupBy
                        + " LIMIT ?",
                (rs, i) -> rs.getInt(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3),
                all.toArray());
    }

    private static List<String> actual(JsonNode board, String idField) {
        List<String> rows = new ArrayList<>();
        board.path("items")
                .forEach(n -> rows.add(n.path("rank").asInt() + ":"
                        + n.path(idField).asLong() + ":" + n.path("tickets").asLong()));
        return rows;
    }

    private JsonNode board(String token, String which, String query) {
        Http.Response r = Http.get(url("/admin/api/violation-stats/" + which + "?" + query), token);
        assertThat(r.status()).as(which + "?" + query + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    /** The conditions for a period given as Shanghai days, both ends inclusive (null: open). */
    private static void period(LocalDate from, LocalDate to, List<String> conditions, List<Object> args) {
        if (from != null) {
            conditions.add("t.issued_at >= ?");
            args.add(java.sql.Timestamp.from(from.atStartOfDay(SHANGHAI).toInstant()));
        }
        if (to != null) {
            conditions.add("t.issued_at < ?");
            args.add(java.sql.Timestamp.from(
                    to.plusDays(1).atStartOfDay(SHANGHAI).toInstant()));
        }
    }

    record Case(String query, LocalDate from, LocalDate to, String identity, String type, String status) {}

    private List<Case> cases() {
        LocalDate t1From = LocalDate.parse("2025-09-01");
        LocalDate t1To = LocalDate.parse("2026-01-18");
        LocalDate t2From = LocalDate.parse("2026-02-23");
        LocalDate t2To = LocalDate.parse("2026-07-05");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("", null, null, null, null, null));
        cases.add(new Case("termId=" + seed.term1(), t1From, t1To, null, null, null));
        cases.add(new Case("termId=" + seed.term2(), t2From, t2To, null, null, null));
        cases.add(new Case("academicYearId=" + seed.year(), t1From, t2To, null, null, null));
        cases.add(new Case(
                "from=2026-04-01&to=2026-04-01",
                LocalDate.parse("2026-04-01"),
                LocalDate.parse("2026-04-01"),
                null,
                null,
                null));
        cases.add(new Case("from=2026-03-01", LocalDate.parse("2026-03-01"), null, null, null, null));
        cases.add(new Case(
                "termId=" + seed.term2() + "&from=2026-04-02&to=2026-12-31",
                LocalDate.parse("2026-04-02"),
                t2To,
                null,
                null,
                null));
        cases.add(new Case("identity=STUDENT", null, null, "STUDENT", null, null));
        cases.add(new Case("identity=TEACHER&termId=" + seed.term2(), t2From, t2To, "TEACHER", null, null));
        return cases;
    }

    @Test
    void theViolatorBoardMatchesTheStraightforwardSqlForEachFilter() {
        String admin = admin();
        for (Case c : cases()) {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            period(c.from(), c.to(), conditions, args);
            if (c.identity() != null) {
                conditions.add("t.target_identity = ?");
                args.add(c.identity());
            }
            JsonNode board = board(admin, "violators", c.query());
            assertThat(actual(board, "registrantId"))
                    .as(c.query())
                    .isEqualTo(expected("registrant_id", "", conditions, args, 50));
        }
        // The whole board by hand: r0 has 5 effective tickets (car 3 of 4, one revoked; e-bike 2), r1 4 (car 2 of 3,
        // one revoked by an approved appeal; 2 without a plate), r2 3 (one under a pending appeal still counts), r4 3
        // (e-bike 2, an unregistered plate 1, one revoked), r3 2. The visitor's ticket is nowhere.
        JsonNode all = board(admin, "violators", "");
        JsonNode first = all.path("items").get(0);
        assertThat(first.path("registrantId").asLong())
                .isEqualTo(seed.registrants().get(0));
        assertThat(first.path("tickets").asLong()).isEqualTo(5);
        assertThat(first.path("name").asString()).isEqualTo("王小明");
        assertThat(first.path("number").asString()).isEqualTo("2025010001");
        assertThat(first.path("phoneMasked").asString()).isEqualTo("139****0001");
        assertThat(first.path("identity").asString()).isEqualTo("STUDENT");
        assertThat(all.path("total").asLong()).isEqualTo(5);
        // Shared rank on a tie: r2 and r4 both have three; r2 was ticketed last (2026-06-15), so comes first; the
        // next rank is 5.
        List<Long> r = seed.registrants();
        assertThat(actual(all, "registrantId"))
                .containsExactly(
                        "1:" + r.get(0) + ":5",
                        "2:" + r.get(1) + ":4",
                        "3:" + r.get(2) + ":3",
                        "3:" + r.get(4) + ":3",
                        "5:" + r.get(3) + ":2");
        // A 23:59 and a 00:01 ticket fall on two Shanghai days.
        assertThat(actual(board(admin, "violators", "from=2026-04-01&to=2026-04-01"), "registrantId"))
                .containsExactly("1:" + seed.registrants().get(0) + ":1");
        // The limit cuts the rows, not the total.
        JsonNode two = board(admin, "violators", "limit=2");
        assertThat(two.path("items").size()).isEqualTo(2);
        assertThat(two.path("total").asLong()).isEqualTo(5);
        // A term and a range that share no day: an empty board.
        assertThat(board(admin, "violators", "termId=" + seed.term1() + "&from=2026-03-01")
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void theVehicleBoardMatchesTheStraightforwardSqlForEachFilter() {
        String admin = admin();
        List<Case> cases = new ArrayList<>(cases());
        cases.add(new Case("type=EBIKE", null, null, null, "EBIKE", null));
        cases.add(new Case("type=MOTOR&status=APPROVED", null, null, null, "MOTOR", "APPROVED"));
        cases.add(new Case("status=PENDING", null, null, null, null, "PENDING"));
        cases.add(new Case(
                "status=REJECTED&termId=" + seed.term1(),
                LocalDate.parse("2025-09-01"),
                LocalDate.parse("2026-01-18"),
                null,
                null,
                "REJECTED"));
        cases.add(new Case("identity=TEACHER&type=MOTOR", null, null, "TEACHER", "MOTOR", null));
        for (Case c : cases) {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            conditions.add("v.deleted_at IS NULL");
            period(c.from(), c.to(), conditions, args);
            if (c.identity() != null) {
                conditions.add("t.target_identity = ?");
                args.add(c.identity());
            }
            if (c.type() != null) {
                conditions.add("v.type = ?");
                args.add(c.type());
            }
            if (c.status() != null) {
                conditions.add("v.status = ?");
                args.add(c.status());
            }
            JsonNode board = board(admin, "vehicles", c.query());
            assertThat(actual(board, "vehicleId"))
                    .as(c.query())
                    .isEqualTo(expected(
                            "vehicle_id",
                            "JOIN " + schema() + ".vehicle v ON v.id = t.vehicle_id",
                            conditions,
                            args,
                            50));
        }
        JsonNode all = board(admin, "vehicles", "");
        JsonNode first = all.path("items").get(0);
        // 沪C40004 and 沪A10001 both have 3; 沪C40004 was ticketed last (2026-06-15), so it comes first.
        assertThat(first.path("vehicleId").asLong()).isEqualTo(seed.cars().get(3));
        assertThat(first.path("plate").asString()).isEqualTo("沪C40004");
        assertThat(first.path("tickets").asLong()).isEqualTo(3);
        assertThat(first.path("type").asString()).isEqualTo("MOTOR");
        assertThat(first.path("status").asString()).isEqualTo("PENDING");
        assertThat(first.path("ownerName").asString()).isEqualTo("车主40004");
        assertThat(first.path("registrantName").asString()).isEqualTo("张建国");
        assertThat(all.path("items").get(1).path("rank").asInt()).isEqualTo(1);
        assertThat(all.path("items").get(2).path("rank").asInt()).isEqualTo(3);
        // The plate nobody registered and the visitor's car are not on the vehicle board.
        List<String> plates = new ArrayList<>();
        all.path("items").forEach(n -> plates.add(n.path("plate").asString()));
        assertThat(plates).doesNotContain("沪Z99999", "沪F77777").hasSize(6);
        // The drill-down: the vehicle's effective tickets through the ticket list, as many as the board counts.
        Http.Response tickets = Http.get(
                url("/admin/api/tickets?status=EFFECTIVE&vehicleId="
                        + seed.cars().get(0)),
                admin);
        assertThat(tickets.json().path("total").asLong()).isEqualTo(3);
    }

    @Test
    void aDepartmentAdministratorRanksTheirDepartmentsAndAGuardIsRefused() {
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        fixtures.staff(SCHOOL, "vsdept", "13300000211", "VsDept@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(SCHOOL, "vsdept", "VsDept@2026x");
        String user = VehicleIT.subject(dept);
        jdbc.update(
                "INSERT INTO " + schema() + ".staff_user (id, username) VALUES (?, 'vsdept') ON CONFLICT DO NOTHING",
                user);
        jdbc.update(
                "INSERT INTO " + schema() + ".staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                user,
                seed.deptB());
        grants.invalidate(SchoolCode.of(SCHOOL));
        for (String which : List.of("violators", "vehicles")) {
            String groupBy = which.equals("violators") ? "registrant_id" : "vehicle_id";
            String join = which.equals("violators") ? "" : "JOIN " + schema() + ".vehicle v ON v.id = t.vehicle_id";
            for (String query : List.of("", "termId=" + seed.term2())) {
                List<String> conditions = new ArrayList<>();
                List<Object> args = new ArrayList<>();
                conditions.add("(t.department_id = ? OR t.managed_department_id = ?)");
                args.add(seed.deptB());
                args.add(seed.deptB());
                if (!query.isEmpty()) {
                    period(LocalDate.parse("2026-02-23"), LocalDate.parse("2026-07-05"), conditions, args);
                }
                List<String> expected = expected(groupBy, join, conditions, args, 50);
                assertThat(expected).isNotEmpty();
                assertThat(actual(board(dept, which, query), which.equals("violators") ? "registrantId" : "vehicleId"))
                        .as(which + "?" + query)
                        .isEqualTo(expected);
            }
        }
        List<Long> seen = new ArrayList<>();
        board(dept, "violators", "")
                .path("items")
                .forEach(n -> seen.add(n.path("registrantId").asLong()));
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        seed.registrants().get(1), seed.registrants().get(3));

        fixtures.staff(SCHOOL, "vsguard", "13300000212", "VsGuard@2026x", SeededRole.GATE_GUARD.realmRole());
        String guard = Tokens.school(SCHOOL, "vsguard", "VsGuard@2026x");
        assertThat(Http.get(url("/admin/api/violation-stats/violators"), guard).status())
                .isEqualTo(403);
        assertThat(Http.get(url("/admin/api/violation-stats/vehicles"), guard).status())
                .isEqualTo(403);
    }

    @Test
    void badFiltersAreRefusedWithTheirCodes() {
        String admin = admin();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("violators?termId=999999", "VIOLATION_STATS_TERM_NOT_FOUND");
        bad.put("violators?termId=abc", "VIOLATION_STATS_FILTER_INVALID");
        bad.put("vehicles?academicYearId=999999", "VIOLATION_STATS_YEAR_NOT_FOUND");
        bad.put("violators?from=2026-05-01&to=2026-04-01", "VIOLATION_STATS_RANGE_INVALID");
        bad.put("vehicles?from=2026-13-01", "VIOLATION_STATS_RANGE_INVALID");
        bad.put("violators?identity=ALIEN", "VIOLATION_STATS_FILTER_INVALID");
        bad.put("vehicles?type=TRUCK", "VIOLATION_STATS_FILTER_INVALID");
        bad.put("vehicles?status=LOST", "VIOLATION_STATS_FILTER_INVALID");
        bad.put("violators?limit=101", "VIOLATION_STATS_LIMIT_INVALID");
        bad.put("vehicles?limit=0", "VIOLATION_STATS_LIMIT_INVALID");
        bad.put("vehicles?limit=x", "VIOLATION_STATS_LIMIT_INVALID");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Http.Response r = Http.get(url("/admin/api/violation-stats/" + e.getKey()), admin);
            assertThat(r.status()).as(e.getKey()).isEqualTo(400);
            assertThat(r.json().path("code").asString()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(r.json().path("message").asString()).as(e.getKey()).isNotBlank();
        }
    }
}
