package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.campuspass.platform.school.SchoolCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Department visitor statistics (A6.3) and the visitor leaderboard (A6.4) over 1,000,000 bookings, over HTTP with a
 * real token, for every date preset. Bookings are inserted straight into the school's schema with generate_series:
 * 40 host departments, 100,000 visitors with ten bookings each, visit dates over the last two years, statuses mixed
 * as a school sees them (60 % visited), each visit passing one of four gates. The load bypasses the V25 roll-up
 * triggers and rebuilds the roll-ups (the migration's back-fill), as a restore would. Also times the staff portal's
 * S3 endpoints (daily, gates, overview). Runs only with {@code -Dcampuspass.bench.visitor-stats=true}; prints one
 * {@code BENCH} line per endpoint and preset (p50/p95/p99) and asserts no timing.
 */
class VisitorStatsBenchIT extends StackTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void statisticsOverAMillionBookings() {
        assumeTrue(Boolean.getBoolean("campuspass.bench.visitor-stats"), "no -Dcampuspass.bench.visitor-stats=true");
        int bookings = Integer.getInteger("campuspass.bench.bookings", 1_000_000);
        int visitors = Math.max(1, bookings / 10);
        int rounds = Integer.getInteger("campuspass.bench.rounds", 100);
        String code = "vsb" + Long.toString(System.currentTimeMillis(), 36);
        onboard(code, "admin", "13600000001", "Bench@2026");
        String token = Tokens.school(code, "admin", "Bench@2026");
        String schema = SchoolCode.of(code).schemaName();
        for (int i = 1; i <= 40; i++) {
            Http.post(url("/admin/api/departments"), token, Map.of("name", "基准学院" + i));
        }
        long firstDepartment = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".department", Long.class);

        long seedStart = System.nanoTime();
        jdbc.update(
                "INSERT INTO " + schema + ".visitor (wechat_openid, name, phone_masked, id_number_masked)"
                        + " SELECT 'o-bench-' || g, '访客' || g, '139****' || lpad((g % 10000)::text, 4, '0'),"
                        + " '110105**********' || lpad((g % 100)::text, 2, '0') FROM generate_series(1, ?) g",
                visitors);
        long firstVisitor = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".visitor", Long.class);
        // A bulk load bypasses the roll-up triggers and rebuilds the roll-ups afterwards (V25's back-fill).
        jdbc.execute("ALTER TABLE " + schema + ".visitor_booking DISABLE TRIGGER visitor_booking_stats");
        jdbc.execute("ALTER TABLE " + schema + ".visitor_access_record DISABLE TRIGGER visitor_access_record_stats");
        // Each visitor's ten bookings fall on ten different days (so the one-per-slot index never objects): the
        // day is (g / visitors) * 73 + g % 73 days before today, i.e. spread over the last 730 days.
        jdbc.update(
                "INSERT INTO " + schema + ".visitor_booking (kind, visitor_id, host_id, host_name, host_department_id,"
                        + " visit_date, slot, reason, transport, companion_count, visitor_name, visitor_phone_masked,"
                        + " status, reject_reason, visited_at, created_by, created_at)"
                        + " SELECT CASE WHEN g % 4 = 0 THEN 'HOST_INVITATION' ELSE 'VISITOR_REQUEST' END,"
                        + " ? + g % ?, 1 + g % 500, '教师' || (g % 500), ? + (g % 500) % 40,"
                        + " d, (ARRAY['MORNING','AFTERNOON','EVENING'])[1 + g % 3], '学术交流', 'WALK',"
                        + " CASE WHEN g % 5 = 0 THEN 1 + g % 3 ELSE 0 END, '访客' || (g % ?), '139****0000',"
                        + " s, CASE WHEN s = 'REJECTED' THEN '不在校' END,"
                        + " CASE WHEN s = 'VISITED' THEN (d + time '09:00') AT TIME ZONE 'Asia/Shanghai' END, 'bench',"
                        + " now()"
                        // The school's today (Shanghai), not the database session's: from 16:00 UTC they differ.
                        + " FROM (SELECT g, ((now() AT TIME ZONE 'Asia/Shanghai')::date - ((g / ?) * 73 + g % 73))::date"
                        + "   AS d,"
                        + "   (ARRAY['VISITED','VISITED','VISITED','VISITED','VISITED','VISITED','VISITED','VISITED',"
                        + "     'VISITED','VISITED','VISITED','VISITED','EXPIRED','EXPIRED','REJECTED','CANCELLED',"
                        + "     'APPROVED','APPROVED','PENDING_APPROVAL','CANCELLED'])[1 + (g * 7) % 20] AS s"
                        + "   FROM generate_series(0, ? - 1) g) x",
                firstVisitor,
                visitors,
                firstDepartment,
                visitors,
                visitors,
                bookings);
        // Every visit passed one of four gates of two campuses at 09:00 of its day.
        long campus = jdbc.queryForObject(
                "INSERT INTO " + schema + ".campus (name) VALUES ('基准校区') RETURNING id", Long.class);
        long campus2 = jdbc.queryForObject(
                "INSERT INTO " + schema + ".campus (name) VALUES ('基准东校区') RETURNING id", Long.class);
        jdbc.update(
                "INSERT INTO " + schema + ".gate (campus_id, name) VALUES (?, '北门'), (?, '南门'), (?, '东门'),"
                        + " (?, '西门')",
                campus,
                campus,
                campus2,
                campus2);
        long firstGate = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".gate", Long.class);
        jdbc.update(
                "INSERT INTO " + schema + ".visitor_access_record (booking_id, visitor_id, host_id, host_department_id,"
                        + " name, campus_id, gate_id, method, allowed, verified_by, passed_at)"
                        + " SELECT b.id, b.visitor_id, b.host_id, b.host_department_id, b.visitor_name, g.campus_id,"
                        + " g.id, 'GUARD', true, 'bench', b.visited_at"
                        + " FROM " + schema + ".visitor_booking b JOIN " + schema + ".gate g ON g.id = ? + b.id % 4"
                        + " WHERE b.status = 'VISITED'",
                firstGate);
        jdbc.execute("ALTER TABLE " + schema + ".visitor_booking ENABLE TRIGGER visitor_booking_stats");
        jdbc.execute("ALTER TABLE " + schema + ".visitor_access_record ENABLE TRIGGER visitor_access_record_stats");
        long rebuildStart = System.nanoTime();
        jdbc.queryForObject(
                "SELECT " + schema + ".visitor_stats_rebuild(((now() AT TIME ZONE 'Asia/Shanghai')::date - 1))",
                Object.class);
        System.out.printf(
                "BENCH visitor-stats roll-ups rebuilt in %.1fs: %s day rows, %s visitor rows, %s gate-day rows%n",
                (System.nanoTime() - rebuildStart) / 1e9,
                jdbc.queryForObject("SELECT count(*) FROM " + schema + ".visitor_stats_day", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM " + schema + ".visitor_stats_visitor", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM " + schema + ".visitor_stats_gate_day", Long.class));
        for (String table : List.of(
                "visitor_access_record",
                "visitor_stats_day",
                "visitor_stats_visitor",
                "visitor_stats_visitor_department",
                "visitor_stats_gate_day")) {
            jdbc.execute("VACUUM ANALYZE " + schema + "." + table);
        }
        jdbc.execute("VACUUM ANALYZE " + schema + ".visitor_booking");
        jdbc.execute("VACUUM ANALYZE " + schema + ".visitor");
        System.out.printf(
                "BENCH visitor-stats seeded bookings=%d visitors=%d in %.1fs%n",
                bookings, visitors, (System.nanoTime() - seedStart) / 1e9);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".visitor_booking", Long.class))
                .isEqualTo(bookings);

        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String yearAgo = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .minusYears(1)
                .toString();
        Map<String, String> presets = new LinkedHashMap<>();
        presets.put("ALL", "preset=ALL");
        presets.put("TODAY", "preset=TODAY");
        presets.put("LAST_7_DAYS", "preset=LAST_7_DAYS");
        presets.put("LAST_30_DAYS", "preset=LAST_30_DAYS");
        presets.put("THIS_MONTH", "preset=THIS_MONTH");
        presets.put("CUSTOM_1_YEAR", "preset=CUSTOM&from=" + yearAgo + "&to=" + today);
        List<Long> all = new ArrayList<>();
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("departments", List.copyOf(presets.keySet()));
        endpoints.put("leaderboard", List.copyOf(presets.keySet()));
        endpoints.put("daily", List.of("ALL", "LAST_7_DAYS", "LAST_30_DAYS", "CUSTOM_1_YEAR"));
        endpoints.put("gates", List.of("ALL", "TODAY", "LAST_30_DAYS", "CUSTOM_1_YEAR"));
        endpoints.put("overview", List.of("ALL"));
        for (Map.Entry<String, List<String>> e : endpoints.entrySet()) {
            String endpoint = e.getKey();
            for (Map.Entry<String, String> preset : presets.entrySet()) {
                if (!e.getValue().contains(preset.getKey())) {
                    continue;
                }
                String path = "/admin/api/visitor-stats/" + endpoint
                        + (endpoint.equals("overview") ? "" : "?" + preset.getValue());
                Http.Response check = Http.get(url(path), token);
                assertThat(check.status()).as(check.body()).isEqualTo(200);
                assertThat(endpoint.equals("overview")
                                || check.json().path("items").size() > 0)
                        .isTrue();
                for (int i = 0; i < 5; i++) {
                    Http.get(url(path), token); // warm-up
                }
                long[] micros = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    Http.Response r = Http.get(url(path), token);
                    micros[i] = (System.nanoTime() - start) / 1_000;
                    assertThat(r.status()).isEqualTo(200);
                }
                Arrays.sort(micros);
                for (long m : micros) {
                    all.add(m);
                }
                System.out.printf(
                        "BENCH visitor-stats bookings=%d endpoint=%s preset=%s n=%d p50=%.1fms p95=%.1fms"
                                + " p99=%.1fms max=%.1fms%n",
                        bookings,
                        endpoint,
                        preset.getKey(),
                        rounds,
                        micros[rounds / 2] / 1000.0,
                        micros[(int) (rounds * 0.95) - 1] / 1000.0,
                        micros[(int) (rounds * 0.99) - 1] / 1000.0,
                        micros[rounds - 1] / 1000.0);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "BENCH visitor-stats bookings=%d endpoint=all n=%d p50=%.1fms p95=%.1fms p99=%.1fms%n",
                bookings,
                sorted.length,
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) (sorted.length * 0.95) - 1] / 1000.0,
                sorted[(int) (sorted.length * 0.99) - 1] / 1000.0);
    }
}
