package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffRoleGrants;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The violation leaderboards (A6.5, A6.6) over 200,000 tickets of one school, over HTTP with a real token, for each
 * filter the console offers, as the security office and as a department administrator. Rows are inserted straight
 * into the school's schema with generate_series: 40 departments, 20,000 registrants (four identities), 15,000
 * vehicles (a third e-bikes; 80 % approved, the rest pending or rejected), tickets over the last two years with a
 * skewed target (a few repeat offenders), 8 % revoked, 3 % to visitors, 85 % of registrant tickets naming the
 * registrant's vehicle. Runs only with {@code -Dcampuspass.bench.violation-stats=true}; prints one {@code BENCH} line
 * per board and filter (p50/p95/p99) and checks every answer against the straightforward SQL; asserts no timing.
 */
class ViolationStatsBenchIT extends StackTest {

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

    @Test
    void leaderboardsOverTwoHundredThousandTickets() {
        assumeTrue(
                Boolean.getBoolean("campuspass.bench.violation-stats"), "no -Dcampuspass.bench.violation-stats=true");
        int tickets = Integer.getInteger("campuspass.bench.tickets", 200_000);
        int rounds = Integer.getInteger("campuspass.bench.rounds", 100);
        int people = 20_000;
        int vehicles = 15_000;
        String code = "vtb" + Long.toString(System.currentTimeMillis(), 36);
        onboard(code, "admin", "13600000002", "Bench@2026");
        String token = Tokens.school(code, "admin", "Bench@2026");
        String schema = SchoolCode.of(code).schemaName();
        for (int i = 1; i <= 40; i++) {
            Http.post(url("/admin/api/departments"), token, Map.of("name", "基准学院" + i));
        }
        long firstDepartment = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".department", Long.class);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // Two academic years of two terms each; today falls in the current year's first term (termIds[2]).
        long[] termIds = new long[4];
        for (int y = 0; y < 2; y++) {
            LocalDate start = today.minusYears(1 - y).minusMonths(4).withDayOfMonth(1);
            Http.Response year = Http.post(
                    url("/admin/api/academic-years"),
                    token,
                    Map.of(
                            "name", "基准学年" + y,
                            "startDate", start.toString(),
                            "endDate", start.plusYears(1).minusDays(1).toString()));
            assertThat(year.status()).as(year.body()).isEqualTo(201);
            long yearId = year.json().path("id").asLong();
            for (int t = 0; t < 2; t++) {
                LocalDate from = start.plusMonths(6L * t);
                Http.Response term = Http.post(
                        url("/admin/api/terms"),
                        token,
                        Map.of(
                                "academicYearId",
                                yearId,
                                "name",
                                "学期" + t,
                                "startDate",
                                from.toString(),
                                "endDate",
                                from.plusMonths(6).minusDays(1).toString()));
                assertThat(term.status()).as(term.body()).isEqualTo(201);
                termIds[y * 2 + t] = term.json().path("id").asLong();
            }
        }
        long currentYear = jdbc.queryForObject(
                "SELECT id FROM " + schema + ".academic_year WHERE start_date <= ? AND end_date >= ?",
                Long.class,
                today,
                today);

        long seedStart = System.nanoTime();
        jdbc.update(
                "INSERT INTO " + schema + ".registrant (name, identity, number, phone_encrypted, phone_index,"
                        + " phone_masked, department_id)"
                        + " SELECT '备案人' || g, (ARRAY['STUDENT','STUDENT','STUDENT','TEACHER','THIRD_PARTY',"
                        + "'RESIDENT'])[1 + g % 6], 'B' || lpad(g::text, 8, '0'), 'bench', 'bench-' || g,"
                        + " '139****' || lpad((g % 10000)::text, 4, '0'), ? + g % 40 FROM generate_series(0, ? - 1) g",
                firstDepartment,
                people);
        long firstRegistrant = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".registrant", Long.class);
        jdbc.update(
                "INSERT INTO " + schema + ".vehicle (type, plate, owner_name, owner_relation, registrant_id, status,"
                        + " reject_reason, long_term)"
                        + " SELECT CASE WHEN g % 3 = 0 THEN 'EBIKE' ELSE 'MOTOR' END, '沪Q' || lpad(g::text, 5, '0'),"
                        + " '车主' || g, 'SELF', ? + g, s, CASE WHEN s = 'REJECTED' THEN '材料不全' END, g % 3 = 0"
                        + " FROM (SELECT g, (ARRAY['APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','APPROVED',"
                        + "'APPROVED','APPROVED','PENDING','REJECTED'])[1 + g % 10] AS s"
                        + " FROM generate_series(0, ? - 1) g) x",
                firstRegistrant,
                vehicles);
        long firstVehicle = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".vehicle", Long.class);
        long item = Http.post(url("/admin/api/ticket-items"), token, Map.of("name", "违规停车", "points", 2))
                .json()
                .path("id")
                .asLong();
        long visitor = jdbc.queryForObject(
                "INSERT INTO " + schema + ".visitor (wechat_openid, name, phone_masked) VALUES ('o-bench', '访客',"
                        + " '137****0000') RETURNING id",
                Long.class);
        // The target: r = people * u^3 (u uniform), so low indexes are ticketed again and again.
        jdbc.update(
                "INSERT INTO " + schema + ".ticket (ticket_no, target_kind, registrant_id, visitor_id, vehicle_id,"
                        + " vehicle_type, plate, target_name, target_number, target_identity, target_phone_masked,"
                        + " department_id, item_id, item_name, points, status, revoke_reason, issued_by, issued_at)"
                        + " SELECT 'WZB' || g, CASE WHEN vis THEN 'VISITOR' ELSE 'REGISTRANT' END,"
                        + " CASE WHEN vis THEN NULL ELSE ? + r END, CASE WHEN vis THEN ? END,"
                        + " CASE WHEN NOT vis AND r < ? AND g % 7 <> 0 THEN ? + r END,"
                        + " CASE WHEN NOT vis AND r < ? AND g % 7 <> 0 THEN CASE WHEN r % 3 = 0 THEN 'EBIKE' ELSE"
                        + " 'MOTOR' END END, '沪Q' || lpad(r::text, 5, '0'), '备案人' || r, 'B' || r,"
                        + " CASE WHEN vis THEN NULL ELSE (ARRAY['STUDENT','STUDENT','STUDENT','TEACHER','THIRD_PARTY',"
                        + "'RESIDENT'])[1 + r % 6] END, '139****0000', CASE WHEN vis THEN NULL ELSE ? + r % 40 END,"
                        + " ?, '违规停车', 2, CASE WHEN g % 12 = 0 THEN 'REVOKED' ELSE 'EFFECTIVE' END,"
                        + " CASE WHEN g % 12 = 0 THEN '撤销' END, 'bench',"
                        + " now() - make_interval(days => g % 730, mins => (g * 37) % 1440)"
                        + " FROM (SELECT g, g % 33 = 0 AS vis, floor(? * power(random(), 3))::int AS r"
                        + "   FROM generate_series(0, ? - 1) g) x",
                firstRegistrant,
                visitor,
                vehicles,
                firstVehicle,
                vehicles,
                firstDepartment,
                item,
                people,
                tickets);
        jdbc.execute("VACUUM ANALYZE " + schema + ".ticket");
        jdbc.execute("VACUUM ANALYZE " + schema + ".registrant");
        jdbc.execute("VACUUM ANALYZE " + schema + ".vehicle");
        System.out.printf(
                "BENCH violation-stats seeded tickets=%d registrants=%d vehicles=%d in %.1fs%n",
                tickets, people, vehicles, (System.nanoTime() - seedStart) / 1e9);

        // A department administrator of three departments.
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        fixtures.staff(code, "bdept", "13600000003", "BDept@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(code, "bdept", "BDept@2026x");
        String user = VehicleIT.subject(dept);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username) VALUES (?, 'bdept') ON CONFLICT DO NOTHING",
                user);
        for (int i = 0; i < 3; i++) {
            jdbc.update(
                    "INSERT INTO " + schema + ".staff_user_department (user_id, department_id) VALUES (?, ?)",
                    user,
                    firstDepartment + i);
        }
        grants.invalidate(SchoolCode.of(code));

        String monthAgo = today.minusDays(29).toString();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("violators ALL", "violators?");
        filters.put("violators TERM", "violators?termId=" + termIds[2]);
        filters.put("violators PREVIOUS_TERM", "violators?termId=" + termIds[1]);
        filters.put("violators YEAR", "violators?academicYearId=" + currentYear);
        filters.put("violators LAST_30_DAYS", "violators?from=" + monthAgo + "&to=" + today);
        filters.put("violators IDENTITY", "violators?identity=TEACHER");
        filters.put("violators TERM+IDENTITY", "violators?identity=STUDENT&termId=" + termIds[2]);
        filters.put("vehicles ALL", "vehicles?");
        filters.put("vehicles TERM", "vehicles?termId=" + termIds[2]);
        filters.put("vehicles YEAR", "vehicles?academicYearId=" + currentYear);
        filters.put("vehicles LAST_30_DAYS", "vehicles?from=" + monthAgo + "&to=" + today);
        filters.put("vehicles TYPE", "vehicles?type=EBIKE");
        filters.put("vehicles STATUS", "vehicles?status=PENDING");
        filters.put(
                "vehicles ALL_FILTERS", "vehicles?type=MOTOR&status=APPROVED&identity=STUDENT&termId=" + termIds[2]);
        List<Long> all = new ArrayList<>();
        for (String who : List.of("office", "department")) {
            String bearer = who.equals("office") ? token : dept;
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                String path = "/admin/api/violation-stats/" + filter.getValue() + "&limit=50";
                Http.Response check = Http.get(url(path), bearer);
                assertThat(check.status()).as(check.body()).isEqualTo(200);
                if (who.equals("office")) {
                    // The whole school has rows for every filter; three departments may have none for a narrow one
                    // (the bench's pending vehicles are a tenth, spread at random).
                    assertThat(check.json().path("items").size()).as(path).isPositive();
                }
                for (int i = 0; i < 5; i++) {
                    Http.get(url(path), bearer); // warm-up
                }
                long[] micros = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    Http.Response r = Http.get(url(path), bearer);
                    micros[i] = (System.nanoTime() - start) / 1_000;
                    assertThat(r.status()).isEqualTo(200);
                }
                Arrays.sort(micros);
                for (long m : micros) {
                    all.add(m);
                }
                System.out.printf(
                        "BENCH violation-stats tickets=%d as=%s board=%s n=%d rows=%d total=%d p50=%.1fms p95=%.1fms"
                                + " p99=%.1fms max=%.1fms%n",
                        tickets,
                        who,
                        filter.getKey(),
                        rounds,
                        check.json().path("items").size(),
                        check.json().path("total").asLong(),
                        micros[rounds / 2] / 1000.0,
                        micros[(int) (rounds * 0.95) - 1] / 1000.0,
                        micros[(int) (rounds * 0.99) - 1] / 1000.0,
                        micros[rounds - 1] / 1000.0);
            }
        }
        // The answers equal the straightforward SQL (the whole board, the first 50 rows).
        List<Long> expected = jdbc.queryForList(
                "SELECT registrant_id FROM " + schema + ".ticket WHERE status = 'EFFECTIVE' AND target_kind ="
                        + " 'REGISTRANT' GROUP BY registrant_id ORDER BY count(*) DESC, max(issued_at) DESC,"
                        + " registrant_id LIMIT 50",
                Long.class);
        List<Long> actual = new ArrayList<>();
        Http.get(url("/admin/api/violation-stats/violators"), token)
                .json()
                .path("items")
                .forEach(n -> actual.add(n.path("registrantId").asLong()));
        assertThat(actual).isEqualTo(expected);
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "BENCH violation-stats tickets=%d board=all n=%d p50=%.1fms p95=%.1fms p99=%.1fms%n",
                tickets,
                sorted.length,
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) (sorted.length * 0.95) - 1] / 1000.0,
                sorted[(int) (sorted.length * 0.99) - 1] / 1000.0);
        String plan = String.join(
                "\n",
                jdbc.queryForList(
                        "EXPLAIN (ANALYZE, BUFFERS) SELECT t.registrant_id, count(*), max(t.issued_at) FROM " + schema
                                + ".ticket t WHERE t.status = 'EFFECTIVE' AND t.target_kind = 'REGISTRANT'"
                                + " GROUP BY t.registrant_id",
                        String.class));
        System.out.println("BENCH violation-stats plan (ALL):\n" + plan);
    }
}
